package org.slaplatform.availability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.empty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.Topics;
import org.slaplatform.events.availability.MaintenanceAnnounced;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The availability rules over a real broker and database, with the service's clock set by each test. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class AvailabilityRulesTest {

    private static final String A = "frankfurt";
    private static final String B = "virginia";
    private static final String C = "singapore";

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @DisplayName("AVL-1 a minute is Unavailable when 2 of 3 locations see it down, not when 1 of 3 does; storage stays one row per minute")
    void quorumTwoOfThree() {
        String account = id("acme");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", instance);
        TestClock.set(Instant.parse("2026-11-20T12:00:00Z"));
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        List<Fixtures.Check> checks = new ArrayList<>();
        checks.addAll(Fixtures.minutes(instance, t, t.plusSeconds(300), false, A, B));
        checks.addAll(Fixtures.minutes(instance, t, t.plusSeconds(300), true, C));
        checks.addAll(Fixtures.minutes(instance, t.plusSeconds(300), t.plusSeconds(600), false, A));
        checks.addAll(Fixtures.minutes(instance, t.plusSeconds(300), t.plusSeconds(600), true, B, C));
        Fixtures.postBatch(id("batch"), checks).statusCode(200).body("accepted", equalTo(30)).body("minutes", equalTo(10));

        Fixtures.uptime(instance, "2026-11").statusCode(200)
                .body("unavailableMinutes", equalTo(5))
                .body("running", equalTo(true))
                .body("explanation", hasSize(1))
                .body("explanation[0].from", equalTo("2026-11-20T10:00:00Z"))
                .body("explanation[0].to", equalTo("2026-11-20T10:05:00Z"));

        // The same minutes probed again: more results, not more rows.
        Fixtures.postBatch(id("batch"), checks).statusCode(200);
        assertThat(ServiceDatabase.count("select count(*) from probe_minutes where instance_id = '" + instance + "'"))
                .isEqualTo(10);
    }

    @Test
    @DisplayName("AVL-1 bad probe input gets a precise 4xx and stores nothing; a repeated batch is harmless")
    void badProbeInput() {
        String account = id("acme");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Other", "Europe/Berlin", instance);
        Instant now = Instant.parse("2026-11-20T12:00:00Z");
        TestClock.set(now);
        Fixtures.Check good = new Fixtures.Check(instance, A, now.minusSeconds(600), false);
        String rows = "select count(*) from probe_minutes where instance_id = '" + instance + "'";

        Fixtures.postBatch(id("b"), List.of(good, new Fixtures.Check(instance, A, now.plusSeconds(600), true)))
                .statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("results[1].time"))
                .body("violations[0].message", containsString("is in the future"));
        Fixtures.postBatch(id("b"), List.of(good, new Fixtures.Check(instance, A, now.minus(Duration.ofDays(60)), true)))
                .statusCode(422).body("violations[0].field", equalTo("results[1].time"))
                .body("violations[0].message", containsString("older than"));
        Fixtures.postBatch(id("b"), List.of(good, new Fixtures.Check("nobody", A, now, true)))
                .statusCode(422).body("violations[0].field", equalTo("results[1].instanceId"))
                .body("violations[0].message", equalTo("unknown instance nobody"));
        List<Fixtures.Check> tooMany = new ArrayList<>();
        for (int i = 0; i < 5001; i++) {
            tooMany.add(good);
        }
        Fixtures.postBatch(id("b"), tooMany).statusCode(413).body("violations[0].field", equalTo("results"));
        given().auth().oauth2(TestTokens.probe()).contentType(ContentType.JSON).header("Idempotency-Key", id("b"))
                .body(Map.of("results", List.of(Map.of("instanceId", instance, "location", A, "time", now.toString()))))
                .when().post("/api/v1/probe-results/batches").then()
                .statusCode(400).body("violations[0].field", equalTo("results[0].up"));
        given().auth().oauth2(TestTokens.probe()).contentType(ContentType.JSON)
                .body(Map.of("results", List.of())).when().post("/api/v1/probe-results/batches").then()
                .statusCode(400).body("violations[0].field", equalTo("Idempotency-Key"));
        given().auth().oauth2(TestTokens.customer(account)).contentType(ContentType.JSON).header("Idempotency-Key", id("b"))
                .body(Map.of("results", List.of())).when().post("/api/v1/probe-results/batches").then().statusCode(403);
        assertThat(ServiceDatabase.count(rows)).isZero();

        String key = id("b");
        Fixtures.postBatch(key, List.of(good)).statusCode(200).header("Idempotency-Replayed", "false");
        Fixtures.postBatch(key, List.of(good)).statusCode(200).header("Idempotency-Replayed", "true")
                .body("accepted", equalTo(1)).body("replayed", equalTo(true));
        Fixtures.postBatch(key, List.of(good, good)).statusCode(409);
        assertThat(ServiceDatabase.count(rows)).isEqualTo(1);
        assertThat(ServiceDatabase.count("select samples from probe_minutes where instance_id = '" + instance + "'")).isEqualTo(1);
    }

    @Test
    @DisplayName("AVL-3 IS planned maintenance announced 49 h ahead inside 00:00-03:00 Eastern is excluded; 47 h ahead it is downtime")
    void isMaintenanceNotice() {
        String account = id("globex");
        String instance = id("is");
        Fixtures.contract(account, "infostretch", "Maintenance", "America/New_York", instance);
        // 2026-11-12 01:00-02:00 EST, announced 49 h ahead.
        TestClock.set(Instant.parse("2026-11-10T05:00:00Z"));
        String ahead49 = Fixtures.announce(account, "PLANNED", Instant.parse("2026-11-12T06:00:00Z"),
                Instant.parse("2026-11-12T07:00:00Z")).statusCode(201)
                .body("excluded", equalTo(true)).body("reasons", empty()).extract().path("id");
        // 04:00-05:00 EST, well ahead but outside the window.
        Fixtures.announce(account, "PLANNED", Instant.parse("2026-11-14T09:00:00Z"), Instant.parse("2026-11-14T10:00:00Z"))
                .statusCode(201).body("excluded", equalTo(false))
                .body("reasons[0]", containsString("not inside an allowed window"));
        // 2026-11-13 01:00-02:00 EST, announced 47 h ahead.
        TestClock.set(Instant.parse("2026-11-11T07:00:00Z"));
        Fixtures.announce(account, "PLANNED", Instant.parse("2026-11-13T06:00:00Z"), Instant.parse("2026-11-13T07:00:00Z"))
                .statusCode(201).body("excluded", equalTo(false))
                .body("reasons[0]", equalTo("announced 47 h ahead; the policy needs 48 h notice (AVL-3)"));

        TestClock.set(Instant.parse("2026-11-14T12:00:00Z"));
        List<Fixtures.Check> down = new ArrayList<>(Fixtures.minutes(instance, Instant.parse("2026-11-12T06:00:00Z"),
                Instant.parse("2026-11-12T07:00:00Z"), false, A, B, C));
        down.addAll(Fixtures.minutes(instance, Instant.parse("2026-11-13T06:00:00Z"), Instant.parse("2026-11-13T07:00:00Z"),
                false, A, B, C));
        Fixtures.postBatch(id("b"), down).statusCode(200);

        Fixtures.uptime(instance, "2026-11").statusCode(200)
                .body("unavailableMinutes", equalTo(60))
                .body("excludedMinutes", equalTo(60))
                .body("excludedByCause.PLANNED_MAINTENANCE", equalTo(60))
                .body("explanation[0].cause", equalTo("PLANNED_MAINTENANCE"))
                .body("explanation[1].cause", equalTo("UNAVAILABLE"))
                .body("explanation[1].from", equalTo("2026-11-13T06:00:00Z"));

        List<ConsumerRecord<String, byte[]>> notices = KafkaTestClient.await(Topics.MAINTENANCE.name(),
                r -> account.equals(r.key()), 3, Duration.ofSeconds(30));
        assertThat(notices).hasSize(3);
        MaintenanceAnnounced first = (MaintenanceAnnounced) CloudEventCodec.fromRecord(notices.stream()
                .filter(r -> new String(r.value()).contains(ahead49)).findFirst().orElseThrow()).data();
        assertThat(first.excluded()).isTrue();
        assertThat(first.instanceIds()).containsExactly(instance);
    }

    @Test
    @DisplayName("AVL-3 INF second-Saturday window 09:00-11:00 Eastern follows DST: 13:00Z in March (EDT), 14:00Z in November (EST)")
    void infWindowAcrossDst() {
        String account = id("initech");
        Fixtures.contract(account, "inflectra", "Standard", "America/Chicago", id("inf"));
        TestClock.set(Instant.parse("2026-03-01T00:00:00Z"));
        Fixtures.announce(account, "PLANNED", Instant.parse("2026-03-14T13:00:00Z"), Instant.parse("2026-03-14T15:00:00Z"))
                .statusCode(201).body("excluded", equalTo(true));
        Fixtures.announce(account, "PLANNED", Instant.parse("2026-03-14T14:00:00Z"), Instant.parse("2026-03-14T16:00:00Z"))
                .statusCode(201).body("excluded", equalTo(false));
        Fixtures.announce(account, "PLANNED", Instant.parse("2026-03-07T13:00:00Z"), Instant.parse("2026-03-07T15:00:00Z"))
                .statusCode(201).body("excluded", equalTo(false));
        Fixtures.announce(account, "PLANNED", Instant.parse("2026-11-14T14:00:00Z"), Instant.parse("2026-11-14T16:00:00Z"))
                .statusCode(201).body("excluded", equalTo(true));
        Fixtures.announce(account, "PLANNED", Instant.parse("2026-11-14T13:00:00Z"), Instant.parse("2026-11-14T15:00:00Z"))
                .statusCode(201).body("excluded", equalTo(false));
        // INF names no emergency exclusion: a hot-fix is downtime.
        Fixtures.announce(account, "EMERGENCY", Instant.parse("2026-03-02T13:00:00Z"), Instant.parse("2026-03-02T14:00:00Z"))
                .statusCode(201).body("excluded", equalTo(false));
    }

    @Test
    @DisplayName("QNT-AVL-2 an outage over a month end counts in both months of the account's zone; overlaps count once; customer-caused is excluded")
    void outageSpanningMonthEnd() {
        String account = id("hooli");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Other", "Europe/Berlin", instance);
        TestClock.set(Instant.parse("2026-11-10T00:00:00Z"));
        // 2026-10-31 22:30 CET to 2026-11-01 01:30 CET.
        outage(instance, "OURS", "2026-10-31T21:30:00Z", "2026-11-01T00:30:00Z");
        outage(instance, "FORCE_MAJEURE", "2026-10-31T22:00:00Z", "2026-10-31T23:00:00Z");
        outage(instance, "CUSTOMER_CAUSED", "2026-10-15T10:00:00Z", "2026-10-15T10:30:00Z");

        // October in Berlin has 31 days and the extra hour of the DST change: 44,700 minutes.
        Fixtures.uptime(instance, "2026-10").statusCode(200)
                .body("totalMinutes", equalTo(44700))
                .body("unavailableMinutes", equalTo(90))
                .body("excludedMinutes", equalTo(30))
                .body("excludedByCause.CUSTOMER_CAUSED", equalTo(30))
                .body("uptimePercent", equalTo(99.7986f))
                .body("met", equalTo(false))
                .body("commitment", equalTo(99.9f));
        Fixtures.uptime(instance, "2026-11").statusCode(200)
                .body("unavailableMinutes", equalTo(90))
                .body("running", equalTo(true));
    }

    @Test
    @DisplayName("AVL-7 month close publishes version 1; a late probe batch publishes a correction as version 2")
    void lateBatchPublishesACorrection() {
        String account = id("umbrella");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", instance);
        TestClock.set(Instant.parse("2026-11-05T12:00:00Z"));
        Fixtures.postBatch(id("b"), Fixtures.minutes(instance, Instant.parse("2026-10-20T10:00:00Z"),
                Instant.parse("2026-10-20T10:05:00Z"), false, A, B, C)).statusCode(200);
        Fixtures.closeMonths();
        given().auth().oauth2(TestTokens.customer(account)).when()
                .get("/api/v1/instances/" + instance + "/months/2026-10/results").then().statusCode(200)
                .body("", hasSize(1)).body("[0].result.version", equalTo(1))
                .body("[0].result.unavailableMinutes", equalTo(5));

        Fixtures.postBatch(id("late"), Fixtures.minutes(instance, Instant.parse("2026-10-21T10:00:00Z"),
                Instant.parse("2026-10-21T10:10:00Z"), false, A, B, C)).statusCode(200);
        Fixtures.closeMonths();
        Fixtures.closeMonths(); // nothing changed since: no third version

        given().auth().oauth2(TestTokens.customer(account)).when()
                .get("/api/v1/instances/" + instance + "/months/2026-10/results").then().statusCode(200)
                .body("", hasSize(2)).body("[1].result.version", equalTo(2))
                .body("[1].result.unavailableMinutes", equalTo(15))
                .body("[1].explanation", hasSize(2));
        List<ConsumerRecord<String, byte[]>> published = KafkaTestClient.await(Topics.AVAILABILITY.name(),
                r -> instance.equals(r.key()) && EventTypes.MONTH_CLOSED.type().equals(
                        CloudEventCodec.header(r.headers(), CloudEventCodec.CE_TYPE)), 2, Duration.ofSeconds(30));
        assertThat(published).extracting(r -> ((MonthlyAvailability) CloudEventCodec.fromRecord(r).data()))
                .extracting(MonthlyAvailability::version, MonthlyAvailability::unavailableMinutes, MonthlyAvailability::month)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 5L, "2026-10"),
                        org.assertj.core.groups.Tuple.tuple(2, 15L, "2026-10"));
        given().auth().oauth2(TestTokens.customer("someone-else")).when()
                .get("/api/v1/instances/" + instance + "/months/2026-10/results").then().statusCode(404);
    }

    /**
     * November 2026 in Europe/Berlin (30 days, no DST change: 43,200 minutes), Quantive Enterprise,
     * worked by hand:
     * <pre>
     * 10 Nov 08:00-08:20Z  probes: 2 of 3 down                    } 08:00-08:15 PROBES          15 counted
     * 10 Nov 08:15-08:40:30Z outage OURS (touches 08:15..08:40)   } 08:15-08:20 PROBES_AND_OUTAGE 5 counted
     *                                                             } 08:20-08:41 OUTAGE OURS     21 counted
     * 12 Nov 00:00-01:00Z and 00:30-01:30Z force majeure, overlapping: 00:00-01:30 OUTAGE       90 excluded
     * 20 Nov 02:00-03:00Z planned maintenance, announced 5 days ahead (excluded)
     * 20 Nov 02:30-03:10Z probes: all down   02:30-03:00 PROBES excluded (planned-maintenance)  30 excluded
     *                                        03:00-03:10 PROBES counted                          10 counted
     * counted 15 + 5 + 21 + 10 = 51, excluded 90 + 30 = 120; intervals 171 = 51 + 120
     * uptime (43,200 - 51) x 100 / 43,200 = 99.88194.. -> 99.8819
     * late batch: 25 Nov 12:00-12:05Z all down -> version 2: 56 counted, 99.8703 %, one more interval
     * </pre>
     */
    @Test
    @DisplayName("AVL-7, QNT-CRD-2 month-closed carries the runs of Unavailable minutes by source and fate: 15+5+21+10 counted + 90+30 excluded = 171 minutes; the correction carries them too")
    void monthClosedCarriesUnavailableIntervals() {
        String account = id("wayne");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", instance);
        TestClock.set(Instant.parse("2026-11-15T00:00:00Z"));
        Fixtures.announce(account, "PLANNED", Instant.parse("2026-11-20T02:00:00Z"), Instant.parse("2026-11-20T03:00:00Z"))
                .statusCode(201).body("excluded", equalTo(true));
        TestClock.set(Instant.parse("2026-11-21T00:00:00Z"));
        List<Fixtures.Check> checks = new ArrayList<>();
        checks.addAll(Fixtures.minutes(instance, Instant.parse("2026-11-10T08:00:00Z"), Instant.parse("2026-11-10T08:20:00Z"),
                false, A, B));
        checks.addAll(Fixtures.minutes(instance, Instant.parse("2026-11-10T08:00:00Z"), Instant.parse("2026-11-10T08:20:00Z"),
                true, C));
        checks.addAll(Fixtures.minutes(instance, Instant.parse("2026-11-20T02:30:00Z"), Instant.parse("2026-11-20T03:10:00Z"),
                false, A, B, C));
        Fixtures.postBatch(id("b"), checks).statusCode(200);
        outage(instance, "OURS", "2026-11-10T08:15:00Z", "2026-11-10T08:40:30Z");
        outage(instance, "FORCE_MAJEURE", "2026-11-12T00:00:00Z", "2026-11-12T01:00:00Z");
        outage(instance, "FORCE_MAJEURE", "2026-11-12T00:30:00Z", "2026-11-12T01:30:00Z");

        // November closes at 1 December 00:00 Berlin (30 Nov 23:00Z) plus the 2-day grace.
        TestClock.set(Instant.parse("2026-12-05T12:00:00Z"));
        Fixtures.closeMonths();
        Fixtures.postBatch(id("late"), Fixtures.minutes(instance, Instant.parse("2026-11-25T12:00:00Z"),
                Instant.parse("2026-11-25T12:05:00Z"), false, A, B, C)).statusCode(200);
        Fixtures.closeMonths();

        List<MonthlyAvailability> published = KafkaTestClient.await(Topics.AVAILABILITY.name(),
                r -> instance.equals(r.key()) && EventTypes.MONTH_CLOSED.type().equals(
                        CloudEventCodec.header(r.headers(), CloudEventCodec.CE_TYPE)), 2, Duration.ofSeconds(30))
                .stream().map(r -> (MonthlyAvailability) CloudEventCodec.fromRecord(r).data()).toList();
        assertThat(published).extracting(MonthlyAvailability::version).containsExactly(1, 2);
        MonthlyAvailability v1 = published.get(0);
        assertThat(v1.totalMinutes()).isEqualTo(43_200);
        assertThat(v1.unavailableMinutes()).isEqualTo(51);
        assertThat(v1.excludedMinutes()).isEqualTo(120);
        assertThat(v1.uptimePercent()).isEqualByComparingTo("99.8819");
        List<org.assertj.core.groups.Tuple> november = List.of(
                interval("2026-11-10T08:00:00Z", "2026-11-10T08:15:00Z", "PROBES", null, null),
                interval("2026-11-10T08:15:00Z", "2026-11-10T08:20:00Z", "PROBES_AND_OUTAGE", "OURS", null),
                interval("2026-11-10T08:20:00Z", "2026-11-10T08:41:00Z", "OUTAGE", "OURS", null),
                interval("2026-11-12T00:00:00Z", "2026-11-12T01:30:00Z", "OUTAGE", "FORCE_MAJEURE", "FORCE_MAJEURE"),
                interval("2026-11-20T02:30:00Z", "2026-11-20T03:00:00Z", "PROBES", null, "PLANNED_MAINTENANCE"),
                interval("2026-11-20T03:00:00Z", "2026-11-20T03:10:00Z", "PROBES", null, null));
        assertThat(v1.unavailableIntervals()).extracting(i -> i.start(), i -> i.end(), i -> i.source(), i -> i.cause(),
                i -> i.exclusion()).containsExactlyElementsOf(november);
        assertThat(v1.unavailableIntervals()).extracting(MonthlyAvailability.UnavailableInterval::minutes)
                .containsExactly(15L, 5L, 21L, 90L, 30L, 10L);
        assertThat(v1.unavailableIntervals()).extracting(MonthlyAvailability.UnavailableInterval::excluded)
                .containsExactly(false, false, false, true, true, false);
        assertThat(v1.intervalMinutes()).isEqualTo(v1.unavailableMinutes() + v1.excludedMinutes()).isEqualTo(171);

        MonthlyAvailability v2 = published.get(1);
        assertThat(v2.unavailableMinutes()).isEqualTo(56);
        assertThat(v2.uptimePercent()).isEqualByComparingTo("99.8703");
        List<org.assertj.core.groups.Tuple> corrected = new ArrayList<>(november);
        corrected.add(interval("2026-11-25T12:00:00Z", "2026-11-25T12:05:00Z", "PROBES", null, null));
        assertThat(v2.unavailableIntervals()).extracting(i -> i.start(), i -> i.end(), i -> i.source(), i -> i.cause(),
                i -> i.exclusion()).containsExactlyElementsOf(corrected);
        assertThat(v2.intervalMinutes()).isEqualTo(56 + 120);
        // the stored version is what was published
        given().auth().oauth2(TestTokens.customer(account)).when()
                .get("/api/v1/instances/" + instance + "/months/2026-11/results").then().statusCode(200)
                .body("", hasSize(2)).body("[1].result.unavailableIntervals", hasSize(7))
                .body("[1].result.unavailableIntervals[1].source", equalTo("PROBES_AND_OUTAGE"));
    }

    private static org.assertj.core.groups.Tuple interval(String start, String end, String source, String cause,
            String exclusion) {
        return org.assertj.core.groups.Tuple.tuple(Instant.parse(start), Instant.parse(end), source, cause, exclusion);
    }

    /** Our failures as a probe reports them; a cause that excludes minutes as an agent sets it, with a reason (issue 17). */
    private static void outage(String instance, String cause, String start, String end) {
        boolean ours = "OURS".equals(cause);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("instanceId", instance, "cause", cause, "startedAt", start,
                "endedAt", end));
        if (!ours) {
            body.put("reason", "regional power failure, ticket 4711");
        }
        given().auth().oauth2(ours ? TestTokens.probe() : TestTokens.agent()).contentType(ContentType.JSON)
                .body(body).when().post("/api/v1/outages").then().statusCode(201);
    }
}
