package org.slaplatform.load;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.slaplatform.events.TopicProvisioner;
import org.slaplatform.events.Topics;
import org.slaplatform.events.Topics.Topic;

/**
 * The running broker's topics against the event contract: every topic of {@link Topics} exists with
 * its partitions, cleanup policy and retention. Prints one line per topic; exit 1 on any difference.
 */
final class TopicsCheck {

    private final Options options;

    TopicsCheck(Options options) {
        this.options = options;
    }

    int execute() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.get("kafka", "127.0.0.1:29092"));
        int wrong = 0;
        try (Admin admin = Admin.create(p)) {
            var existing = admin.listTopics().names().get();
            List<Topic> present = Topics.all().stream().filter(t -> existing.contains(t.name())).toList();
            Map<String, TopicDescription> described = admin.describeTopics(present.stream().map(Topic::name).toList())
                    .allTopicNames().get();
            Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList()).all().get();
            for (Topic topic : Topics.all()) {
                Map<String, String> contract = TopicProvisioner.contractConfigs(topic);
                String expected = describe(topic.partitions(), contract.get("cleanup.policy"),
                        contract.getOrDefault("retention.ms", "-"));
                if (!existing.contains(topic.name())) {
                    System.out.printf("%-38s missing (contract: %s)%n", topic.name(), expected);
                    wrong++;
                    continue;
                }
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                String actual = describe(described.get(topic.name()).partitions().size(), value(config, "cleanup.policy"),
                        topic.retention() == null ? "-" : value(config, "retention.ms"));
                boolean same = actual.equals(expected);
                System.out.printf("%-38s %s%s%n", topic.name(), actual, same ? "" : "   DIFFERS from the contract: " + expected);
                wrong += same ? 0 : 1;
            }
        }
        System.out.printf("topics: %d of %d as the event contract says%n", Topics.all().size() - wrong, Topics.all().size());
        return wrong == 0 ? 0 : 1;
    }

    private static String describe(int partitions, String cleanup, String retentionMs) {
        return "partitions=" + partitions + " cleanup.policy=" + cleanup + " retention.ms=" + retentionMs;
    }

    private static String value(Config config, String key) {
        ConfigEntry entry = config.get(key);
        return entry == null ? "?" : entry.value();
    }
}
