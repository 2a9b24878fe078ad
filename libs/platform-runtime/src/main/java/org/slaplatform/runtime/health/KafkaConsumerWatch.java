package org.slaplatform.runtime.health;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;

/**
 * Reports every Kafka consumer of the service (each incoming channel of the connector, each of its
 * clients when {@code concurrency > 1}) to {@link Heartbeats}: the age of its last poll, read from the
 * client's own {@code last-poll-seconds-ago} metric (thread-safe, no call to the broker; the
 * connector polls about every second even when idle or paused, so a growing age means its polling
 * thread died or hangs), and its lag, measured every {@code platform.health.consumer-lag-interval}
 * on the client's polling thread (the client is not thread-safe) as the end offsets of the assigned
 * partitions minus the group's committed offsets: the records not yet handled, including those
 * fetched and waiting in the connector's queue.
 */
@ApplicationScoped
public class KafkaConsumerWatch {

    private static final Logger LOG = Logger.getLogger(KafkaConsumerWatch.class);
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(5);

    private final Instance<KafkaClientService> clients;
    private final Heartbeats heartbeats;
    private final HealthConfig config;
    private ScheduledExecutorService sampler;

    KafkaConsumerWatch(Instance<KafkaClientService> clients, Heartbeats heartbeats, HealthConfig config) {
        this.clients = clients;
        this.heartbeats = heartbeats;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        if (!clients.isResolvable()) {
            return;
        }
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "consumer-watch");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.consumerLagInterval().toMillis();
        sampler.scheduleWithFixedDelay(this::sample, Math.min(every, 2_000), every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (sampler != null) {
            sampler.shutdownNow();
        }
    }

    /** Reads every client's poll age into {@link Heartbeats}: cheap, so the health check calls it on each answer. */
    public void observePolls() {
        if (!clients.isResolvable()) {
            return;
        }
        KafkaClientService service = clients.get();
        for (String channel : service.getConsumerChannels()) {
            int copy = 0;
            for (KafkaConsumer<Object, Object> consumer : service.<Object, Object>getConsumers(channel)) {
                copy++;
                Consumer<Object, Object> client = consumer.unwrap();
                if (client == null) {
                    continue;
                }
                Object clientId = consumer.configuration().get("client.id");
                heartbeats.observePoll(channel, clientId == null ? channel + "#" + copy : clientId.toString(),
                        lastPollSecondsAgo(client));
            }
        }
    }

    private void sample() {
        try {
            observePolls();
            measureLags();
        } catch (RuntimeException e) {
            // a failing sample leaves the last figures, whose age then speaks for itself
            LOG.debugf("consumer watch sample failed: %s", e);
        }
    }

    private void measureLags() {
        KafkaClientService service = clients.get();
        // with concurrency=N the connector may list the copies of a channel apart: their lags add up
        Map<String, Long> lags = new TreeMap<>();
        Set<String> unmeasured = new HashSet<>();
        for (String channel : service.getConsumerChannels()) {
            String name = Heartbeats.channelName(channel);
            for (KafkaConsumer<Object, Object> consumer : service.<Object, Object>getConsumers(channel)) {
                try {
                    long lag = consumer.runOnPollingThread(KafkaConsumerWatch::lag)
                            .await().atMost(BROKER_TIMEOUT.multipliedBy(3));
                    lags.merge(name, lag, Long::sum);
                } catch (RuntimeException e) {
                    // the polling thread does not answer: the poll age will tell; keep the last lag
                    unmeasured.add(name);
                    LOG.debugf("lag of %s not measured: %s", channel, e);
                }
            }
        }
        lags.forEach((channel, lag) -> {
            if (!unmeasured.contains(channel)) {
                heartbeats.observeLag(channel, lag);
            }
        });
    }

    /** On the polling thread: the records of the assigned partitions beyond the committed offsets. */
    static long lag(Consumer<?, ?> client) {
        Set<TopicPartition> assigned = client.assignment();
        if (assigned.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, Long> ends = client.endOffsets(assigned, BROKER_TIMEOUT);
        Map<TopicPartition, OffsetAndMetadata> committed = client.committed(assigned, BROKER_TIMEOUT);
        long lag = 0;
        for (TopicPartition partition : assigned) {
            Long end = ends.get(partition);
            if (end == null) {
                continue;
            }
            OffsetAndMetadata done = committed.get(partition);
            long from = done != null ? done.offset() : client.position(partition, BROKER_TIMEOUT);
            lag += Math.max(0, end - from);
        }
        return lag;
    }

    /** The client's {@code last-poll-seconds-ago} (consumer-metrics), -1 before its first poll or when it has none (closed). */
    static double lastPollSecondsAgo(Consumer<?, ?> client) {
        for (Map.Entry<MetricName, ? extends Metric> metric : client.metrics().entrySet()) {
            MetricName name = metric.getKey();
            if (name.name().equals("last-poll-seconds-ago") && name.group().equals("consumer-metrics")) {
                Object value = metric.getValue().metricValue();
                return value instanceof Number n ? n.doubleValue() : -1;
            }
        }
        return -1;
    }
}
