package org.slaplatform.credit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.slaplatform.credit.CreditFlowTest.contract;
import static org.slaplatform.credit.CreditFlowTest.credits;
import static org.slaplatform.credit.CreditFlowTest.unique;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An account's ledger and claims are listed in the order they were added, to the microsecond: the
 * times are shown to the second, but two rows within one second keep their order (not their ids').
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class HistoryOrderTest {

    /** An id that sorts after (ffffffff...) or before (00000000...) any other: the later row gets the smaller one. */
    static String id(String first8) {
        return first8 + UUID.randomUUID().toString().substring(8);
    }

    @Test
    @DisplayName("QNT-CRD-3 two ledger entries added within one second are listed in the order they were added")
    void ledgerEntriesInTheOrderAdded() throws Exception {
        String account = unique("qnt");
        contract(account, "quantive", "Enterprise", "1000.00", account + "-prod");
        try (Connection c = ServiceDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("insert into ledger_entries (entry_id, account_id, kind, amount, currency, explanation, actor, "
                    + "created_at) values ('" + id("00000000") + "', '" + account + "', 'MANUAL', 2.00, 'USD', 'later', "
                    + "'admin', timestamptz '2026-03-10 14:05:00.900Z'), ('" + id("ffffffff") + "', '" + account
                    + "', 'MANUAL', 1.00, 'USD', 'earlier', 'admin', timestamptz '2026-03-10 14:05:00.100Z')");
        }
        credits(TestTokens.admin(), account).statusCode(200).body("entries.explanation", contains("earlier", "later"));
    }

    @Test
    @DisplayName("QNT-CRD-2 two claims received within one second are listed in the order they were received")
    void claimsInTheOrderReceived() throws Exception {
        String account = unique("qnt");
        contract(account, "quantive", "Enterprise", "1000.00", account + "-prod");
        String earlier = id("ffffffff");
        String later = id("00000000");
        try (Connection c = ServiceDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("insert into claims (claim_id, account_id, incidents, source, state, received_at) values ('"
                    + later + "', '" + account + "', '[]', 'api', 'DISQUALIFIED', timestamptz '2026-03-10 14:05:00.900Z'), ('"
                    + earlier + "', '" + account + "', '[]', 'api', 'DISQUALIFIED', timestamptz '2026-03-10 14:05:00.100Z')");
        }
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/accounts/" + account + "/claims").then()
                .statusCode(200).body("claimId", contains(earlier, later));
    }
}
