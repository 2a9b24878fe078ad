package org.slaplatform.credit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** DESIGN-6, issue 17: what the request fuzz found credit-service storing or failing on, refused precisely. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class MalformedInputTest {

    private static final String TABLES = "select (select count(*) from claims) + (select count(*) from ledger_entries)"
            + " + (select count(*) from outbox)";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a NUL in a claim's instance id (was a 500)|customer|/api/v1/claims|{\"subject\": \"Outage\", \"instanceId\": \"a\\u0000\"}|instanceId",
            "a claim's description over 20,000 characters (was stored)|customer|/api/v1/claims|{\"subject\": \"Outage\", \"description\": \"LONG\"}|description",
            "an instance id that is no id (was stored)|customer|/api/v1/claims|{\"subject\": \"Outage\", \"instanceId\": \"LONG\"}|instanceId",
            "a boolean for an adjustment's reason (was stored as the text true)|admin|/api/v1/accounts/acme/credits/adjustments|{\"amount\": 1.00, \"currency\": \"USD\", \"reason\": true}|reason" })
    @DisplayName("DESIGN-6 a malformed claim or adjustment is a 400 naming the field, and nothing is stored")
    void refusedAndNothingStored(String name, String role, String path, String body, String field) {
        long before = ServiceDatabase.count(TABLES);
        given().auth().oauth2(TestTokens.token(role, role.equals("customer") ? "acme" : null)).contentType(ContentType.JSON)
                .body(body.replace("LONG", "x".repeat(20_001))).when().post(path).then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem(field));
        assertThat(ServiceDatabase.count(TABLES)).isEqualTo(before);
    }
}
