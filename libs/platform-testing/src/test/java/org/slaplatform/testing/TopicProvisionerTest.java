package org.slaplatform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.TopicProvisioner;
import org.slaplatform.events.Topics;
import org.slaplatform.events.Topics.Topic;
import org.slaplatform.localinfra.KafkaBroker;

/**
 * The platform's topics come from the event contract, on the broker the local run and the tests
 * start (automatic creation off): partitions, cleanup policy and retention as {@link Topics} says.
 */
class TopicProvisionerTest {

    private static Path directory;
    private static KafkaBroker broker;
    private static Admin admin;

    // The broker in this JVM logs every controller event at INFO; the topics' fate is in the assertions.
    private static final java.util.logging.Logger KAFKA_LOG = java.util.logging.Logger.getLogger("org.apache.kafka");
    private static final java.util.logging.Logger BROKER_LOG = java.util.logging.Logger.getLogger("kafka");
    private static final java.util.logging.Logger STATE_LOG = java.util.logging.Logger.getLogger("state.change.logger");

    @BeforeAll
    static void startBroker() throws Exception {
        KAFKA_LOG.setLevel(java.util.logging.Level.WARNING);
        BROKER_LOG.setLevel(java.util.logging.Level.WARNING);
        STATE_LOG.setLevel(java.util.logging.Level.WARNING);
        directory = Files.createTempDirectory("topic-provisioner-test");
        broker = KafkaBroker.start(directory.resolve("kafka"), 0, 0);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        admin = Admin.create(props);
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.close();
    }

    @Test
    void everyTopicIsCreatedWithTheContractsPartitionsCleanupAndRetention() throws Exception {
        TopicProvisioner.Outcome first = TopicProvisioner.provision(admin, Topics.all(), Duration.ofSeconds(60));
        assertThat(first.created()).containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(Topic::name).toList());

        List<String> names = Topics.all().stream().map(Topic::name).toList();
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
        Map<ConfigResource, Config> configs = admin.describeConfigs(
                names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get();
        for (Topic topic : Topics.all()) {
            assertThat(described.get(topic.name()).partitions()).as(topic.name() + " partitions").hasSize(topic.partitions());
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            assertThat(config.get("cleanup.policy").value()).as(topic.name() + " cleanup.policy")
                    .isEqualTo(topic.cleanup() == Topic.Cleanup.COMPACT ? "compact" : "delete");
            if (topic.retention() != null) {
                assertThat(config.get("retention.ms").value()).as(topic.name() + " retention.ms")
                        .isEqualTo(Long.toString(topic.retention().toMillis()));
            }
        }
        assertThat(described.get(Topics.CONTRACTS.name()).partitions()).hasSize(12);

        TopicProvisioner.Outcome again = TopicProvisioner.provision(admin, Topics.all(), Duration.ofSeconds(60));
        assertThat(again.created()).isEmpty();
        assertThat(again.reconfigured()).isEmpty();
        assertThat(again.findings()).isEmpty();
    }

    @Test
    void aCompactedTopicBornWithTheBrokersDefaultsIsSetBackToCompactedAndItsMissingPartitionsReported() throws Exception {
        Topic contracts = new Topic("contracts-born-wrong.v1", "accountId", Topic.Cleanup.COMPACT, 12, null);
        admin.createTopics(List.of(new NewTopic(contracts.name(), 3, (short) 1)
                .configs(Map.of("cleanup.policy", "delete", "retention.ms", "604800000")))).all().get();

        TopicProvisioner.Outcome outcome = TopicProvisioner.provision(admin, List.of(contracts), Duration.ofSeconds(60));

        assertThat(outcome.reconfigured()).containsExactly(contracts.name());
        assertThat(outcome.findings()).singleElement().asString().contains("3 partitions, the contract 12");
        // The controller has committed the change when provision returns; the broker that answers
        // describeConfigs applies it from the metadata log a moment later (KRaft), so read until it has.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, contracts.name())))
                    .all().get().values().iterator().next();
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
        });
        assertThat(admin.describeTopics(List.of(contracts.name())).allTopicNames().get().get(contracts.name()).partitions())
                .as("partitions are never added to an existing topic: keys would move").hasSize(3);
    }

    @Test
    void theBrokerCreatesNoTopicWhenAClientNamesAnUnknownOne() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("nobody-declared-this.v1", "k", "v")).get(10, TimeUnit.SECONDS))
                    .isInstanceOfAny(ExecutionException.class, org.apache.kafka.common.errors.TimeoutException.class);
        }
        assertThat(admin.listTopics().names().get()).doesNotContain("nobody-declared-this.v1");
    }
}
