package org.slaplatform.credit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * POL-3 over the real broker and database: the test class path ships {@code quantive} version 2
 * ({@code src/test/resources/policies/quantive.v2.yaml}, effective 2040-01-01: Enterprise 99.99 %, first
 * tier 15 %). December 2039 of an Enterprise instance closed under version 1 at 99.94 %, 1000.00 USD a
 * month; a claim for it arrives on 5 January 2040, when version 2 is in force. The claim is judged under
 * version 2's claim rules, but the month it claims is priced under the version it closed under:
 * <pre>
 * version 1: 99.94 below 99.95, at least 97 -> 10 % of 1000.00 = 100.00 USD (right)
 * version 2: 99.94 below 99.99, at least 97 -> 15 % of 1000.00 = 150.00 USD (what the claim's version would give)
 * </pre>
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class ClaimPolicyVersionTest {

    @Test
    @DisplayName("POL-3 QNT-CRD-1 a December 2039 month closed under version 1, claimed in January 2040 under version 2: priced at version 1's 10 % = 100.00 USD, not version 2's 15 %")
    void claimAfterANewVersionPricesTheMonthUnderItsOwnVersion() {
        String account = CreditFlowTest.unique("qnt-pol3");
        String instance = account + "-prod";
        CreditFlowTest.contract(account, "quantive", "Enterprise", "1000.00", instance);
        CreditFlowTest.sendAndAwait(CreditFlowTest.month(account, instance, "quantive", "Enterprise", "2039-12", 1,
                "99.94", 26), instance, "2039-12", 1);

        UUID claim = UUID.randomUUID();
        CreditFlowTest.fileTicketClaimFor(claim, account, instance, "2039-12", "2040-01-05T09:00:00Z");
        await().atMost(CreditFlowTest.WAIT).until(() -> ServiceDatabase.count("select count(*) from claims where claim_id = '"
                + claim + "' and state <> 'RECEIVED'") == 1);
        given().auth().oauth2(TestTokens.customer(account)).when().get("/api/v1/claims/" + claim).then().statusCode(200)
                .body("state", equalTo("CONFIRMED"))
                .body("detail", containsString("10 % of 1000.00 USD"))
                .body("detail", containsString("100.00"))
                .body("detail", not(containsString("15 %")));
    }
}
