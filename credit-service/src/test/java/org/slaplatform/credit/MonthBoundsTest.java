package org.slaplatform.credit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A billing cycle out of 2000-01..2100-12 is a 400 naming {@code cycle}, before any settlement work. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class MonthBoundsTest {

    @ParameterizedTest(name = "POST /settlements/{0}")
    @ValueSource(strings = { "-99999-01", "0000-01", "1999-12", "2101-01", "+290000-01", "2026-13", "2026-1" })
    void aCycleOutOfRangeIsRefusedNamingTheField(String cycle) {
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/settlements/" + cycle)
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("violations.field", hasItem("cycle"));
    }
}
