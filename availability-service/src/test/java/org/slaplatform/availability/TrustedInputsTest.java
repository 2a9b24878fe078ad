package org.slaplatform.availability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.Topics;
import org.slaplatform.events.availability.OutageChanged;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestInfrastructure;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 17, trusted inputs: each attack found against availability-service, named after it, answered
 * with the secure answer and nothing stored. Real broker and database; the service clock set per test.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class TrustedInputsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final String PROBLEM = "application/problem+json";

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A probe token of its own identity (another {@code sub} than {@link TestTokens#probe()}'s). */
    private static String probeNamed(String subject) {
        return TestInfrastructure.shared().keys().mint(subject, "probe", null, Duration.ofHours(1));
    }

    private static ValidatableResponse postOutage(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/v1/outages").then();
    }

    private static Map<String, Object> outage(String instance, String cause, Instant start, String note, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("instanceId", instance);
        body.put("cause", cause);
        body.put("startedAt", start.toString());
        if (note != null) {
            body.put("note", note);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }

    private static long count(String sql) {
        return ServiceDatabase.count(sql);
    }

    // ---- 1. Who may say what ----

    @Test
    @DisplayName("issue 17 a probe posting FORCE_MAJEURE for an instance is refused 403 and nothing is stored; it may report OURS")
    void probeForgesForceMajeure() {
        String account = id("victim");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", instance);
        TestClock.set(NOW);
        for (String cause : List.of("FORCE_MAJEURE", "CUSTOMER_CAUSED", "THIRD_PARTY_CAUSED", "SUSPENSION",
                "INTERNET_BEYOND_DEMARCATION")) {
            postOutage(TestTokens.probe(), outage(instance, cause, NOW.minusSeconds(600), null, "trust me"))
                    .statusCode(403).contentType(PROBLEM).body("detail", containsString("a probe reports our failures only"));
        }
        assertThat(count("select count(*) from outages where instance_id = '" + instance + "'")).isZero();
        assertThat(count("select count(*) from audit_lines where instance_id = '" + instance + "'")).isZero();
        postOutage(TestTokens.probe(), outage(instance, "OURS", NOW.minusSeconds(600), null, null))
                .statusCode(201).body("excluded", equalTo(false));
    }

    @Test
    @DisplayName("issue 17 an excluding cause needs an agent or admin and a reason of 1-500 characters; it is audited and published")
    void agentSetsExcludingCauseWithReason() {
        String account = id("acme");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", instance);
        TestClock.set(NOW);
        String outages = "select count(*) from outages where instance_id = '" + instance + "'";
        postOutage(TestTokens.agent(), outage(instance, "FORCE_MAJEURE", NOW.minusSeconds(600), null, null))
                .statusCode(400).contentType(PROBLEM).body("violations[0].field", equalTo("reason"));
        postOutage(TestTokens.agent(), outage(instance, "FORCE_MAJEURE", NOW.minusSeconds(600), null, "   "))
                .statusCode(400).body("violations[0].field", equalTo("reason"));
        postOutage(TestTokens.agent(), outage(instance, "FORCE_MAJEURE", NOW.minusSeconds(600), null, "x".repeat(501)))
                .statusCode(400).body("violations[0].field", equalTo("reason"));
        postOutage(TestTokens.agent(), outage(instance, "OURS", NOW.minusSeconds(600), "n".repeat(1001), null))
                .statusCode(400).body("violations[0].field", equalTo("note"));
        assertThat(count(outages)).isZero();

        String outageId = postOutage(TestTokens.agent(), outage(instance, "FORCE_MAJEURE", NOW.minusSeconds(600), null,
                "data-centre flood, ticket 4711")).statusCode(201).body("excluded", equalTo(true)).extract().path("id");
        assertThat(count("select count(*) from audit_lines where subject_id = '" + outageId + "' and actor = 'agent-user' "
                + "and actor_role = 'agent' and action = 'OUTAGE_CAUSE_SET' and detail = 'cause FORCE_MAJEURE' "
                + "and reason = 'data-centre flood, ticket 4711'")).isEqualTo(1);
        List<ConsumerRecord<String, byte[]>> events = KafkaTestClient.await(Topics.AVAILABILITY.name(),
                r -> instance.equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(events).extracting(r -> ((OutageChanged) CloudEventCodec.fromRecord(r).data()).cause())
                .containsExactly("FORCE_MAJEURE");
    }

    @Test
    @DisplayName("issue 17 a probe's OURS outage is set to force majeure only by an agent or admin with a reason, audited")
    void probeCannotReclassifyItsOutage() {
        String account = id("acme");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", instance);
        TestClock.set(NOW);
        String outageId = postOutage(TestTokens.probe(), outage(instance, "OURS", NOW.minusSeconds(600), null, null))
                .statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.probe()).contentType(ContentType.JSON)
                .body(Map.of("cause", "FORCE_MAJEURE", "reason", "trust me")).when().put("/api/v1/outages/" + outageId + "/cause")
                .then().statusCode(403).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("cause", "FORCE_MAJEURE")).when().put("/api/v1/outages/" + outageId + "/cause")
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));
        assertThat(count("select count(*) from outages where id = '" + outageId + "' and cause = 'OURS'")).isEqualTo(1);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("cause", "FORCE_MAJEURE", "reason", "regional power cut")).when()
                .put("/api/v1/outages/" + outageId + "/cause").then().statusCode(200)
                .body("cause", equalTo("FORCE_MAJEURE")).body("excluded", equalTo(true));
        assertThat(count("select count(*) from audit_lines where subject_id = '" + outageId + "' and actor = 'admin-user' "
                + "and detail = 'cause OURS -> FORCE_MAJEURE' and reason = 'regional power cut'")).isEqualTo(1);
    }

    @Test
    @DisplayName("issue 17 another probe cannot end an outage it did not report (403, still open); the reporter or an agent can")
    void foreignProbeEndsAnOutage() {
        String account = id("acme");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", instance);
        TestClock.set(NOW);
        Fixtures.registerProbe("probe-frankfurt", List.of(account), List.of()).statusCode(200);
        Fixtures.registerProbe("probe-mallory", List.of(account), List.of()).statusCode(200);
        String reporter = probeNamed("probe-frankfurt");
        String first = postOutage(reporter, outage(instance, "OURS", NOW.minusSeconds(600), null, null)).statusCode(201)
                .extract().path("id");
        String second = postOutage(reporter, outage(instance, "OURS", NOW.minusSeconds(300), null, null)).statusCode(201)
                .extract().path("id");
        Map<String, Object> end = Map.of("endedAt", NOW.minusSeconds(60).toString());
        given().auth().oauth2(probeNamed("probe-mallory")).contentType(ContentType.JSON).body(end).when()
                .post("/api/v1/outages/" + first + "/end").then().statusCode(403).contentType(PROBLEM);
        assertThat(count("select count(*) from outages where id = '" + first + "' and ended_at is null")).isEqualTo(1);

        given().auth().oauth2(reporter).contentType(ContentType.JSON).body(end).when()
                .post("/api/v1/outages/" + first + "/end").then().statusCode(200);
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body(end).when()
                .post("/api/v1/outages/" + second + "/end").then().statusCode(200);
        assertThat(count("select count(*) from outages where instance_id = '" + instance + "' and ended_at is not null"))
                .isEqualTo(2);
    }

    @Test
    @DisplayName("issue 17 a probe's free-text note (a phishing link) is never shown on the public status page")
    void probeNoteOnStatusPage() {
        String account = id("status");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", instance);
        TestClock.set(NOW);
        postOutage(TestTokens.probe(), outage(instance, "OURS", NOW.minusSeconds(3600),
                "reset your password at https://evil.example", null)).statusCode(201);
        Fixtures.publishStatusPage(account, account).statusCode(200);
        String html = given().when().get("/status/" + account).then().statusCode(200).extract().asString();
        assertThat(html).doesNotContain("evil.example").contains("Outage");
    }

    // ---- 2. Maintenance bounds ----

    private static ValidatableResponse maintenance(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/v1/maintenance").then();
    }

    private static Map<String, Object> window(String account, String kind, String start, String end) {
        return new HashMap<>(Map.of("accountId", account, "kind", kind, "startsAt", start, "endsAt", end));
    }

    private static long maintenanceOf(String account) {
        return count("select count(*) from maintenance where account_id = '" + account + "'");
    }

    @Test
    @DisplayName("issue 17 a customer designating a window from year 1000 to 2026 is refused 422 naming startsAt; nothing stored")
    void designatedWindowFromYear1000() {
        String account = id("globex");
        Fixtures.contract(account, "infostretch", "Maintenance", "America/New_York", id("is"));
        TestClock.set(NOW);
        maintenance(TestTokens.customer(account), window(account, "CUSTOMER_DESIGNATED", "1000-01-01T00:00:00Z",
                "2026-12-01T00:00:00Z")).statusCode(422).contentType(PROBLEM)
                .body("type", containsString("window-out-of-range")).body("violations[0].field", equalTo("startsAt"));
        assertThat(maintenanceOf(account)).isZero();
    }

    @Test
    @DisplayName("issue 17 a window from -4000-01-01 to +290000-01-01 gets a 4xx problem within seconds, no OutOfMemoryError; nothing stored")
    void windowFromMinus4000ToPlus290000() {
        String account = id("globex");
        Fixtures.contract(account, "infostretch", "Maintenance", "America/New_York", id("is"));
        TestClock.set(NOW);
        long started = System.nanoTime();
        for (String token : List.of(TestTokens.customer(account), TestTokens.admin())) {
            for (String kind : List.of("CUSTOMER_DESIGNATED", "PLANNED")) {
                int status = maintenance(token, window(account, kind, "-4000-01-01T00:00:00Z", "+290000-01-01T00:00:00Z"))
                        .contentType(PROBLEM).extract().statusCode();
                assertThat(status).isBetween(400, 499);
            }
        }
        maintenance(TestTokens.admin(), window(account, "PLANNED", NOW.plus(Duration.ofDays(3)).toString(),
                "+290000-01-01T00:00:00Z")).statusCode(422).body("violations[0].field", equalTo("endsAt"));
        maintenance(TestTokens.admin(), window(account, "PLANNED", "+290000-01-01T00:00:00Z", "+290000-01-01T01:00:00Z"))
                .statusCode(422).body("violations[0].field", equalTo("startsAt"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(maintenanceOf(account)).isZero();
    }

    @Test
    @DisplayName("issue 17 a window longer than 7 days, ending before it starts, before the contract's start or with a 2,001-character description is refused; nothing stored")
    void windowBounds() {
        String account = id("globex");
        Fixtures.contract(account, "infostretch", "Maintenance", "America/New_York", id("is"));
        TestClock.set(NOW);
        Instant start = NOW.plus(Duration.ofDays(3));
        maintenance(TestTokens.admin(), window(account, "PLANNED", start.toString(),
                start.plus(Duration.ofDays(7)).plusSeconds(60).toString())).statusCode(422)
                .body("violations[0].field", equalTo("endsAt")).body("violations[0].message", containsString("PT168H"));
        maintenance(TestTokens.admin(), window(account, "PLANNED", start.toString(), start.minusSeconds(60).toString()))
                .statusCode(400).body("violations[0].field", equalTo("endsAt"));
        Map<String, Object> verbose = window(account, "PLANNED", start.toString(), start.plusSeconds(3600).toString());
        verbose.put("description", "d".repeat(2001));
        maintenance(TestTokens.admin(), verbose).statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("description"));
        // The contract starts 2025-01-01 (Fixtures): a window on 2024-12-31 is before it, though within the late-data window.
        TestClock.set(Instant.parse("2025-01-10T12:00:00Z"));
        maintenance(TestTokens.admin(), window(account, "EMERGENCY", "2024-12-31T12:00:00Z", "2024-12-31T13:00:00Z"))
                .statusCode(422).body("violations[0].field", equalTo("startsAt"))
                .body("violations[0].message", startsWith("must not be before the contract's start"));
        assertThat(maintenanceOf(account)).isZero();
    }

    @Test
    @DisplayName("issue 17 designation after the fact: a customer window that started an hour ago is refused 422; emergency maintenance announced after it started is not excluded")
    void designationAfterTheFact() {
        String account = id("globex");
        Fixtures.contract(account, "infostretch", "Maintenance", "America/New_York", id("is"));
        TestClock.set(NOW);
        maintenance(TestTokens.customer(account), window(account, "CUSTOMER_DESIGNATED", NOW.minusSeconds(3600).toString(),
                NOW.plusSeconds(3600).toString())).statusCode(422).contentType(PROBLEM)
                .body("type", containsString("designation-after-the-fact")).body("violations[0].field", equalTo("startsAt"));
        assertThat(maintenanceOf(account)).isZero();
        maintenance(TestTokens.admin(), window(account, "EMERGENCY", NOW.minusSeconds(3600).toString(),
                NOW.plusSeconds(3600).toString())).statusCode(201).body("excluded", equalTo(false))
                .body("reasons[0]", containsString("no exclusion after the fact"));
    }

    @Test
    @DisplayName("issue 17 a started designated window cannot be cancelled or moved (409, unchanged); an agent ends it early with a reason, audited")
    void startedWindowCancelledOrMoved() {
        String account = id("globex");
        Fixtures.contract(account, "infostretch", "Maintenance", "America/New_York", id("is"));
        TestClock.set(NOW);
        Instant start = NOW.plus(Duration.ofDays(1));
        Instant end = start.plus(Duration.ofHours(4));
        String id = maintenance(TestTokens.customer(account), window(account, "CUSTOMER_DESIGNATED", start.toString(),
                end.toString())).statusCode(201).body("excluded", equalTo(true)).extract().path("id");

        TestClock.set(start.plus(Duration.ofHours(1)));
        given().auth().oauth2(TestTokens.customer(account)).when().delete("/api/v1/maintenance/" + id).then()
                .statusCode(409).contentType(PROBLEM).body("type", containsString("maintenance-started"));
        given().auth().oauth2(TestTokens.customer(account)).contentType(ContentType.JSON)
                .body(Map.of("startsAt", start.plus(Duration.ofDays(2)).toString(), "endsAt", end.plus(Duration.ofDays(2)).toString()))
                .when().put("/api/v1/maintenance/" + id + "/window").then().statusCode(409).contentType(PROBLEM);
        given().auth().oauth2(TestTokens.customer(account)).contentType(ContentType.JSON)
                .body(Map.of("reason", "done early")).when().post("/api/v1/maintenance/" + id + "/end").then().statusCode(403);
        assertThat(count("select count(*) from maintenance where id = '" + id + "' and status = 'ANNOUNCED' and revision = 1 "
                + "and ends_at = '" + end + "'")).isEqualTo(1);

        Instant early = start.plus(Duration.ofMinutes(30));
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON)
                .body(Map.of("endsAt", end.plusSeconds(60).toString(), "reason", "longer")).when()
                .post("/api/v1/maintenance/" + id + "/end").then().statusCode(422).body("violations[0].field", equalTo("endsAt"));
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON)
                .body(Map.of("endsAt", early.toString())).when()
                .post("/api/v1/maintenance/" + id + "/end").then().statusCode(400).body("violations[0].field", equalTo("reason"));
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON)
                .body(Map.of("endsAt", early.toString(), "reason", "upgrade finished early")).when()
                .post("/api/v1/maintenance/" + id + "/end").then().statusCode(200)
                .body("endsAt", equalTo(early.toString())).body("status", equalTo("MOVED")).body("revision", equalTo(2));
        assertThat(count("select count(*) from audit_lines where subject_id = '" + id + "' and action = 'MAINTENANCE_ENDED_EARLY' "
                + "and actor = 'agent-user' and reason = 'upgrade finished early'")).isEqualTo(1);
    }

    // ---- 3. Range checks ----

    @Test
    @DisplayName("issue 17 month=-99999-01, 0000-01, 2101-01 and the like on every month parameter are 400 problem+json naming month")
    void monthOutOfRange() {
        String account = id("acme");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", instance);
        for (String month : List.of("-99999-01", "0000-01", "1999-12", "2101-01", "+99999-12", "2026-13", "2026-1", "x".repeat(300))) {
            given().auth().oauth2(TestTokens.admin()).queryParam("month", month).when()
                    .get("/api/v1/instances/" + instance + "/uptime").then().statusCode(400).contentType(PROBLEM)
                    .body("violations[0].field", equalTo("month"));
            given().auth().oauth2(TestTokens.admin()).when()
                    .get("/api/v1/instances/" + instance + "/months/" + month + "/results").then().statusCode(400)
                    .contentType(PROBLEM).body("violations[0].field", equalTo("month"));
        }
        Fixtures.uptime(instance, "2026-11").statusCode(200);
        given().auth().oauth2(TestTokens.customer(account)).queryParam("at", "-99999-01-01T00:00:00Z").when()
                .get("/api/v1/accounts/" + account + "/maintenance-window").then().statusCode(400).contentType(PROBLEM)
                .body("violations[0].field", equalTo("at"));
    }

    // ---- 4. Probe identity and scope ----

    private static ValidatableResponse batch(String token, String key, String instance, String location, Instant time,
            boolean up) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("results", List.of(Map.of("instanceId", instance, "location", location, "time", time.toString(),
                        "up", up))))
                .when().post("/api/v1/probe-results/batches").then();
    }

    @Test
    @DisplayName("issue 17 a probe reporting from invented locations is refused 422 naming the location; nothing stored")
    void probeInventsLocations() {
        String account = id("victim");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", instance);
        String probe = id("probe");
        String location = id("loc");
        Fixtures.registerProbe(probe, List.of(account), List.of(location)).statusCode(200)
                .body("accounts", org.hamcrest.Matchers.contains(account));
        TestClock.set(NOW);
        for (String invented : List.of(id("invented"), "frankfurt")) { // frankfurt is another probe's location
            batch(probeNamed(probe), id("b"), instance, invented, NOW.minusSeconds(60), false).statusCode(422)
                    .contentType(PROBLEM).body("type", containsString("unknown-location"))
                    .body("violations[0].field", equalTo("results[0].location"));
        }
        given().auth().oauth2(probeNamed(probe)).contentType(ContentType.JSON)
                .body(Map.of("instanceId", instance, "location", id("invented"), "time", NOW.minusSeconds(60).toString(),
                        "up", false)).when().post("/api/v1/probe-results").then().statusCode(422)
                .body("violations[0].field", equalTo("location"));
        assertThat(count("select count(*) from probe_minutes where instance_id = '" + instance + "'")).isZero();
        batch(probeNamed(probe), id("b"), instance, location, NOW.minusSeconds(60), false).statusCode(200);
        assertThat(count("select count(*) from probe_minutes where instance_id = '" + instance + "'")).isEqualTo(1);
    }

    @Test
    @DisplayName("issue 17 a probe reporting on another account's instance is refused 403 (results and outages); an unregistered probe too; nothing stored")
    void probeReportsForeignInstance() {
        String own = id("acme");
        String foreign = id("victim");
        String ownInstance = id("qnt");
        String foreignInstance = id("qnt");
        Fixtures.contract(own, "quantive", "Enterprise", "Europe/Berlin", ownInstance);
        Fixtures.contract(foreign, "quantive", "Enterprise", "Europe/Berlin", foreignInstance);
        String probe = id("probe");
        String location = id("loc");
        Fixtures.registerProbe(probe, List.of(own), List.of(location)).statusCode(200);
        TestClock.set(NOW);
        batch(probeNamed(probe), id("b"), foreignInstance, location, NOW.minusSeconds(60), false).statusCode(403)
                .contentType(PROBLEM).body("type", containsString("outside-probe-scope"))
                .body("violations[0].field", equalTo("results[0].instanceId"));
        postOutage(probeNamed(probe), outage(foreignInstance, "OURS", NOW.minusSeconds(600), null, null)).statusCode(403)
                .contentType(PROBLEM).body("violations[0].field", equalTo("instanceId"));
        batch(probeNamed(id("unregistered")), id("b"), ownInstance, location, NOW.minusSeconds(60), false).statusCode(422)
                .body("violations[0].field", equalTo("results[0].location"));
        postOutage(probeNamed(id("unregistered")), outage(ownInstance, "OURS", NOW.minusSeconds(600), null, null))
                .statusCode(403);
        assertThat(count("select count(*) from probe_minutes where instance_id in ('" + foreignInstance + "', '"
                + ownInstance + "')")).isZero();
        assertThat(count("select count(*) from outages where instance_id in ('" + foreignInstance + "', '" + ownInstance
                + "')")).isZero();
        batch(probeNamed(probe), id("b"), ownInstance, location, NOW.minusSeconds(60), false).statusCode(200);
        postOutage(probeNamed(probe), outage(ownInstance, "OURS", NOW.minusSeconds(600), null, null)).statusCode(201);
    }

    @Test
    @DisplayName("issue 17 idempotency keys are scoped to the probe: another probe's batch under the same key is stored, not replayed or refused")
    void idempotencyKeySharedBetweenProbes() {
        String account = id("acme");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", instance);
        String first = id("probe");
        String second = id("probe");
        String a = id("loc");
        String b = id("loc");
        Fixtures.registerProbe(first, List.of(account), List.of(a)).statusCode(200);
        Fixtures.registerProbe(second, List.of(account), List.of(b)).statusCode(200);
        TestClock.set(NOW);
        String key = id("shared");
        batch(probeNamed(first), key, instance, a, NOW.minusSeconds(60), false).statusCode(200)
                .header("Idempotency-Replayed", "false");
        batch(probeNamed(second), key, instance, b, NOW.minusSeconds(60), false).statusCode(200)
                .header("Idempotency-Replayed", "false");
        batch(probeNamed(second), key, instance, b, NOW.minusSeconds(60), false).statusCode(200)
                .header("Idempotency-Replayed", "true");
        assertThat(count("select count(*) from probe_batches where idempotency_key = '" + key + "'")).isEqualTo(2);
        // Both probes' down reports are in the minute: two location bits.
        assertThat(count("select count(*) from probe_minutes where instance_id = '" + instance + "' "
                + "and down_mask & (down_mask - 1) <> 0")).isEqualTo(1);
    }

    @Test
    @DisplayName("issue 17 probes are registered by an admin only; a location belongs to one probe (409); bad registrations are 400")
    void probeRegistration() {
        String probe = id("probe");
        String location = id("loc");
        given().auth().oauth2(TestTokens.probe()).contentType(ContentType.JSON)
                .body(Map.of("accounts", List.of("*"), "locations", List.of(location))).when().put("/api/v1/probes/" + probe)
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.agent()).when().get("/api/v1/probes/probe-user").then().statusCode(403);
        Fixtures.registerProbe(probe, List.of("acme"), List.of(location)).statusCode(200);
        Fixtures.registerProbe(id("other"), List.of("acme"), List.of(location)).statusCode(409).contentType(PROBLEM)
                .body("violations[0].field", equalTo("locations[0]"));
        Fixtures.registerProbe(id("other"), List.of("x".repeat(101)), List.of()).statusCode(400)
                .body("violations[0].field", equalTo("accounts[0]"));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/probes/" + probe).then().statusCode(200)
                .body("locations", org.hamcrest.Matchers.contains(location));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/probes/" + id("nobody")).then().statusCode(404);
    }

    // ---- 5. Public status page ----

    @Test
    @DisplayName("issue 17 enumerating /status/{accountId} finds nothing: a page is public only when published, under a slug; one uniform 404; cached")
    void statusPageEnumeration() {
        String account = id("acme");
        String other = id("initech");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", instance);
        Fixtures.contract(other, "quantive", "Enterprise", "Europe/Berlin", id("qnt"));
        String unpublished = given().when().get("/status/" + account).then().statusCode(404).contentType(PROBLEM)
                .extract().path("detail");
        String unknown = given().when().get("/status/" + id("nobody")).then().statusCode(404).contentType(PROBLEM)
                .extract().path("detail");
        assertThat(unpublished).isEqualTo(unknown).isEqualTo("status page does not exist");

        // An unguessable slug by default; the account id itself stays a 404.
        String slug = Fixtures.publishStatusPage(account, null).statusCode(200).body("accountId", equalTo(account))
                .extract().path("slug");
        assertThat(slug).matches("[0-9a-f]{32}");
        given().when().get("/status/" + slug).then().statusCode(200).contentType("text/html");
        given().when().get("/status/" + account).then().statusCode(404);
        given().queryParam("environment", "staging").when().get("/status/" + slug).then().statusCode(404);

        // A chosen slug; another account cannot take it; nobody publishes another account's page.
        String chosen = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        Fixtures.publishStatusPage(account, chosen).statusCode(200).body("path", equalTo("/status/" + chosen));
        Fixtures.publishStatusPage(other, chosen).statusCode(409).contentType(PROBLEM);
        Fixtures.publishStatusPage(account, "Not A Slug!").statusCode(400).body("violations[0].field", equalTo("slug"));
        given().auth().oauth2(TestTokens.customer(other)).contentType(ContentType.JSON).body(Map.of("slug", id("x")))
                .when().put("/api/v1/accounts/" + account + "/status-page").then().statusCode(403);
        given().when().get("/status/" + slug).then().statusCode(404);

        // Served from memory: the row removed behind the service's back changes nothing within the cache's 30 s.
        given().when().get("/status/" + chosen).then().statusCode(200);
        ServiceDatabase.count("with d as (delete from status_pages where account_id = '" + account + "' returning 1) "
                + "select count(*) from d");
        given().when().get("/status/" + chosen).then().statusCode(200);

        // A published account without monitored instances: the same 404, again from memory.
        String empty = id("empty");
        Fixtures.publishStatusPage(empty, empty).statusCode(200);
        given().when().get("/status/" + empty).then().statusCode(404).body("detail", equalTo(unknown));
        given().when().get("/status/" + empty).then().statusCode(404).body("detail", equalTo(unknown));

        // Withdrawn through the API: at once on this instance.
        Fixtures.publishStatusPage(account, chosen).statusCode(200);
        given().auth().oauth2(TestTokens.customer(account)).when().delete("/api/v1/accounts/" + account + "/status-page")
                .then().statusCode(204);
        given().when().get("/status/" + chosen).then().statusCode(404);
    }
}
