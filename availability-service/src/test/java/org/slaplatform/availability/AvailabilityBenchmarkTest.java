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
 * <li>probe results ingested per second over HTTP, in batches of 5,000, from 4 client threads;</li>
 * <li>the month close of 10,000 instances, each with a month of history written straight into the
 * database: 200 quorum-down minutes, 30 outages (a third of them excluded, consecutive ones
 * overlapping) and the account's 4 excluded maintenance windows.</li>
 * </ol>
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@EnabledIfSystemProperty(named = "bench.availability", matches = "true")
class AvailabilityBenchmarkTest {

    private static final int INSTANCES = 10_000;
    private static final int BATCH = 5_000;
    private static final int BATCHES = Integer.getInteger("bench.availability.batches", 80);
    private static final int THREADS = 4;
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");

    @TestHTTPResource("/api/v1/probe-results/batches")
    URL batches;

    @Test
    void ingestThenMonthClose() throws Exception {
        TestClock.set(Instant.parse("2026-11-05T12:00:00Z"));
        history();

        // 1. Ingest: each batch = 1,000 instances x 5 minutes x 1 location, all distinct rows.
        Instant base = Instant.parse("2026-11-04T00:00:00Z");
        List<String> bodies = new ArrayList<>();
        String[] locations = { "frankfurt", "virginia", "singapore", "sydney" };
        for (int b = 0; b < BATCHES; b++) {
            StringBuilder json = new StringBuilder("{\"results\":[");
            for (int r = 0; r < BATCH; r++) {
                int instance = 1 + (b * BATCH + r) % INSTANCES;
                Instant time = base.plusSeconds(60L * ((b * BATCH + r) / INSTANCES) + 5);
                json.append(r == 0 ? "" : ",").append("{\"instanceId\":\"bench-").append(instance)
                        .append("\",\"location\":\"").append(locations[b % 4]).append("\",\"time\":\"").append(time)
                        .append("\",\"up\":").append(r % 50 != 0).append(",\"latencyMs\":87}");
            }
            bodies.add(json.append("]}").toString());
        }
        String token = TestTokens.probe();
        // The JDK's HTTP client with the bodies encoded beforehand: the client shares the 2 cores with the
        // service, so it should cost as little as a real probe's would (RestAssured's per-request Groovy
        // machinery does not).
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<byte[]> encoded = bodies.stream().map(b -> b.getBytes(StandardCharsets.UTF_8)).toList();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        System.out.printf("BENCH load before ingest: %s%n", loadAverage());
        long start = System.nanoTime();
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
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        System.out.printf("BENCH ingest: %d results in %d batches of %d over HTTP, %d threads: %.1f s, %.0f results/s, load after %s%n",
                accepted, BATCHES, BATCH, THREADS, seconds, accepted / seconds, loadAverage());

        // 2. Month close of October for 10,000 instances.
        System.out.printf("BENCH load before month close: %s%n", loadAverage());
        start = System.nanoTime();
        // The test client's default read timeout is 30 s: this call may take longer.
        int published = given().config(io.restassured.RestAssured.config().httpClient(
                io.restassured.config.HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 900_000)))
                .auth().oauth2(TestTokens.admin()).when().post("/api/v1/month-closes/run")
                .then().statusCode(200).extract().path("published");
        seconds = (System.nanoTime() - start) / 1e9;
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

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** A month of October history for 10,000 instances in 100 accounts, written with set-based SQL. */
    private static void history() throws Exception {
        try (Connection c = ServiceDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("insert into instances select 'bench-' || i, 'bench-acct-' || (i % 100), 'quantive', 1, "
                    + "case when i % 2 = 0 then 'Enterprise' else 'Other' end, 'Europe/Berlin', 'Europe/Berlin', 'p', "
                    + "'production', true, 1, now() from generate_series(1, " + INSTANCES + ") i");
            s.execute("insert into probe_minutes select 'bench-' || i, timestamptz '2026-10-01 00:00+02' "
                    + "+ (m * 211 + i % 97) * interval '1 minute', 3, 6, 3, 300 "
                    + "from generate_series(1, " + INSTANCES + ") i, generate_series(0, 199) m");
            s.execute("insert into outages select gen_random_uuid(), 'bench-' || i, 'bench-acct-' || (i % 100), "
                    + "(array['OURS','FORCE_MAJEURE','CUSTOMER_CAUSED'])[1 + o % 3], "
                    + "timestamptz '2026-10-01 03:00+02' + (o / 2) * interval '47 hours' + (o % 2) * interval '10 minutes', "
                    + "timestamptz '2026-10-01 03:00+02' + (o / 2) * interval '47 hours' + (o % 2) * interval '10 minutes' "
                    + "+ interval '25 minutes', null, 'bench', 1, now() "
                    + "from generate_series(1, " + INSTANCES + ") i, generate_series(0, 29) o");
            s.execute("insert into maintenance select gen_random_uuid(), 'bench-acct-' || a, null, 'PLANNED', 'ANNOUNCED', 1, "
                    + "timestamptz '2026-09-01 00:00Z', timestamptz '2026-10-03 02:00+02' + w * interval '7 days', "
                    + "timestamptz '2026-10-03 03:00+02' + w * interval '7 days', true, '', 'bench', 'quantive', 1 "
                    + "from generate_series(0, 99) a, generate_series(0, 3) w");
            s.execute("analyze");
        }
        System.out.printf("BENCH history: %d instances, %d down minutes, %d outages, %d maintenance windows%n",
                ServiceDatabase.count("select count(*) from instances where instance_id like 'bench-%'"),
                ServiceDatabase.count("select count(*) from probe_minutes where instance_id like 'bench-%'"),
                ServiceDatabase.count("select count(*) from outages where instance_id like 'bench-%'"),
                ServiceDatabase.count("select count(*) from maintenance where account_id like 'bench-%'"));
    }
}
