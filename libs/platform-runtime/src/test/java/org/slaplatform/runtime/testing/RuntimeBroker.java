package org.slaplatform.runtime.testing;

import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slaplatform.events.TopicProvisioner;
import org.slaplatform.events.Topics;
import org.slaplatform.runtime.outbox.OutboxRelay;
import org.slaplatform.testing.TestInfrastructure;

/** The test JVM's real Kafka broker ({@link TestInfrastructure}) with the event contract's topics. */
public final class RuntimeBroker {

    // the broker in this JVM logs every controller event at INFO; what matters is in the assertions
    private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");
    private static final Logger BROKER_LOG = Logger.getLogger("kafka");
    private static final Logger STATE_LOG = Logger.getLogger("state.change.logger");
    private static boolean provisioned;

    private RuntimeBroker() {
    }

    /** The bootstrap servers of a broker that holds every topic of the contract (automatic creation is off). */
    public static synchronized String withTopics() {
        KAFKA_LOG.setLevel(Level.WARNING);
        BROKER_LOG.setLevel(Level.WARNING);
        STATE_LOG.setLevel(Level.WARNING);
        String bootstrap = TestInfrastructure.shared().kafkaBootstrapServers();
        if (!provisioned) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                TopicProvisioner.provision(admin, Topics.all(), Duration.ofSeconds(60));
            } catch (Exception e) {
                throw new IllegalStateException("cannot provision the contract's topics", e);
            }
            warmUp(bootstrap, Topics.TICKETS);
            provisioned = true;
        }
        return bootstrap;
    }

    /**
     * Writes one record to every partition of {@code topic} until the broker takes it. Right after a
     * topic is created, the broker may answer NOT_LEADER_OR_FOLLOWER for a moment; an idempotent producer
     * with several batches in flight then got OutOfOrderSequence for that partition until its delivery
     * timeout (30 s), which failed the first test to publish. The records' key names no aggregate.
     */
    private static void warmUp(String bootstrap, Topics.Topic topic) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false"), new StringSerializer(), new ByteArraySerializer())) {
            for (int partition = 0; partition < topic.partitions(); partition++) {
                producer.send(new ProducerRecord<>(topic.name(), partition, "warm-up", new byte[0])).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic.name(), e);
        }
    }

    /** The producer a relay uses in production (acks=all, idempotent). */
    public static Producer<String, byte[]> relayProducer(String clientId) {
        return OutboxRelay.createProducer(withTopics(), clientId);
    }
}
