package org.slaplatform.availability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * DESIGN-6: the request models' Bean Validation constraints answer as the hand checks did, a 400
 * problem naming the field with the same message.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class RequestValidationTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    @DisplayName("DESIGN-6 an outage without an instance id, or an outage end without endedAt, is a 400 naming the field")
    void outages() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("instanceId", " ", "cause", "OURS", "startedAt", "2026-11-20T11:00:00Z"))
                .when().post("/api/v1/outages").then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://slaplatform.org/problems/invalid-input"))
                .body("detail", equalTo("instanceId: must be 1 to 100 characters"))
                .body("violations", hasSize(1)).body("violations[0].field", equalTo("instanceId"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/outages/" + UUID.randomUUID() + "/end").then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("endedAt: is required"));
    }

    @Test
    @DisplayName("DESIGN-6 a probe registration without its lists, or with 64 locations, is a 400 naming the list")
    void probeRegistrations() {
        String probe = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Map.of("locations", List.of()))
                .when().put("/api/v1/probes/" + probe).then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("accounts: is required (an empty list unregisters)"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("accounts", List.of(), "locations", Collections.nCopies(64, "loc")))
                .when().put("/api/v1/probes/" + probe).then().statusCode(400).contentType(PROBLEM)
                .body("detail", equalTo("locations: at most 63 entries"));
    }
}
