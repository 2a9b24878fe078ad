package org.slaplatform.runtime.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.slaplatform.runtime.health.Heartbeats;
import org.slaplatform.runtime.worker.Job;
import org.slaplatform.runtime.worker.Next;
import org.slaplatform.runtime.worker.Worker;
import org.slaplatform.runtime.worker.WorkerSettings;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Runs the {@link OutboxPublisher} on the platform {@link Worker} {@code outbox-relay}: woken by the
 * outbox's NOTIFY on commit ({@code <schema>_outbox}), looking anyway every poll interval, backing off
 * while the database or the broker is down; and the {@link OutboxPurge} on the worker
 * {@code outbox-purge}, which deletes published rows past {@code platform.outbox.retention}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final String serviceName;
    private final MeterRegistry registry;
    private final Heartbeats heartbeats;
    private final Map<String, Object> kafkaSecurity;
    private final AtomicReference<Double> lag = new AtomicReference<>(0.0);
    private Worker worker;
    private Worker purge;
    private Producer<String, byte[]> producer;

    OutboxRelay(AgroalDataSource dataSource, OutboxConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String serviceName, MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, Heartbeats heartbeats) {
        this.dataSource = dataSource;
        this.kafkaSecurity = securitySettings(kafkaConfig);
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.serviceName = serviceName;
        this.registry = registry;
        this.heartbeats = heartbeats;
    }

    void start(@Observes StartupEvent startup) {
        Gauge.builder("outbox.lag", lag, AtomicReference::get).baseUnit("seconds")
                .description("Age of the oldest event not yet published to Kafka").register(registry);
        // published rows past the retention go, whether or not this instance relays
        purge = new Worker(WorkerSettings.of("outbox-purge", config.purgeInterval())
                .backoff(config.retryBackoff(), WorkerSettings.BACKOFF_CAP), dataSource, heartbeats,
                new OutboxPurge(dataSource, config.retention(), config.purgeBatchSize()));
        purge.start();
        if (!config.relayEnabled()) {
            LOG.warn("outbox relay disabled (platform.outbox.relay-enabled=false): events stay in the outbox");
            return;
        }
        producer = createProducer(bootstrapServers, serviceName + "-outbox", kafkaSecurity);
        Counter published = Counter.builder("outbox.published").description("Events published from the outbox")
                .register(registry);
        OutboxPublisher publisher = new OutboxPublisher(dataSource, producer, config.batchSize());
        worker = new Worker(WorkerSettings.of("outbox-relay", config.pollInterval()).listening("outbox")
                .backoff(config.retryBackoff(), WorkerSettings.BACKOFF_CAP), dataSource, heartbeats,
                new Relay(publisher, published));
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (purge != null) {
            purge.stop(Duration.ofSeconds(5));
        }
        if (worker != null) {
            worker.stop(Duration.ofSeconds(5));
        }
        if (producer != null) {
            producer.close();
        }
    }

    /** The producer every relay uses: all replicas acknowledge, idempotent so retries keep order. */
    public static Producer<String, byte[]> createProducer(String bootstrapServers, String clientId) {
        return createProducer(bootstrapServers, clientId, Map.of());
    }

    /**
     * The relay's producer with the broker's security settings ({@code security.protocol},
     * {@code sasl.*}, {@code ssl.*}): on Kubernetes every service authenticates as its own
     * KafkaUser (deploy/k8s), the same settings its channels get from the {@code kafka.*} keys.
     */
    public static Producer<String, byte[]> createProducer(String bootstrapServers, String clientId,
            Map<String, Object> security) {
        Properties props = new Properties();
        props.putAll(security);
        props.putAll(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5",
                ProducerConfig.LINGER_MS_CONFIG, "2",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000"));
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** The {@code kafka.security.protocol}, {@code kafka.sasl.*} and {@code kafka.ssl.*} keys, without the prefix. */
    public static Map<String, Object> securitySettings(Map<String, Object> kafkaConfig) {
        Map<String, Object> security = new TreeMap<>();
        kafkaConfig.forEach((key, value) -> {
            if ((key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl."))
                    && value != null && !value.toString().isEmpty()) {
                security.put(key, value);
            }
        });
        return security;
    }

    /**
     * One turn: one batch published. A full batch says more is waiting; a smaller one lets commits
     * gather for the linger, if any, else waits for the next commit. The lag is measured when idle and at most once per poll interval
     * while busy: under a stream of commits, measuring it after every batch cost a query per batch.
     */
    private final class Relay implements Job {

        private final OutboxPublisher publisher;
        private final Counter published;
        private long lagDueAt = System.nanoTime();

        Relay(OutboxPublisher publisher, Counter published) {
            this.publisher = publisher;
            this.published = published;
        }

        @Override
        public Next turn() throws Exception {
            int count = publisher.publishBatch();
            published.increment(count);
            if (count == 0 || System.nanoTime() - lagDueAt >= 0) {
                lag.set(publisher.lagSeconds());
                lagDueAt = System.nanoTime() + config.pollInterval().toNanos();
            }
            if (count == config.batchSize()) {
                return Next.now();
            }
            return count > 0 && !config.linger().isZero() ? Next.after(config.linger()) : Next.idle();
        }
    }
}
