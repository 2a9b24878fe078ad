package org.slaplatform.availability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slaplatform.events.EventTypes;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Benchmarks, off by default (docs/availability-service.md):
 * {@code ./mvnw -pl availability-service -am verify -Dtest=AvailabilityBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false -Dbench.availability=true}
 * <ol>
 * <li>probe results ingested per second over HTTP, in batches of 5,000, from 4 client threads, in the
 * results shape and the compact groups shape ({@code -Dbench.availability.shape=results|groups|both},
 * {@code -Dbench.availability.rounds=3}, {@code -Dbench.availability.warmup=1}; the median per shape);</li>
 * <li>the month close of 10,000 instances ({@code -Dbench.availability.instances=100000} for the cost
 * curve at 10x; 100 instances per account at every size), each with a month of history written straight into the
 * database: 200 quorum-down minutes, 30 outages (a third of them excluded, consecutive ones
 * overlapping) and the account's 4 excluded maintenance windows ({@code -Dbench.availability.close=false}
 * skips it).</li>
 * </ol>
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@EnabledIfSystemProperty(named = "bench.availability", matches = "true")
class AvailabilityBenchmarkTest {

    /** Instances registered, each with a month of history; 100 per account ({@code -Dbench.availability.instances}). */
    private static final int INSTANCES = Integer.getInteger("bench.availability.instances", 10_000);
    private static final int ACCOUNTS = Math.max(1, INSTANCES / 100);
    private static final int BATCH = 5_000;
    private static final int BATCHES = Integer.getInteger("bench.availability.batches", 80);
    private static final int THREADS = 4;
    /** results (one object per check), groups (the compact shape) or both (alternating rounds). */
    private static final String SHAPE = System.getProperty("bench.availability.shape", "both");
    /** Rounds of BATCHES batches per shape; each shape's median over its rounds is reported. */
    private static final int ROUNDS = Integer.getInteger("bench.availability.rounds", 3);
    /** Rounds per shape run first and not counted. */
    private static final int WARMUP = Integer.getInteger("bench.availability.warmup", 1);
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    @TestHTTPResource("/api/v1/probe-results/batches")
    URL batches;

