package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.slaplatform.testing.Access;
import org.slaplatform.testing.AccessMatrixContract;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Issue 17: ticket-service's access table, fixtures for an own and a foreign account, and the fuzz. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class AccessMatrixTest extends AccessMatrixContract {

    private final Map<String, String> tickets = new HashMap<>();

    AccessMatrixTest() {
        super("acme", "globex");
    }

    @Override
    protected Map<String, Access> accessTable() {
        return Map.ofEntries(
                // POL-2: admins write accounts; the account named in the path is the one written.
                Map.entry("putAccount", Access.platform("admin")),
                Map.entry("getAccount", Access.account(PEOPLE)),
                // IS-LIFE-1/2: products and their releases are the platform's, not an account's.
                Map.entry("putProduct", Access.platform("admin")),
                Map.entry("getProduct", Access.platform(PEOPLE)),
                // POL-1, issue 18: the policies are the published terms, no account's data: every role reads them.
                Map.entry("listPolicies", Access.platform("customer", "partner", "agent", "probe", "admin")),
                Map.entry("getPolicyVersion", Access.platform("customer", "partner", "agent", "probe", "admin")),
                // IS-TKT-1: a customer or partner naming another account is refused outright
                // (Caller.accountForWrite, AccountScope): 403, the account named by the caller itself.
                Map.entry("createTicket", Access.account(PEOPLE).foreign(403)),
                Map.entry("postFeedback", Access.account(PEOPLE).foreign(403)),
                // A search is filtered to the caller's accounts: another account's filter finds nothing.
                Map.entry("searchTickets", Access.account(PEOPLE).foreign(200)),
                Map.entry("getTicket", Access.account(PEOPLE)),
                Map.entry("getTicketHistory", Access.account(PEOPLE)),
                Map.entry("transitionTicket", Access.account(PEOPLE)),
                Map.entry("escalateTicket", Access.account(PEOPLE)),
                Map.entry("changeTicketSeverity", Access.account("agent", "admin")),
                Map.entry("answerFeatureRequest", Access.account("agent", "admin")),
                // IS-TKT-1: the mail gateway's intake, not any one account's call.
                Map.entry("receiveEmail", Access.platform("agent", "admin")));
    }

    @BeforeEach
    void accounts() {
        for (String account : bothAccounts()) {
            Fixtures.putAccount(account, contract(account)).statusCode(200);
            tickets.put(account, ticket(account, "{\"subject\": \"Fixture\", \"severity\": 2}"));
        }
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(document().operations().stream().filter(o -> o.id().equals("putProduct")).findFirst()
                        .orElseThrow().example())
                .when().put("/api/v1/products/sla-suite").then().statusCode(200);
    }

    /**
     * Each account has one instance, the one the feedback example names for acme. InfoStretch: the one
     * policy that offers the Feedback button (IS-TKT-1), so that every operation can answer 201.
     */
    private static String contract(String account) {
        return Fixtures.contract("infostretch", "maintenance", "2020-01-01", null, """
                "instances": [{"instanceId": "%s-prod-eu", "productId": "spira", "version": "7.1.0.12", "environment": "production"}],
                "products": [{"productId": "spira"}]""".formatted(account));
    }

    private static String ticket(String account, String body) {
        return Fixtures.fileTicket(TestTokens.customer(account), body);
    }

    @Override
    protected Map<String, String> parameters(String operationId, String account) {
        return switch (operationId) {
            case "getAccount", "putAccount", "searchTickets" -> Map.of("accountId", account);
            case "getProduct", "putProduct" -> Map.of("productId", "sla-suite");
            case "getPolicyVersion" -> Map.of("name", "infostretch", "version", "1");
            case "getTicket", "getTicketHistory" -> Map.of("id", tickets.get(account));
            // These move their ticket on: each call gets a fresh one in the state its example needs.
            case "transitionTicket", "escalateTicket", "changeTicketSeverity" ->
                Map.of("id", ticket(account, "{\"subject\": \"Fresh\", \"severity\": 2}"));
            case "answerFeatureRequest" ->
                Map.of("id", ticket(account, "{\"subject\": \"Dark mode\", \"severity\": 4, \"category\": \"FEATURE_REQUEST\"}"));
            default -> Map.of();
        };
    }

    @Override
    protected String body(String operationId, String account, String example) {
        return switch (operationId) {
            // Re-puts the fixture's own contract, so that the account keeps its instances for later calls.
            case "putAccount" -> contract(account);
            // Agents and admins must name the account; customers and partners may name their own.
            case "createTicket" -> with(example, "accountId", account);
            case "postFeedback" -> with(with(example, "accountId", account), "instanceId", account + "-prod-eu");
            // TKT-4: closing is the one move every role may make from NEW (the example is support's).
            case "transitionTicket" -> with(example, "to", "CLOSED");
            default -> example;
        };
    }
}
