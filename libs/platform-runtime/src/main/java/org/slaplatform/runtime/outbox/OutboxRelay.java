package org.slaplatform.runtime.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.postgresql.PGConnection;
import org.slaplatform.runtime.health.Heartbeats;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Runs the {@link OutboxPublisher} on a thread of its own: woken by the outbox's NOTIFY on commit,
 * looking anyway every poll interval, backing off while the database or the broker is down.
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
    private volatile boolean running;
    private Thread thread;
    private Heartbeats.Heartbeat turns;
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
        if (!config.relayEnabled()) {
            LOG.warn("outbox relay disabled (platform.outbox.relay-enabled=false): events stay in the outbox");
            return;
        }
        producer = createProducer(bootstrapServers, serviceName + "-outbox", kafkaSecurity);
        Counter published = Counter.builder("outbox.published").description("Events published from the outbox")
                .register(registry);
        OutboxPublisher publisher = new OutboxPublisher(dataSource, producer, config.batchSize());
        running = true;
        turns = heartbeats.loop("outbox-relay", config.pollInterval());
        thread = new Thread(() -> relay(publisher, published), "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (turns != null) {
            turns.stop();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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

    private void relay(OutboxPublisher publisher, Counter published) {
        while (running) {
            try (Connection listener = dataSource.getConnection()) {
                listener.setAutoCommit(true);
                try (Statement statement = listener.createStatement()) {
                    statement.execute("listen \"" + currentSchema(listener) + "_outbox\"");
                }
                PGConnection notifications = listener.unwrap(PGConnection.class);
                long lagDueAt = System.nanoTime();
                while (running) {
                    int count;
                    int total = 0;
                    do {
                        count = publisher.publishBatch();
                        published.increment(count);
                        turns.beat();
                        total += count;
                    } while (count == config.batchSize() && running);
                    // the lag is measured when idle and at most once per poll interval while busy: under a
                    // stream of commits, measuring it after every batch cost a query per batch
                    if (total == 0 || System.nanoTime() - lagDueAt >= 0) {
                        lag.set(publisher.lagSeconds());
                        lagDueAt = System.nanoTime() + config.pollInterval().toNanos();
                    }
                    if (total > 0 && !config.linger().isZero()) {
                        Thread.sleep(config.linger().toMillis());
                        notifications.getNotifications(); // the commits it gathered are published next anyway
                        continue;
                    }
                    notifications.getNotifications((int) config.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("outbox relay failed, retrying in %s: %s", config.retryBackoff(), e.toString());
                try {
                    Thread.sleep(config.retryBackoff().toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                var rs = statement.executeQuery("select current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