    @Test
    void ingestThenMonthClose() throws Exception {
        TestClock.set(Instant.parse("2026-11-12T12:00:00Z"));
        history();
        Fixtures.registerTestProbe(); // issue 17: the probe's scope and locations

        // 1. Ingest: each batch = 1,000 instances x 5 minutes x 1 location, all distinct rows. With
        // shape=both, rounds of results-shape and groups-shape batches alternate (distinct minutes each),
        // so the two shapes are compared under the same load.
        String token = TestTokens.probe();
        // The JDK's HTTP client with the bodies encoded beforehand: the client shares the 2 cores with the
        // service, so it should cost as little as a real probe's would (RestAssured's per-request Groovy
        // machinery does not).
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // Warm-up rounds first (the JIT: the first rounds ran up to twice as slow), not counted; with
        // both shapes, the measured rounds go results, groups, groups, results, ... so that neither
        // shape always runs later, on warmer code and a fuller table.
        List<String> shapes = new ArrayList<>();
        for (int round = -WARMUP; round < ROUNDS; round++) {
            switch (SHAPE) {
                case "both" -> shapes.addAll(round % 2 == 0 ? List.of("results", "groups") : List.of("groups", "results"));
                case "results", "groups" -> shapes.add(SHAPE);
                default -> throw new IllegalArgumentException("bench.availability.shape: results, groups or both");
            }
        }
        int warmupRounds = WARMUP * (SHAPE.equals("both") ? 2 : 1);
        Map<String, List<Double>> rates = new java.util.LinkedHashMap<>();
        long accepted = 0;
        for (int round = 0; round < shapes.size(); round++) {
            String shape = shapes.get(round);
            // Each round its own day of November (before the clock), so every round inserts as many new rows.
            List<byte[]> encoded = bodies(shape, Instant.parse("2026-11-04T00:00:00Z").plusSeconds(86_400L * round));
            System.out.printf("BENCH load before ingest round %d (%s): %s%n", round + 1, shape, loadAverage());
            long start = System.nanoTime();
            long roundAccepted = post(client, token, encoded);
            double seconds = (System.nanoTime() - start) / 1e9;
            accepted += roundAccepted;
            boolean warmup = round < warmupRounds;
            if (!warmup) {
                rates.computeIfAbsent(shape, k -> new ArrayList<>()).add(roundAccepted / seconds);
            }
            System.out.printf("BENCH ingest%s (%s shape): %d results in %d batches of %d over HTTP, %d threads: %.1f s, %.0f results/s, load after %s%n",
                    warmup ? " warm-up, not counted" : "", shape, roundAccepted, BATCHES, BATCH, THREADS, seconds,
                    roundAccepted / seconds, loadAverage());
        }
        rates.forEach((shape, list) -> System.out.printf("BENCH ingest %s shape, median of %d: %.0f results/s %s%n", shape,
                list.size(), median(list), list.stream().map(r -> String.format("%.0f", r)).toList()));
        if (rates.size() == 2) {
            System.out.printf("BENCH ingest ratio groups/results (medians): %.2f%n",
                    median(rates.get("groups")) / median(rates.get("results")));
        }
        if (!Boolean.parseBoolean(System.getProperty("bench.availability.close", "true"))) {
            TestClock.reset();
            return;
        }

        // 2. Month close of October for every instance.
        System.out.printf("BENCH load before month close: %s%n", loadAverage());
        long start = System.nanoTime();
        // The test client's default read timeout is 30 s: this call may take longer.
        int published = given().config(io.restassured.RestAssured.config().httpClient(
                io.restassured.config.HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 900_000)))
                .auth().oauth2(TestTokens.admin()).when().post("/api/v1/month-closes/run")
                .then().statusCode(200).extract().path("published");
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH month close: %d instance-months published in %.1f s (%.0f per second), load after %s%n",
                published, seconds, published / seconds, loadAverage());
        assertThat(published).isGreaterThanOrEqualTo(INSTANCES);
        assertThat(ServiceDatabase.count("select count(*) from outbox where type = '" + EventTypes.MONTH_CLOSED.type() + "'"))
                .isEqualTo(published);
        // Minute-exact at scale: a sample of the published figures equals what the uptime API computes one by one.
        for (int i = 1; i <= INSTANCES; i += INSTANCES / 25) {
            String instance = "bench-" + i;
            Map<String, Object> closed = given().auth().oauth2(TestTokens.admin()).when()
                    .get("/api/v1/instances/" + instance + "/months/2026-10/results").then().statusCode(200)
                    .extract().path("[0].result");
            Map<String, Object> computed = given().auth().oauth2(TestTokens.admin()).queryParam("month", "2026-10").when()
                    .get("/api/v1/instances/" + instance + "/uptime").then().statusCode(200).extract().path("");
            for (String figure : List.of("totalMinutes", "unavailableMinutes", "excludedMinutes", "excludedByCause",
                    "uptimePercent", "met")) {
                assertThat(closed.get(figure)).as(instance + " " + figure).isEqualTo(computed.get(figure));
            }
        }
        System.out.printf("BENCH storage: %d probe_minutes rows for %d results ingested plus the seeded history%n",
                ServiceDatabase.count("select count(*) from probe_minutes"), accepted);
        TestClock.reset();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * BATCHES bodies over the INSTANCES instances, 5 minutes from {@code base}, 4 locations in turn. The
     * results shape: one object per check. The groups shape: the same checks, one group per minute
     * (each batch's checks share location and minute, 1,000 instances a group).
     */
    private static List<byte[]> bodies(String shape, Instant base) {
        String[] locations = { "frankfurt", "virginia", "singapore", "sydney" };
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            StringBuilder json = new StringBuilder(shape.equals("groups") ? "{\"groups\":[" : "{\"results\":[");
            String location = locations[b % 4];
            Instant groupTime = null;
            StringBuilder ids = new StringBuilder();
            StringBuilder ups = new StringBuilder();
            StringBuilder latency = new StringBuilder();
            for (int r = 0; r < BATCH; r++) {
                int instance = 1 + (b * BATCH + r) % INSTANCES;
                Instant time = base.plusSeconds(60L * ((b * BATCH + r) / INSTANCES) + 5);
                boolean up = r % 50 != 0;
                if (shape.equals("results")) {
                    json.append(r == 0 ? "" : ",").append("{\"instanceId\":\"bench-").append(instance)
                            .append("\",\"location\":\"").append(location).append("\",\"time\":\"").append(time)
                            .append("\",\"up\":").append(up).append(",\"latencyMs\":87}");
                    continue;
                }
                if (!time.equals(groupTime)) {
                    group(json, location, groupTime, ids, ups, latency);
                    groupTime = time;
                }
                ids.append(ids.isEmpty() ? "" : ",").append("\"bench-").append(instance).append('"');
                ups.append(ups.isEmpty() ? "" : ",").append(up);
                latency.append(latency.isEmpty() ? "" : ",").append(87);
            }
            group(json, location, groupTime, ids, ups, latency);
            bodies.add(json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private static void group(StringBuilder json, String location, Instant time, StringBuilder ids, StringBuilder ups,
            StringBuilder latency) {
        if (time == null || ids.isEmpty()) {
            return;
        }
        json.append(json.charAt(json.length() - 1) == '[' ? "" : ",").append("{\"location\":\"").append(location)
                .append("\",\"time\":\"").append(time).append("\",\"instanceIds\":[").append(ids)
                .append("],\"up\":[").append(ups).append("],\"latencyMs\":[").append(latency).append("]}");
        ids.setLength(0);
        ups.setLength(0);
        latency.setLength(0);
    }

    /** Posts every body from THREADS threads; the results accepted. */
    private long post(HttpClient client, String token, List<byte[]> encoded) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (byte[] body : encoded) {
                done.add(pool.submit(() -> {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(batches.toURI())
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    Matcher accepted = ACCEPTED.matcher(response.body());
                    assertThat(accepted.find()).as(response.body()).isTrue();
                    return Integer.parseInt(accepted.group(1));
                }));
            }
            long accepted = 0;
            for (Future<Integer> f : done) {
                accepted += f.get();
            }
            return accepted;
        } finally {
            pool.shutdown();
        }
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** A month of October history for INSTANCES instances in ACCOUNTS accounts, written with set-based SQL. */
    private static void history() throws Exception {
        try (Connection c = ServiceDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("insert into instances select 'bench-' || i, 'bench-acct-' || (i % " + ACCOUNTS + "), 'quantive', 1, "
                    + "case when i % 2 = 0 then 'Enterprise' else 'Other' end, 'Europe/Berlin', 'Europe/Berlin', 'p', "
                    + "'production', true, 1, now() from generate_series(1, " + INSTANCES + ") i");
            s.execute("insert into probe_minutes select 'bench-' || i, timestamptz '2026-10-01 00:00+02' "
                    + "+ (m * 211 + i % 97) * interval '1 minute', 3, 6, 3, 300 "
                    + "from generate_series(1, " + INSTANCES + ") i, generate_series(0, 199) m");
            // POL-3: each account's terms since before the month, as a contract event records them
            s.execute("insert into contract_terms (account_id, revision, since, policy, policy_version, plan) "
                    + "select 'bench-acct-' || a, 1, timestamptz '2026-01-01 00:00Z', 'quantive', 1, "
                    + "case when a % 2 = 0 then 'Enterprise' else 'Other' end from generate_series(0, " + (ACCOUNTS - 1) + ") a");
            s.execute("insert into outages (id, instance_id, account_id, cause, started_at, ended_at, note, reported_by, "
                    + "policy_version, recorded_at, policy) select gen_random_uuid(), 'bench-' || i, 'bench-acct-' || (i % " + ACCOUNTS + "), "
                    + "(array['OURS','FORCE_MAJEURE','CUSTOMER_CAUSED'])[1 + o % 3], "
                    + "timestamptz '2026-10-01 03:00+02' + (o / 2) * interval '47 hours' + (o % 2) * interval '10 minutes', "
                    + "timestamptz '2026-10-01 03:00+02' + (o / 2) * interval '47 hours' + (o % 2) * interval '10 minutes' "
                    + "+ interval '25 minutes', null, 'bench', 1, now(), 'quantive' "
                    + "from generate_series(1, " + INSTANCES + ") i, generate_series(0, 29) o");
            s.execute("insert into maintenance select gen_random_uuid(), 'bench-acct-' || a, null, 'PLANNED', 'ANNOUNCED', 1, "
                    + "timestamptz '2026-09-01 00:00Z', timestamptz '2026-10-03 02:00+02' + w * interval '7 days', "
                    + "timestamptz '2026-10-03 03:00+02' + w * interval '7 days', true, '', 'bench', 'quantive', 1 "
                    + "from generate_series(0, " + (ACCOUNTS - 1) + ") a, generate_series(0, 3) w");
            s.execute("analyze");
        }
        System.out.printf("BENCH history: %d instances, %d down minutes, %d outages, %d maintenance windows%n",
                ServiceDatabase.count("select count(*) from instances where instance_id like 'bench-%'"),
                ServiceDatabase.count("select count(*) from probe_minutes where instance_id like 'bench-%'"),
                ServiceDatabase.count("select count(*) from outages where instance_id like 'bench-%'"),
                ServiceDatabase.count("select count(*) from maintenance where account_id like 'bench-%'"));
    }
}
