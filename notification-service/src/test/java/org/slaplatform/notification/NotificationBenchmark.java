package org.slaplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.TestInfrastructure;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Notices per second from Kafka to a local webhook receiver and to GreenMail, and the latency from
 * the event's time ({@code ce_time}, set when it is produced) to its arrival. Run with
 * {@code -Dbench.notification=true} (see docs/notification-service.md); skipped otherwise.
 */
@QuarkusTest
@TestProfile(NotificationBenchmark.Profile.class)
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(GreenMailResource.class)
@EnabledIfSystemProperty(named = "bench.notification", matches = "true")
class NotificationBenchmark {

    /** The production defaults, with a loopback receiver allowed. */
    public static class Profile implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("notification.allow-private-webhook-targets", "true",
                    "notification.allow-plain-http-webhooks", "true",
                    "quarkus.log.category.\"org.slaplatform.notification\".level", "WARN");
        }
    }

    private static final List<String> REPORT = new ArrayList<>();
    /** ce_time per delivery id, for the p99 per second of a phase. */
    private static final Map<String, Long> EVENT_TIMES = new ConcurrentHashMap<>();

    @Test
    @DisplayName("NTF-5 benchmark: webhooks at a steady 1,000 events/s, then a burst; email burst to GreenMail")
    void benchmark() throws Exception {
        int steadyRate = Integer.getInteger("bench.notification.rate", 1000);
        int steadySeconds = Integer.getInteger("bench.notification.seconds", 10);
        int burst = Integer.getInteger("bench.notification.burst", 10000);
        int emails = Integer.getInteger("bench.notification.emails", 1000);
        int warmup = Integer.getInteger("bench.notification.warmup", 20_000);
        REPORT.add("warm-up: " + warmup + " events");

        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        Map<String, Long> latencies = new ConcurrentHashMap<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            long now = System.currentTimeMillis();
            String deliveryId = exchange.getRequestHeaders().getFirst("webhook-id");
            Instant eventTime = Instant.parse(exchange.getRequestHeaders().getFirst("ce-time"));
            if (arrivals.putIfAbsent(deliveryId, now) == null) {
                latencies.put(deliveryId, now - eventTime.toEpochMilli());
                EVENT_TIMES.put(deliveryId, eventTime.toEpochMilli());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "1"),
                new StringSerializer(), new ByteArraySerializer())) {
            Notices.subscribe("bench-hook", "WEBHOOK", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            // warm-up: the consumer's first rebalance and the JIT are not measured. 20,000 events by default:
            // the 200 of earlier sessions left the JIT compiling at half a core through the first seconds
            // of the steady phase (docs/notification-service.md); bench.notification.warmup=200 gives those runs again
            run(producer, "bench-hook", warmup, 0, arrivals, latencies, "warm-up", false);

            run(producer, "bench-hook", steadyRate * steadySeconds, steadyRate, arrivals, latencies,
                    "webhook, steady " + steadyRate + " events/s for " + steadySeconds + " s", true);
            run(producer, "bench-hook", burst, 0, arrivals, latencies, "webhook, burst of " + burst + " events", true);

            Notices.subscribe("bench-mail", "EMAIL", "bench@bench-mail.example");
            long mailsBefore = GreenMailResource.greenMail().getReceivedMessages().length;
            long start = System.currentTimeMillis();
            List<EventEnvelope<TicketCreated>> sent = produce(producer, "bench-mail", emails, 0);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(
                    () -> GreenMailResource.greenMail().getReceivedMessages().length - mailsBefore >= emails);
            long end = System.currentTimeMillis();
            // SMTP has no arrival clock of ours: the latency is the event's time to the recorded delivery
            List<Long> mailLatencies = new ArrayList<>();
            try (var connection = org.slaplatform.testing.ServiceDatabase.connect();
                    var rs = connection.createStatement().executeQuery("select (extract(epoch from delivered_at"
                            + " - event_time) * 1000)::bigint from deliveries where account_id = 'bench-mail'")) {
                while (rs.next()) {
                    mailLatencies.add(rs.getLong(1));
                }
            }
            report("email, burst of " + emails + " events", emails, end - start, mailLatencies);
        } finally {
            server.stop(0);
        }
        String text = String.join("\n", REPORT);
        System.out.println("\n=== notification benchmark ===\n" + text + "\n");
        Files.writeString(Path.of("target", "notification-benchmark.txt"), text + "\n");
    }

    private static void run(KafkaProducer<String, byte[]> producer, String account, int count, int rate,
            Map<String, Long> arrivals, Map<String, Long> latencies, String label, boolean measured) {
        arrivals.clear();
        latencies.clear();
        EVENT_TIMES.clear();
        long start = System.currentTimeMillis();
        produce(producer, account, count, rate);
        long produced = System.currentTimeMillis();
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> arrivals.size() >= count);
        long end = arrivals.values().stream().mapToLong(Long::longValue).max().orElse(start);
        assertThat(arrivals).hasSize(count);
        if (measured) {
            report(label, count, end - start, new ArrayList<>(latencies.values()));
            REPORT.add("    planned (consumer): " + plannedRate(account, start) + "; delivered (worker): "
                    + deliveredRate(account, start) + "; produced in " + (produced - start) + " ms (" + count * 1000L
                    / Math.max(1, produced - start) + " events/s), longest send() " + longestSend / 1_000_000 + " ms");
            REPORT.add("    stages p50/p99/max ms: " + stages(account, start, arrivals));
            Map<Long, List<Long>> bySecond = new java.util.TreeMap<>();
            latencies.forEach((id, latency) -> bySecond.computeIfAbsent((EVENT_TIMES.get(id) - start) / 1000,
                    s -> new ArrayList<>()).add(latency));
            REPORT.add("    p99 ms by second of ce_time: " + bySecond.values().stream()
                    .map(l -> { l.sort(null); return String.valueOf(l.get((int) Math.ceil(l.size() * 0.99) - 1)); })
                    .collect(java.util.stream.Collectors.joining(" ")));
        }
    }

    private static long longestSend;

    /**
     * Where the time went, per delivery of the phase: ce_time to the consumer's transaction
     * ({@code created_at}, its start), to the try's start ({@code delivery_attempts.started_at}: claimed and
     * handed to the HTTP client), to the receiver's arrival, and to the recorder's commit.
     */
    private static String stages(String account, long sinceMillis, Map<String, Long> arrivals) {
        List<Long> consumed = new ArrayList<>();
        List<Long> waited = new ArrayList<>();
        List<Long> http = new ArrayList<>();
        List<Long> recorded = new ArrayList<>();
        try (var connection = org.slaplatform.testing.ServiceDatabase.connect();
                var rs = connection.createStatement().executeQuery("select d.id::text,"
                        + " (extract(epoch from d.event_time) * 1000)::bigint, (extract(epoch from d.created_at) * 1000)::bigint,"
                        + " (extract(epoch from a.started_at) * 1000)::bigint, (extract(epoch from d.delivered_at) * 1000)::bigint"
                        + " from deliveries d join delivery_attempts a on a.delivery_id = d.id and a.outcome = 'DELIVERED'"
                        + " where d.account_id = '" + account + "' and d.created_at >= to_timestamp(" + sinceMillis / 1000.0 + ")")) {
            while (rs.next()) {
                Long arrival = arrivals.get(rs.getString(1));
                consumed.add(rs.getLong(3) - rs.getLong(2));
                waited.add(rs.getLong(4) - rs.getLong(3));
                if (arrival != null) {
                    http.add(arrival - rs.getLong(4));
                }
                recorded.add(rs.getLong(5) - rs.getLong(4));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return "event->consumer tx " + percentiles(consumed) + "; tx->send " + percentiles(waited) + "; send->arrival "
                + percentiles(http) + "; send->recorded " + percentiles(recorded);
    }

    private static String percentiles(List<Long> values) {
        if (values.isEmpty()) {
            return "-";
        }
        values.sort(null);
        return values.get(values.size() / 2) + "/" + values.get((int) Math.ceil(values.size() * 0.99) - 1) + "/"
                + values.get(values.size() - 1);
    }

    private static List<EventEnvelope<TicketCreated>> produce(KafkaProducer<String, byte[]> producer, String account,
            int count, int rate) {
        List<EventEnvelope<TicketCreated>> sent = new ArrayList<>();
        longestSend = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (rate > 0) {
                long due = t0 + (long) i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
            UUID id = UUID.randomUUID();
            Instant now = Instant.now();
            EventEnvelope<TicketCreated> event = EventEnvelope.of(EventTypes.TICKET_CREATED, "bench", id.toString(), now,
                    new TicketCreated(id, account, 2, "Benchmark " + i, "API", now, "DEFECT", "infostretch", 1,
                            "Enterprise", "UTC", List.of()));
            long before = System.nanoTime();
            producer.send(CloudEventCodec.toRecord(event));
            longestSend = Math.max(longestSend, System.nanoTime() - before);
            sent.add(event);
        }
        producer.flush();
        return sent;
    }

    /** Deliveries written by the consumer per second, in this phase (created_at is the transaction's start). */
    private static String plannedRate(String account, long sinceMillis) {
        return rate("created_at", account, sinceMillis);
    }

    private static String deliveredRate(String account, long sinceMillis) {
        return rate("delivered_at", account, sinceMillis);
    }

    private static String rate(String column, String account, long sinceMillis) {
        try (var connection = org.slaplatform.testing.ServiceDatabase.connect();
                var rs = connection.createStatement().executeQuery("select count(*), extract(epoch from max(" + column
                        + ") - min(" + column + ")) from deliveries where account_id = '" + account
                        + "' and created_at >= to_timestamp(" + sinceMillis / 1000.0 + ")")) {
            rs.next();
            return String.format("%.0f/s", rs.getLong(1) / Math.max(0.001, rs.getDouble(2)));
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void report(String label, int count, long millis, List<Long> latencies) {
        StringBuilder line = new StringBuilder(String.format("%-45s %6d notices in %6d ms = %7.0f notices/s", label,
                count, millis, count * 1000.0 / Math.max(1, millis)));
        if (!latencies.isEmpty()) {
            latencies.sort(null);
            line.append(String.format("; event->delivery p50 %d ms, p99 %d ms, max %d ms",
                    latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1),
                    latencies.get(latencies.size() - 1)));
        }
        line.append("; load average ").append(loadAverage());
        REPORT.add(line.toString());
    }

    /** The machine's 1-, 5- and 15-minute load averages when the phase ended (the machine is shared). */
    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
