package org.slaplatform.availability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * POL-3 over the real broker and database: outages and months are judged under the policy version and
 * plan in force when they began. The test class path ships {@code quantive} version 2
 * ({@code src/test/resources/policies/quantive.v2.yaml}, effective 2031-01-01), which no longer
 * excludes force majeure.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class PolicyInForceTest {

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ValidatableResponse outage(String instance, String cause, Instant start, Instant end) {
        Map<String, Object> body = new HashMap<>();
        body.put("instanceId", instance);
        body.put("cause", cause);
        body.put("startedAt", start.toString());
        body.put("endedAt", end.toString());
        if (!"OURS".equals(cause)) {
            body.put("reason", "storm took out the data centre's power feed");
        }
        return given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/outages").then();
    }

    private static ValidatableResponse results(String instance, String month) {
        return given().auth().oauth2(TestTokens.admin()).when()
                .get("/api/v1/instances/" + instance + "/months/" + month + "/results").then().statusCode(200);
    }

    @Test
    @DisplayName("POL-3 shipping quantive v2 keeps the outage and month that began under v1 on v1; new ones start on v2")
    void newVersionJudgesOnlyWhatBeginsUnderIt() {
        String account = id("globex");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Enterprise", "Europe/Berlin", instance);

        TestClock.set(Instant.parse("2030-12-31T12:00:00Z"));
        outage(instance, "FORCE_MAJEURE", Instant.parse("2030-12-31T09:00:00Z"), Instant.parse("2030-12-31T09:30:00Z"))
                .statusCode(201).body("policyVersion", equalTo(1)).body("excluded", equalTo(true));

        TestClock.set(Instant.parse("2031-01-02T12:00:00Z"));
        outage(instance, "FORCE_MAJEURE", Instant.parse("2031-01-02T09:00:00Z"), Instant.parse("2031-01-02T09:30:00Z"))
                .statusCode(201).body("policyVersion", equalTo(2)).body("excluded", equalTo(false));
        // The December outage is still judged under v1 now that v2 is in force.
        Fixtures.uptime(instance, "2030-12").statusCode(200).body("policyVersion", equalTo(1))
                .body("unavailableMinutes", equalTo(0)).body("excludedMinutes", equalTo(30));

        TestClock.set(Instant.parse("2031-01-03T12:00:00Z"));
        Fixtures.closeMonths();
        results(instance, "2030-12").body("", hasSize(1)).body("[0].result.policyVersion", equalTo(1))
                .body("[0].result.unavailableMinutes", equalTo(0)).body("[0].result.excludedMinutes", equalTo(30));

        TestClock.set(Instant.parse("2031-02-03T12:00:00Z"));
        Fixtures.closeMonths();
        results(instance, "2031-01").body("", hasSize(1)).body("[0].result.policyVersion", equalTo(2))
                .body("[0].result.unavailableMinutes", equalTo(30)).body("[0].result.excludedMinutes", equalTo(0));
        results(instance, "2030-12").body("", hasSize(1));
    }

    @Test
    @DisplayName("POL-3 QNT-CRD-1 a plan changed mid-month leaves the closed month's published figure and plan unchanged, also in its correction")
    void planChangeKeepsClosedMonths() {
        String account = id("initech");
        String instance = id("qnt");
        Fixtures.contract(account, "quantive", "Other", "Europe/Berlin", instance);

        // November: 30 of 43,200 minutes down = 99.9305 %: meets Other's 99.9, would miss Enterprise's 99.95.
        TestClock.set(Instant.parse("2026-11-20T12:00:00Z"));
        outage(instance, "OURS", Instant.parse("2026-11-10T10:00:00Z"), Instant.parse("2026-11-10T10:30:00Z"))
                .statusCode(201);
        TestClock.set(Instant.parse("2026-12-03T12:00:00Z"));
        Fixtures.closeMonths();
        results(instance, "2026-11").body("", hasSize(1)).body("[0].result.plan", equalTo("Other"))
                .body("[0].result.commitment", equalTo(99.9f)).body("[0].result.met", equalTo(true))
                .body("[0].result.uptimePercent", equalTo(99.9305f));

        // December 10: the account moves to Enterprise.
        TestClock.set(Instant.parse("2026-12-10T12:00:00Z"));
        Fixtures.contractRevision(account, 2, Instant.parse("2026-12-10T00:00:00Z"), "quantive", "Enterprise",
                "Europe/Berlin", instance);
        Fixtures.uptime(instance, "2026-11").statusCode(200).body("plan", equalTo("Other"))
                .body("commitment", equalTo(99.9f)).body("met", equalTo(true));
        // The running month had Enterprise for part of it: held to the stricter commitment.
        Fixtures.uptime(instance, "2026-12").statusCode(200).body("plan", equalTo("Enterprise"))
                .body("commitment", equalTo(99.95f));

        // A late outage corrects November: the correction keeps the plan November closed under.
        outage(instance, "OURS", Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T10:05:00Z"))
                .statusCode(201);
        Fixtures.closeMonths();
        results(instance, "2026-11").body("", hasSize(2))
                .body("[0].result.plan", equalTo("Other")).body("[0].result.uptimePercent", equalTo(99.9305f))
                .body("[1].result.version", equalTo(2)).body("[1].result.plan", equalTo("Other"))
                .body("[1].result.commitment", equalTo(99.9f)).body("[1].result.met", equalTo(true))
                .body("[1].result.unavailableMinutes", equalTo(35));
    }
}
