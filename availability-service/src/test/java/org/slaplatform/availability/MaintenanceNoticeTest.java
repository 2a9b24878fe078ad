package org.slaplatform.availability;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

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
import org.slaplatform.events.availability.MaintenanceAnnounced;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** AVL-3 emergency maintenance and NTF-2 upgrades over the real broker and database. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class MaintenanceNoticeTest {

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ValidatableResponse announce(String account, String kind, Instant start, Instant end, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("accountId", account);
        body.put("kind", kind);
        body.put("startsAt", start.toString());
        body.put("endsAt", end.toString());
        body.put("description", "patch the load balancers");
        if (reason != null) {
            body.put("reason", reason);
        }
        return given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/maintenance").then();
    }

    @Test
    @DisplayName("AVL-3 IS emergency maintenance with an agent's justification is excluded and audited; without one it counts, and the answer says why")
    void isEmergencyWithJustification() {
        String account = id("hooli");
        String instance = id("is");
        Fixtures.contract(account, "infostretch", "Maintenance", "America/New_York", instance);
        Instant now = Instant.parse("2026-11-18T14:05:00Z");
        TestClock.set(now);
        String justified = announce(account, "EMERGENCY", now, now.plus(Duration.ofMinutes(40)),
                "zero-day exploited in the wild; waiting for the window would expose customer data")
                .statusCode(201).body("excluded", equalTo(true)).body("reasons", empty())
                .body("justification", containsString("zero-day")).body("policyVersion", equalTo(1))
                .extract().path("id");
        assertThat(ServiceDatabase.count("select count(*) from audit_lines where subject_id = '" + justified
                + "' and action = 'EMERGENCY_MAINTENANCE_JUSTIFIED' and actor_role = 'agent'")).isEqualTo(1);

        Instant later = now.plus(Duration.ofHours(2));
        TestClock.set(later);
        announce(account, "EMERGENCY", later, later.plus(Duration.ofMinutes(20)), null)
                .statusCode(201).body("excluded", equalTo(false))
                .body("reasons[0]", containsString("emergency maintenance without a justification"));
        // a justification belongs to emergency maintenance only
        announce(account, "PLANNED", later.plus(Duration.ofDays(3)), later.plus(Duration.ofDays(3)).plusSeconds(600), "why not")
                .statusCode(400).body("violations[0].field", equalTo("reason"));

        TestClock.set(Instant.parse("2026-11-18T17:00:00Z"));
        Fixtures.postBatch(id("b"), Fixtures.minutes(instance, now, now.plus(Duration.ofMinutes(40)), false,
                "frankfurt", "virginia", "singapore")).statusCode(200);
        Fixtures.postBatch(id("b"), Fixtures.minutes(instance, later, later.plus(Duration.ofMinutes(20)), false,
                "frankfurt", "virginia", "singapore")).statusCode(200);
        Fixtures.uptime(instance, "2026-11").statusCode(200)
                .body("excludedByCause.EMERGENCY_MAINTENANCE", equalTo(40))
                .body("unavailableMinutes", equalTo(20));
    }

    @Test
    @DisplayName("NTF-2 IS upgrades are announced ahead: published as maintenance-announced with kind UPGRADE; one not announced before it starts is not excluded")
    void isUpgradeAnnounced() {
        String account = id("pied");
        String instance = id("is");
        Fixtures.contract(account, "infostretch", "Maintenance", "America/New_York", instance);
        // 2026-11-21 01:00-01:10 EST, announced three days ahead
        TestClock.set(Instant.parse("2026-11-18T06:00:00Z"));
        String upgrade = announce(account, "UPGRADE", Instant.parse("2026-11-21T06:00:00Z"), Instant.parse("2026-11-21T06:10:00Z"),
                null).statusCode(201).body("kind", equalTo("UPGRADE")).body("excluded", equalTo(true)).extract().path("id");
        // one announced a minute after it began (10 minutes, under the 15-minute threshold) is not excluded
        TestClock.set(Instant.parse("2026-11-18T06:01:00Z"));
        announce(account, "UPGRADE", Instant.parse("2026-11-18T06:00:00Z"), Instant.parse("2026-11-18T06:10:00Z"), null)
                .statusCode(201).body("excluded", equalTo(false))
                .body("reasons[0]", containsString("announces upgrades in advance (NTF-2)"));

        List<ConsumerRecord<String, byte[]>> notices = KafkaTestClient.await(Topics.MAINTENANCE.name(),
                r -> account.equals(r.key()), 2, Duration.ofSeconds(30));
        MaintenanceAnnounced announced = (MaintenanceAnnounced) CloudEventCodec.fromRecord(notices.stream()
                .filter(r -> new String(r.value()).contains(upgrade)).findFirst().orElseThrow()).data();
        assertThat(announced.kind()).isEqualTo("UPGRADE");
        assertThat(announced.excluded()).isTrue();
        assertThat(announced.instanceIds()).containsExactly(instance);
    }
}
