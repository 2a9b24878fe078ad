package org.slaplatform.slatimer;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.TimeOrderedIds;
import org.slaplatform.events.Topics;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestInfrastructure;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Not part of the build: run with
 * {@code ./mvnw -pl sla-timer-service -am verify -Dtest=TimerFiringBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dbench.timers=1000000 -Dbench.spread-seconds=300 -Dbench.start-seconds=90 -Dbench.ingest=50000}.
 * Arms N breach timers directly in the database with deadlines spread evenly over the next
 * {@code spread} seconds (real clock), then reads sla-breaches.v1 and reports the lag from each
 * deadline (ce_time) to the record's Kafka timestamp, p50/p99/max; then sends {@code ingest}
 * ticket.created events to tickets.v1 and reports how many the service stored per second.
 * {@code -Dbench.timers.due=D} (default N) arms only D of them in the spread and the other N - D over the
 * 30 days after it: the cost curve at 10x ({@code -Dbench.timers=10000000 -Dbench.timers.due=1000000})
 * fires as many timers per second as the run at 1,000,000, with ten times as many armed.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@EnabledIfSystemProperty(named = "bench.timers", matches = "\\d+")
class TimerFiringBenchmark {

    @Test
    void firingLagAndIngestRate() throws Exception {
        int timers = Integer.getInteger("bench.timers");
        int due = Math.min(timers, Integer.getInteger("bench.timers.due", timers));
        int spread = Integer.getInteger("bench.spread-seconds", 120);
        int ingest = Integer.getInteger("bench.ingest", 20_000);
        System.out.printf("BENCH load average at start: %s%n", loadAverage());
        long armStart = System.nanoTime();
        Instant first;
        try (Connection c = ServiceDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("insert into clock_generations (ticket_id, generation) select ('00000000-0000-0000-0000-'"
                    + " || lpad(to_hex(i), 12, '0'))::uuid, 1 from generate_series(1, " + timers + ") i on conflict do nothing");
            if (due < timers) {
                // Armed, not due in the run: deadlines over 30 days from tomorrow, armed before the due ones
                // (and before the first deadline is chosen), however long that takes.
                try (PreparedStatement p = c.prepareStatement("insert into sla_timers (ticket_id, target, cycle, kind, due_at, "
                        + "generation, account_id, severity, calendar, policy, policy_version, target_due_at) "
                        + "select ('00000000-0000-0000-0000-' || lpad(to_hex(i), 12, '0'))::uuid, 'FIRST_RESPONSE', 0, 'breach', "
                        + "?::timestamptz + (i * 2592000.0 / ?) * interval '1 second', 1, 'bench', 1, 'standard', "
                        + "'infostretch', 1, ?::timestamptz + (i * 2592000.0 / ?) * interval '1 second' "
                        + "from generate_series(?, ?) i")) {
                    String after = Instant.now().plusSeconds(86_400L).toString();
                    p.setString(1, after);
                    p.setInt(2, timers);
                    p.setString(3, after);
                    p.setInt(4, timers);
                    p.setInt(5, due + 1);
                    p.setInt(6, timers);
                    p.executeUpdate();
                }
            }
            // Arming a million rows takes a while on a loaded machine: the first deadline must come after it.
            first = Instant.now().plusSeconds(Integer.getInteger("bench.start-seconds", 30));
            try (PreparedStatement p = c.prepareStatement("insert into sla_timers (ticket_id, target, cycle, kind, due_at, "
                    + "generation, account_id, severity, calendar, policy, policy_version, target_due_at) "
                    + "select ('00000000-0000-0000-0000-' || lpad(to_hex(i), 12, '0'))::uuid, 'FIRST_RESPONSE', 0, 'breach', "
                    + "?::timestamptz + (i * ?::double precision / ?) * interval '1 second', 1, 'bench', 1, 'standard', "
                    + "'infostretch', 1, ?::timestamptz + (i * ?::double precision / ?) * interval '1 second' "
                    + "from generate_series(1, ?) i")) {
                p.setString(1, first.toString());
                p.setInt(2, spread);
                p.setInt(3, due);
                p.setString(4, first.toString());
                p.setInt(5, spread);
                p.setInt(6, due);
                p.setInt(7, due);
                p.executeUpdate();
            }
            // A million rows in one statement leave the planner with the empty table's statistics until
            // autovacuum's analyze comes by (a live system grows its timers gradually): the firing claim
            // would scan and sort the whole table for each batch until then.
            s.execute("analyze clock_generations");
            s.execute("analyze sla_timers");
        }
        System.out.printf("BENCH armed %d timers (%d due in the spread) in %.1f s; first deadline %s, spread %d s%n",
                timers, due, (System.nanoTime() - armStart) / 1e9, first, spread);

        List<long[]> fired = new ArrayList<>(due);
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000));
        Instant stopAt = first.plusSeconds(spread).plusSeconds(Math.max(120, due / 1000));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SLA_BREACHES.name()));
            while (fired.size() < due && Instant.now().isBefore(stopAt)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key().startsWith("00000000-0000-0000-0000-")) {
                        Instant deadline = Instant.parse(CloudEventCodec.header(r.headers(), CloudEventCodec.CE_TIME));
                        fired.add(new long[] { deadline.toEpochMilli(), r.timestamp() - deadline.toEpochMilli() });
                    }
                }
            }
        }
        List<Long> lags = new ArrayList<>(fired.size());
        fired.forEach(f -> lags.add(f[1]));
        lags.sort(null);
        System.out.printf("BENCH fired %d of %d due (%d armed); deadline->Kafka lag ms p50=%d p99=%d max=%d; load average %s%n",
                lags.size(), due, timers, pct(lags, 50), pct(lags, 99), lags.isEmpty() ? -1 : lags.get(lags.size() - 1),
                loadAverage());
        // Lag per tenth of the spread, by deadline: a cap on the timers fired per round would show as lag
        // growing from one tenth to the next while the due timers pile up.
        long from = first.toEpochMilli();
        long width = Math.max(1, spread * 1000L / 10);
        for (int tenth = 0; tenth < 10; tenth++) {
            long lo = from + tenth * width;
            long hi = tenth == 9 ? Long.MAX_VALUE : lo + width;
            List<Long> window = new ArrayList<>();
            fired.stream().filter(f -> f[0] >= lo && f[0] < hi).forEach(f -> window.add(f[1]));
            window.sort(null);
            System.out.printf("BENCH   deadlines %3d-%3d s: %7d fired, lag ms p50=%d p99=%d max=%d%n", tenth * width / 1000,
                    (tenth + 1) * width / 1000, window.size(), pct(window, 50), pct(window, 99),
                    window.isEmpty() ? -1 : window.get(window.size() - 1));
        }

        // Baseline in the same run: single-row transactions on the same server, each its own commit (the
        // ceiling of a consumer that commits once per event, set by the WAL flush of this disk).
        int commits = 300;
        long commitStart = System.nanoTime();
        try (Connection c = ServiceDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("create table bench_commits (id int primary key)");
            try (PreparedStatement p = c.prepareStatement("insert into bench_commits values (?)")) {
                for (int i = 0; i < commits; i++) {
                    p.setInt(1, i);
                    p.executeUpdate();
                }
            }
            s.execute("drop table bench_commits");
        }
        double commitRate = commits / ((System.nanoTime() - commitStart) / 1e9);
        System.out.printf("BENCH baseline: %d single-row autocommit inserts: %.0f commits/s; load average %s%n", commits,
                commitRate, loadAverage());

        long before = ServiceDatabase.count("select count(*) from ticket_events");
        long jvmCpuBefore = jvmCpuNanos();
        long dbCpuBefore = databaseCpuTicks();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        long sendStart = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            Instant filed = Instant.now();
            for (int i = 0; i < ingest; i++) {
                // time-ordered, as the ticket service makes them: a new ticket's timers go to the newest pages
                UUID id = TimeOrderedIds.next();
                producer.send(CloudEventCodec.toRecord(EventEnvelope.of(EventTypes.TICKET_CREATED, "bench", id.toString(),
                        filed, new TicketCreated(id, "bench-ingest", 1 + i % 4, "bench", "API", filed, "DEFECT",
                                "infostretch", 1, "Maintenance", "America/Los_Angeles", List.of()))));
            }
        }
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> ServiceDatabase.count("select count(*) from ticket_events") >= before + ingest);
        double seconds = (System.nanoTime() - sendStart) / 1e9;
        double jvmCpuMs = (jvmCpuNanos() - jvmCpuBefore) / 1e6;
        double dbCpuMs = (databaseCpuTicks() - dbCpuBefore) * 1000.0 / 100; // USER_HZ = 100 on Linux
        System.out.printf("BENCH ingest CPU: %.3f ms per event in the test JVM (service, in-JVM broker and this producer), "
                + "%.3f ms per event in the database's server processes%n", jvmCpuMs / ingest, dbCpuMs / ingest);
        System.out.printf("BENCH ingested %d ticket.created events in %.1f s: %.0f events/s (%.1f x the one-commit-per-event "
                + "baseline); load average %s%n", ingest, seconds, ingest / seconds, ingest / seconds / commitRate,
                loadAverage());
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime (clock ticks) of this database's server processes: its backends, WAL writer, checkpointer. */
    private static long databaseCpuTicks() {
        long ticks = 0;
        try (Connection c = ServiceDatabase.connect(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("select pid from pg_stat_activity "
                        + "where datname = current_database() or backend_type <> 'client backend'")) {
            while (rs.next()) {
                try {
                    String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + rs.getInt(1) + "/stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (java.io.IOException | RuntimeException gone) {
                    // a process that ended in between
                }
            }
        } catch (java.sql.SQLException e) {
            return 0;
        }
        return ticks;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
