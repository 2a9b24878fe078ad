package org.slaplatform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slaplatform.events.Topics.Topic;

/**
 * Makes the broker's topics what {@link Topics} says: a missing topic is created with its partitions,
 * cleanup policy and retention; an existing one gets its cleanup policy and retention set back when
 * they differ (a compacted topic created by a broker's auto-creation would otherwise lose contract
 * state after a week). Partitions are never changed on an existing topic: fewer than the contract's
 * is reported, because adding partitions moves keys and breaks their order.
 *
 * <p>Replication is three copies where the cluster has three brokers or more (then
 * {@code min.insync.replicas=2}, so {@code acks=all} survives one broker down), else one per broker.
 * Safe to run from every instance of every service at once: a topic created by another in the
 * meantime counts as existing.
 */
public final class TopicProvisioner {

    /** What a run did: topics created, topics whose configuration was set back, findings left as they are. */
    public record Outcome(List<String> created, List<String> reconfigured, List<String> findings) {
    }

    private TopicProvisioner() {
    }

    public static Outcome provision(Admin admin, Collection<Topic> topics, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int brokers = admin.describeCluster().nodes().get(remaining(deadline), TimeUnit.NANOSECONDS).size();
        short replication = (short) Math.max(1, Math.min(3, brokers));
        Set<String> existing = admin.listTopics().names().get(remaining(deadline), TimeUnit.NANOSECONDS);

        List<NewTopic> missing = new ArrayList<>();
        List<Topic> present = new ArrayList<>();
        for (Topic topic : topics) {
            if (existing.contains(topic.name())) {
                present.add(topic);
            } else {
                missing.add(new NewTopic(topic.name(), topic.partitions(), replication)
                        .configs(configs(topic, replication)));
            }
        }
        List<String> created = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        if (!missing.isEmpty()) {
            var results = admin.createTopics(missing).values();
            for (NewTopic topic : missing) {
                try {
                    results.get(topic.name()).get(remaining(deadline), TimeUnit.NANOSECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // another instance created it a moment ago, from the same contract
                }
            }
        }
        List<String> reconfigured = new ArrayList<>();
        if (!present.isEmpty()) {
            Map<String, TopicDescription> described = admin.describeTopics(present.stream().map(Topic::name).toList())
                    .allTopicNames().get(remaining(deadline), TimeUnit.NANOSECONDS);
            List<ConfigResource> resources = present.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all()
                    .get(remaining(deadline), TimeUnit.NANOSECONDS);
            Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
            for (Topic topic : present) {
                int partitions = described.get(topic.name()).partitions().size();
                if (partitions < topic.partitions()) {
                    findings.add(topic.name() + " has " + partitions + " partitions, the contract " + topic.partitions()
                            + "; left as it is (more partitions would move keys and break their order)");
                }
                ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
                List<AlterConfigOp> ops = new ArrayList<>();
                Config actual = configs.get(resource);
                for (Map.Entry<String, String> wanted : contractConfigs(topic).entrySet()) {
                    ConfigEntry entry = actual.get(wanted.getKey());
                    if (entry == null || !wanted.getValue().equals(entry.value())) {
                        ops.add(new AlterConfigOp(new ConfigEntry(wanted.getKey(), wanted.getValue()), AlterConfigOp.OpType.SET));
                    }
                }
                if (!ops.isEmpty()) {
                    changes.put(resource, ops);
                    reconfigured.add(topic.name());
                }
            }
            if (!changes.isEmpty()) {
                admin.incrementalAlterConfigs(changes).all().get(remaining(deadline), TimeUnit.NANOSECONDS);
            }
        }
        return new Outcome(created, reconfigured, findings);
    }

    /** The topic-level settings the contract fixes: cleanup policy, and retention for a deleted-on-age topic. */
    public static Map<String, String> contractConfigs(Topic topic) {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                topic.cleanup() == Topic.Cleanup.COMPACT ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        if (topic.retention() != null) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topic.retention().toMillis()));
        }
        return configs;
    }

    private static Map<String, String> configs(Topic topic, short replication) {
        Map<String, String> configs = contractConfigs(topic);
        if (replication >= 3) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        return configs;
    }

    private static long remaining(long deadline) throws TimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new TimeoutException("topic provisioning took longer than its time limit");
        }
        return left;
    }
}
