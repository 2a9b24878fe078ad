package org.slaplatform.slatimer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** SLA-6's monthly report: a month out of 2000-01..2100-12 is a 400 naming {@code month}. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class MonthBoundsTest {

    @ParameterizedTest(name = "month={0}")
    @ValueSource(strings = { "-99999-01", "0000-01", "1999-12", "2101-01", "2026-13", "" })
    void aMonthOutOfRangeIsRefusedNamingTheField(String month) {
        given().auth().oauth2(TestTokens.customer("acme")).queryParam("month", month)
                .when().get("/api/v1/accounts/acme/sla-report")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("violations.field", hasItem("month"));
    }
}
