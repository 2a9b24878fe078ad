package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 18, POL-1, POL-3: the policies as customers read them, from the same book the intake judges
 * tickets by: the figures and rule texts of the shipped infostretch and quantive files.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class PolicyViewTest {

    private static final String PROBLEM = "application/problem+json";

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    @Test
    @DisplayName("POL-3 every policy and version the platform knows, with title, source and the version in force today")
    void everyPolicyAndVersion() {
        TestClock.set(Instant.parse("2026-12-07T10:00:00Z"));
        given().auth().oauth2(TestTokens.customer("acme")).when().get("/api/v1/policies").then().statusCode(200)
                .body("on", equalTo("2026-12-07"))
                .body("policies.name", hasItems("infostretch", "inflectra", "infotecs", "quantive", "fifthvendor"))
                .body("policies.find { it.name == 'quantive' }.title", equalTo("Quantive Results Uptime Policy"))
                .body("policies.find { it.name == 'quantive' }.source", equalTo("seeds/003_a763954b6b61861a.txt"))
                .body("policies.find { it.name == 'quantive' }.effectiveFrom", equalTo("2021-08-30"))
                .body("policies.find { it.name == 'infostretch' }.title", equalTo("QMetry Maintenance and Support policy"))
                .body("policies.find { it.name == 'infostretch' }.inForce", equalTo(true))
                // the test class path's fifth vendor: version 2 takes effect 2026-01-01
                .body("policies.findAll { it.name == 'fifthvendor' }.version", contains(1, 2))
                .body("policies.findAll { it.name == 'fifthvendor' }.inForce", contains(false, true));
        TestClock.set(Instant.parse("2025-12-31T23:59:59Z"));
        given().auth().oauth2(TestTokens.token("probe", null)).when().get("/api/v1/policies").then().statusCode(200)
                .body("policies.findAll { it.name == 'fifthvendor' }.inForce", contains(true, false));
    }

    @Test
    @DisplayName("IS-SLA-1, CAL-1, CAL-3 the InfoStretch terms: Sev1 first response PT2H on the standard calendar, workaround 1 business day around the clock")
    void infostretchAsCustomersReadIt() {
        String sev1 = "severities.find { it.id == 'sev1' }";
        given().auth().oauth2(TestTokens.token("partner", "acme")).when().get("/api/v1/policies/infostretch/versions/1")
                .then().statusCode(200)
                .body("name", equalTo("infostretch")).body("version", equalTo(1))
                .body("title", equalTo("QMetry Maintenance and Support policy"))
                .body("source", equalTo("seeds/000_5cdaf0b155468061.txt"))
                .body("calendars.find { it.id == 'standard' }.description",
                        equalTo("Standard operating hours, 09:00-18:00 Pacific, Monday-Friday"))
                .body("calendars.find { it.id == 'standard' }.zone", equalTo("America/Los_Angeles"))
                .body("calendars.find { it.id == 'standard' }.hours.monday", contains("09:00-18:00"))
                .body("calendars.find { it.id == 'around-the-clock' }.preset", equalTo("24x7"))
                .body(sev1 + ".name", equalTo("Urgent – Blocker"))
                .body(sev1 + ".description", equalTo("The Software is unavailable or performance has degraded to such an"
                        + " extent as to make the Software non-functional."))
                // CAL-3: "Requires around-the-clock work until there is a Work Around"
                .body(sev1 + ".aroundTheClockWork", equalTo(true))
                .body("severities.find { it.id == 'sev2' }.aroundTheClockWork", equalTo(false))
                .body(sev1 + ".targets.find { it.kind == 'firstResponse' }.within", equalTo("PT2H"))
                .body(sev1 + ".targets.find { it.kind == 'firstResponse' }.businessDays", equalTo(false))
                .body(sev1 + ".targets.find { it.kind == 'firstResponse' }.text", equalTo("2 hours"))
                .body(sev1 + ".targets.find { it.kind == 'firstResponse' }.calendar", equalTo("standard"))
                .body(sev1 + ".targets.find { it.kind == 'firstResponse' }.rule", equalTo("IS-SLA-1"))
                .body(sev1 + ".targets.find { it.kind == 'workaround' }.within", equalTo("P1D"))
                .body(sev1 + ".targets.find { it.kind == 'workaround' }.businessDays", equalTo(true))
                .body(sev1 + ".targets.find { it.kind == 'workaround' }.reading", equalTo("same-clock-time"))
                .body(sev1 + ".targets.find { it.kind == 'workaround' }.calendar", equalTo("around-the-clock"))
                .body(sev1 + ".targets.find { it.kind == 'workaround' }.rule", equalTo("CAL-3"))
                .body("severities.find { it.id == 'sev2' }.targets.find { it.kind == 'firstResponse' }.within", equalTo("PT4H"))
                // IS-SLA-3: only the workaround clock waits on the customer
                .body("pauses[0].targets", contains("workaround"))
                .body("pauses[0].whileStates", contains("waiting-on-customer"))
                .body("pauses[0].rule", equalTo("IS-SLA-3"))
                .body("reopen.behaviour", equalTo("resume")).body("reopen.rule", equalTo("TKT-4"))
                .body("exclusions.find { it.kind == 'planned-maintenance' }.rule", equalTo("AVL-3"))
                .body("exclusions.find { it.kind == 'planned-maintenance' }.note",
                        equalTo("only with at least 48 hours notice and inside the window"))
                .body("maintenance.notice", equalTo("PT48H"))
                .body("maintenance.announceIfLongerThan", equalTo("PT15M"))
                .body("maintenance.windowChangeNotice", equalTo("PT120H"))
                .body("maintenance.emergencyNotice", equalTo("as much advance notice as is reasonable under the circumstances"));
    }

    @Test
    @DisplayName("QNT-CRD-1 the Quantive terms: Enterprise 99.95 %, all other plans 99.9 %, no severity scale")
    void quantiveAsCustomersReadIt() {
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/policies/quantive/versions/1").then().statusCode(200)
                .body("title", equalTo("Quantive Results Uptime Policy"))
                .body("effectiveFrom", equalTo("2021-08-30"))
                .body("plans.name", contains("Enterprise", "Other"))
                .body("plans.find { it.name == 'Enterprise' }.uptimeCommitment", equalTo(99.95f))
                .body("plans.find { it.name == 'Enterprise' }.description", nullValue())
                .body("plans.find { it.name == 'Other' }.description", equalTo("all other plans"))
                .body("plans.find { it.name == 'Other' }.otherPlans", equalTo(true))
                .body("plans.find { it.name == 'Other' }.uptimeCommitment", equalTo(99.9f))
                .body("severities.size()", equalTo(0))
                .body("exclusions.find { it.kind == 'force-majeure' }.rule", equalTo("AVL-3"));
    }

    @Test
    @DisplayName("DESIGN-6, DESIGN-7 no token 401; a bad name or version 400 naming it; an unknown policy or version 404")
    void refusals() {
        given().when().get("/api/v1/policies").then().statusCode(401).contentType(PROBLEM);
        given().when().get("/api/v1/policies/infostretch/versions/1").then().statusCode(401).contentType(PROBLEM);
        String customer = TestTokens.customer("acme");
        given().auth().oauth2(customer).when().get("/api/v1/policies/InfoStretch/versions/1").then().statusCode(400)
                .contentType(PROBLEM).body("violations[0].field", equalTo("name"))
                .body("violations[0].message", containsString("policy name"));
        for (String version : new String[] { "0", "10001", "abc", "-1", "1.0" }) {
            given().auth().oauth2(customer).when().get("/api/v1/policies/infostretch/versions/" + version).then()
                    .statusCode(400).contentType(PROBLEM).body("violations[0].field", equalTo("version"))
                    .body("violations[0].message", equalTo("must be a whole number from 1 to 10000"));
        }
        given().auth().oauth2(customer).when().get("/api/v1/policies/nosuchvendor/versions/1").then().statusCode(404)
                .contentType(PROBLEM).body("detail", containsString("policy nosuchvendor"));
        given().auth().oauth2(customer).when().get("/api/v1/policies/infostretch/versions/10000").then().statusCode(404)
                .contentType(PROBLEM).body("detail", equalTo("version 10000 of policy infostretch (versions: [1]) does not exist"));
    }
}
