package org.slaplatform.availability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

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
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.Topics;
import org.slaplatform.events.availability.MaintenanceWindowChanged;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * IS-AVL-4 ("InfoStretch may change its maintenance window upon 5 days written notice") and AVL-3:
 * an account's recurring maintenance window changed with the policy's notice, over the real broker
 * and database with the service's clock set per test.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class MaintenanceWindowChangeTest {

    /** Monday 2026-11-02 07:00 EST. */
    private static final Instant NOW = Instant.parse("2026-11-02T12:00:00Z");
    /** 04:00-06:00 Eastern every day, instead of IS's 00:00-03:00. */
    private static final Map<String, Object> EARLY_MORNING = Map.of("id", "early", "every", "day", "hours", "04:00-06:00",
            "zone", "America/New_York");

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ValidatableResponse change(String token, String account, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/accounts/" + account + "/maintenance-window/changes").then();
    }

    private static long changes(String account) {
        return ServiceDatabase.count("select count(*) from maintenance_window_changes where account_id = '" + account + "'");
    }

    @Test
    @DisplayName("IS-AVL-4 a maintenance window change with 5 days' notice takes effect; with 4 days' it is refused and nothing is stored")
    void windowChangeNeedsFiveDaysNotice() {
        String account = id("globex");
        String instance = id("is");
        Fixtures.contract(account, "infostretch", "Maintenance", "America/New_York", instance);
        TestClock.set(NOW);

        change(TestTokens.customer(account), account, Map.of("windows", List.of(EARLY_MORNING),
                "effectiveAt", NOW.plus(Duration.ofDays(4)).toString()))
                .statusCode(422).contentType("application/problem+json")
                .body("type", containsString("insufficient-notice"))
                .body("violations[0].field", equalTo("effectiveAt"))
                .body("violations[0].message", equalTo("earliest 2026-11-07T12:00:00Z (120 h notice, IS-AVL-4)"))
                .body("detail", containsString("96 h after the request"));
        assertThat(changes(account)).isZero();

        String changeId = change(TestTokens.customer(account), account, Map.of("windows", List.of(EARLY_MORNING),
                "effectiveAt", NOW.plus(Duration.ofDays(5)).toString()))
                .statusCode(201)
                .body("effectiveAt", equalTo("2026-11-07T12:00:00Z"))
                .body("requestedAt", equalTo("2026-11-02T12:00:00Z"))
                .body("notice", equalTo("PT120H"))
                .body("windows[0].every", equalTo("DAY"))
                .body("windows[0].hours", equalTo("04:00-06:00"))
                .body("previousWindows[0].id", equalTo("nightly"))
                .extract().path("id");

        // The policy's window until the effective time, the new one from then on.
        windows(account, "2026-11-07T11:59:59Z").statusCode(200)
                .body("windows[0].id", equalTo("nightly")).body("changeId", nullValue())
                .body("pending", hasSize(1)).body("pending[0].id", equalTo(changeId));
        windows(account, "2026-11-07T12:00:00Z").statusCode(200)
                .body("windows[0].id", equalTo("early")).body("windows[0].zone", equalTo("America/New_York"))
                .body("changeId", equalTo(changeId)).body("effectiveSince", equalTo("2026-11-07T12:00:00Z"))
                .body("pending", empty());

        // NTF-2: one event for notification-service, the refused request none.
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.await(Topics.MAINTENANCE.name(),
                r -> account.equals(r.key()), 1, Duration.ofSeconds(30));
        List<EventEnvelope<?>> events = records.stream().<EventEnvelope<?>>map(CloudEventCodec::fromRecord).toList();
        assertThat(events).extracting(e -> e.type().type()).containsExactly(EventTypes.MAINTENANCE_WINDOW_CHANGED.type());
        MaintenanceWindowChanged changed = (MaintenanceWindowChanged) events.get(0).data();
        assertThat(changed.changeId()).isEqualTo(changeId);
        assertThat(changed.instanceIds()).containsExactly(instance);
        assertThat(changed.requestedAt()).isEqualTo(NOW);
        assertThat(changed.effectiveAt()).isEqualTo(Instant.parse("2026-11-07T12:00:00Z"));
        assertThat(changed.windows()).containsExactly(
                new MaintenanceWindowChanged.Window("early", "DAY", null, null, "04:00-06:00", "America/New_York"));
        assertThat(changed.previousWindows()).containsExactly(
                new MaintenanceWindowChanged.Window("nightly", "DAY", null, null, "00:00-03:00", "America/New_York"));
        assertThat(changes(account)).isEqualTo(1);
    }

    @Test
    @DisplayName("IS-AVL-4 AVL-3 planned maintenance inside the new window is excluded only from the change's effective time on")
    void newWindowAppliesFromItsEffectiveTime() {
        String account = id("globex");
        String instance = id("is");
        Fixtures.contract(account, "infostretch", "Maintenance", "America/New_York", instance);
        TestClock.set(NOW);
        // No effectiveAt: scheduled at the earliest the notice allows, 2026-11-07T12:00Z.
        change(TestTokens.admin(), account, Map.of("windows", List.of(EARLY_MORNING))).statusCode(201)
                .body("effectiveAt", equalTo("2026-11-07T12:00:00Z"));

        // Inside the new window (04:00-05:00 EST = 09:00-10:00Z), before it takes effect: not excluded.
        Fixtures.announce(account, "PLANNED", Instant.parse("2026-11-06T09:00:00Z"), Instant.parse("2026-11-06T10:00:00Z"))
                .statusCode(201).body("excluded", equalTo(false))
                .body("reasons[0]", equalTo("not inside an allowed window: [nightly 00:00-03:00 America/New_York] (AVL-3)"));
        // Inside the old window before the effective time: still excluded.
        Fixtures.announce(account, "PLANNED", Instant.parse("2026-11-05T06:00:00Z"), Instant.parse("2026-11-05T07:00:00Z"))
                .statusCode(201).body("excluded", equalTo(true));
        // Inside the new window after the effective time: excluded.
        Fixtures.announce(account, "PLANNED", Instant.parse("2026-11-08T09:00:00Z"), Instant.parse("2026-11-08T10:00:00Z"))
                .statusCode(201).body("excluded", equalTo(true)).body("reasons", empty());
        // Inside the old window after the effective time: no longer an allowed window.
        Fixtures.announce(account, "PLANNED", Instant.parse("2026-11-09T06:00:00Z"), Instant.parse("2026-11-09T07:00:00Z"))
                .statusCode(201).body("excluded", equalTo(false))
                .body("reasons[0]", equalTo("not inside an allowed window: [early 04:00-06:00 America/New_York] (AVL-3)"));

        // The uptime follows the verdicts: the outage in the new window counts before the effective time only.
        TestClock.set(Instant.parse("2026-11-10T00:00:00Z"));
        List<Fixtures.Check> down = new ArrayList<>(Fixtures.minutes(instance, Instant.parse("2026-11-06T09:00:00Z"),
                Instant.parse("2026-11-06T10:00:00Z"), false, "frankfurt", "virginia", "singapore"));
        down.addAll(Fixtures.minutes(instance, Instant.parse("2026-11-08T09:00:00Z"), Instant.parse("2026-11-08T10:00:00Z"),
                false, "frankfurt", "virginia", "singapore"));
        Fixtures.postBatch(id("b"), down).statusCode(200);
        Fixtures.uptime(instance, "2026-11").statusCode(200)
                .body("unavailableMinutes", equalTo(60))
                .body("excludedMinutes", equalTo(60))
                .body("explanation[0].cause", equalTo("UNAVAILABLE"))
                .body("explanation[0].from", equalTo("2026-11-06T09:00:00Z"))
                .body("explanation[1].cause", equalTo("PLANNED_MAINTENANCE"))
                .body("explanation[1].from", equalTo("2026-11-08T09:00:00Z"));
    }

    @Test
    @DisplayName("IS-AVL-4 bad window changes get a precise 4xx and store nothing; policies without a changeable window refuse")
    void badWindowChanges() {
        String account = id("globex");
        Fixtures.contract(account, "infostretch", "Maintenance", "America/New_York", id("is"));
        String inf = id("initech");
        Fixtures.contract(inf, "inflectra", "Standard", "America/Chicago", id("inf"));
        String qnt = id("acme");
        Fixtures.contract(qnt, "quantive", "Other", "Europe/Berlin", id("qnt"));
        TestClock.set(NOW);

        change(TestTokens.customer(account), account, Map.of()).statusCode(400)
                .body("violations[0].field", equalTo("windows"));
        change(TestTokens.customer(account), account, Map.of("windows", List.of(Map.of("every", "fortnight",
                "hours", "00:00-03:00", "zone", "America/New_York")))).statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("windows[0].every"));
        change(TestTokens.customer(account), account, Map.of("windows", List.of(Map.of("every", "day",
                "hours", "00:00-03:00", "zone", "Mars/Olympus")))).statusCode(400)
                .body("violations[0].field", equalTo("windows[0].zone"));
        change(TestTokens.customer(account), account, Map.of("windows", List.of(Map.of("every", "day",
                "hours", "03:00-01:00", "zone", "America/New_York")))).statusCode(400)
                .body("violations[0].field", equalTo("windows[0].hours"));
        change(TestTokens.customer(account), account, Map.of("windows", List.of(Map.of("every", "week",
                "hours", "01:00-03:00", "zone", "America/New_York")))).statusCode(400)
                .body("violations[0].field", equalTo("windows[0].weekday"));
        change(TestTokens.customer(account), account, Map.of("windows", List.of(Map.of("every", "month", "weekday", "saturday",
                "nth", 6, "hours", "01:00-03:00", "zone", "America/New_York")))).statusCode(400)
                .body("violations[0].field", equalTo("windows[0].nth"));
        change(TestTokens.customer(account), account, Map.of("windows", List.of(EARLY_MORNING), "effectiveAt", "soon"))
                .statusCode(400).body("violations[0].field", equalTo("effectiveAt"));
        // Another account's customer, an agent, a probe: not theirs to change.
        change(TestTokens.customer(inf), account, Map.of("windows", List.of(EARLY_MORNING))).statusCode(403);
        change(TestTokens.agent(), account, Map.of("windows", List.of(EARLY_MORNING))).statusCode(403);
        change(TestTokens.probe(), account, Map.of("windows", List.of(EARLY_MORNING))).statusCode(403);
        // INF has a window but no right to change it; Quantive has no window.
        change(TestTokens.customer(inf), inf, Map.of("windows", List.of(EARLY_MORNING))).statusCode(422)
                .body("type", containsString("window-change-not-allowed"))
                .body("detail", containsString("policy inflectra says nothing about changing its maintenance window"));
        change(TestTokens.admin(), qnt, Map.of("windows", List.of(EARLY_MORNING))).statusCode(422)
                .body("detail", containsString("policy quantive sets no maintenance window"));
        change(TestTokens.admin(), id("nobody"), Map.of("windows", List.of(EARLY_MORNING))).statusCode(422)
                .body("type", containsString("unknown-account"));
        assertThat(ServiceDatabase.count("select count(*) from maintenance_window_changes where account_id in ('"
                + account + "', '" + inf + "', '" + qnt + "')")).isZero();
        windows(account, null).statusCode(200).body("windows[0].id", equalTo("nightly")).body("pending", empty());
        given().auth().oauth2(TestTokens.customer(inf)).when().get("/api/v1/accounts/" + account + "/maintenance-window")
                .then().statusCode(404);
    }

    private static ValidatableResponse windows(String account, String at) {
        var request = given().auth().oauth2(TestTokens.customer(account));
        if (at != null) {
            request = request.queryParam("at", at);
        }
        return request.when().get("/api/v1/accounts/" + account + "/maintenance-window").then();
    }
}
