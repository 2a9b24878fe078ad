package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Who sees what (DESIGN-7, INF-TKT-8) and search with filters and cursor pagination. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class AccessAndSearchTest {

    @BeforeEach
    void accounts() {
        Fixtures.account("umbrella", "inflectra", "standard", "\"partners\": [\"consultco\"]");
        Fixtures.account("cyberdyne", "inflectra", "standard");
    }

    @Test
    @DisplayName("INF-TKT-8 a partner named by the contract files and follows the customer's tickets, and no other account's")
    void partnersActForTheirCustomers() {
        String partner = TestTokens.token("partner", "consultco");
        String id = given().auth().oauth2(partner).contentType(ContentType.JSON)
                .body("{\"accountId\": \"umbrella\", \"subject\": \"Filed by our consultant\", \"severity\": 3}")
                .when().post("/api/v1/tickets").then().statusCode(201)
                .body("accountId", equalTo("umbrella")).body("createdBy", equalTo("partner-user"))
                .extract().path("id");
        given().auth().oauth2(partner).when().get("/api/v1/tickets/" + id).then().statusCode(200);
        given().auth().oauth2(partner).contentType(ContentType.JSON).body("{\"to\": \"CLOSED\"}")
                .when().post("/api/v1/tickets/" + id + "/transitions").then().statusCode(200);
        given().auth().oauth2(partner).contentType(ContentType.JSON)
                .body("{\"accountId\": \"cyberdyne\", \"subject\": \"Not ours\", \"severity\": 3}")
                .when().post("/api/v1/tickets").then().statusCode(403).contentType(Fixtures.PROBLEM);
        String other = Fixtures.fileTicket(TestTokens.customer("cyberdyne"), "{\"subject\": \"Private\", \"severity\": 3}");
        given().auth().oauth2(partner).when().get("/api/v1/tickets/" + other).then().statusCode(404);
        given().auth().oauth2(partner).queryParam("accountId", "cyberdyne").when().get("/api/v1/tickets")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    @DisplayName("INF-TKT-8, IS-TKT-1 partnersMayFile: InfoStretch's policy lets no partner file for the customer (403), though the contract names it; it still follows the customer's tickets")
    void partnersFileOnlyWherePolicyAllows() {
        Fixtures.account("initech", "infostretch", "maintenance", "\"partners\": [\"consultco\"]");
        String partner = TestTokens.token("partner", "consultco");
        given().auth().oauth2(partner).contentType(ContentType.JSON)
                .body("{\"accountId\": \"initech\", \"subject\": \"Filed by our consultant\", \"severity\": 3}")
                .when().post("/api/v1/tickets").then().statusCode(403).contentType(Fixtures.PROBLEM)
                .body("detail", equalTo("policy infostretch version 1 does not let partners file tickets for a"
                        + " customer (entitlements.intake.partnersMayFile); the customer or support files for account initech"));
        assertThat(ServiceDatabase.count("select count(*) from tickets where account_id = 'initech'")).isZero();
        // the customer files; the partner the contract names follows the ticket
        String id = Fixtures.fileTicket(TestTokens.customer("initech"), "{\"subject\": \"Ours\", \"severity\": 3}");
        given().auth().oauth2(partner).when().get("/api/v1/tickets/" + id).then().statusCode(200)
                .body("accountId", equalTo("initech"));
        // Inflectra (partnersMayFile: true) lets the same partner file for its customer
        given().auth().oauth2(partner).contentType(ContentType.JSON)
                .body("{\"accountId\": \"umbrella\", \"subject\": \"Filed by our consultant\", \"severity\": 3}")
                .when().post("/api/v1/tickets").then().statusCode(201).body("accountId", equalTo("umbrella"));
    }

    @Test
    @DisplayName("DESIGN-7 a customer's search sees only its own account, whatever it asks for; a probe sees nothing")
    void searchIsScoped() {
        Fixtures.fileTicket(TestTokens.customer("cyberdyne"), "{\"subject\": \"Skynet\", \"severity\": 1}");
        Fixtures.fileTicket(TestTokens.customer("umbrella"), "{\"subject\": \"Hive\", \"severity\": 2}");
        given().auth().oauth2(TestTokens.customer("umbrella")).when().get("/api/v1/tickets")
                .then().statusCode(200).body("items.accountId", everyItem(equalTo("umbrella")));
        given().auth().oauth2(TestTokens.customer("umbrella")).queryParam("accountId", "cyberdyne")
                .when().get("/api/v1/tickets").then().statusCode(200).body("items", hasSize(0));
        given().auth().oauth2(TestTokens.probe()).when().get("/api/v1/tickets").then().statusCode(403);
    }

    @Test
    @DisplayName("TKT-4 search filters by account, state, severity and created range, newest first, page by page with a cursor")
    void searchFiltersAndPages() {
        Fixtures.account("paged", "inflectra", "standard");
        String from = java.time.Instant.now().minusSeconds(1).toString();
        List<String> filed = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            filed.add(Fixtures.fileTicket(TestTokens.customer("paged"),
                    "{\"subject\": \"Ticket " + i + "\", \"severity\": " + (i % 2 == 0 ? 2 : 4) + "}"));
        }
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"to\": \"ACKNOWLEDGED\"}")
                .when().post("/api/v1/tickets/" + filed.get(0) + "/transitions").then().statusCode(200);

        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(TestTokens.agent()).queryParam("accountId", "paged")
                    .queryParam("limit", 3).queryParam("createdFrom", from);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/v1/tickets").then().statusCode(200).extract().response();
            List<String> ids = page.path("items.id");
            order.addAll(ids);
            seen.addAll(ids);
            cursor = page.path("next");
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(order).hasSize(7).doesNotHaveDuplicates();
        List<String> newestFirst = new ArrayList<>(filed);
        java.util.Collections.reverse(newestFirst);
        assertThat(order).containsExactlyElementsOf(newestFirst);

        given().auth().oauth2(TestTokens.agent()).queryParam("accountId", "paged").queryParam("severity", 2)
                .when().get("/api/v1/tickets").then().statusCode(200).body("items", hasSize(4))
                .body("items.severity", everyItem(equalTo(2)));
        given().auth().oauth2(TestTokens.agent()).queryParam("accountId", "paged").queryParam("state", "ACKNOWLEDGED")
                .when().get("/api/v1/tickets").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(filed.get(0)));
        given().auth().oauth2(TestTokens.agent()).queryParam("accountId", "paged")
                .queryParam("createdTo", from).when().get("/api/v1/tickets").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    @DisplayName("INF-TKT-3 order=triage: severity first, then the policy's priority and risk scales, highest first,"
            + " unrated last, oldest first among equals; the cursor pages through it without loss or repeat")
    void triageOrder() {
        Fixtures.account("triaged", "inflectra", "standard");
        String token = TestTokens.customer("triaged");
        String a = Fixtures.fileTicket(token, "{\"subject\": \"A\", \"severity\": 2, \"priority\": \"LOW\"}");
        String b = Fixtures.fileTicket(token, "{\"subject\": \"B\", \"severity\": 1, \"category\": \"QUESTION\"}");
        String c = Fixtures.fileTicket(token, "{\"subject\": \"C\", \"severity\": 2, \"priority\": \"CRITICAL\", \"risk\": \"LOCAL\"}");
        String d = Fixtures.fileTicket(token, "{\"subject\": \"D\", \"severity\": 2, \"priority\": \"CRITICAL\", \"risk\": \"DEEP_AND_WIDE\"}");
        String e = Fixtures.fileTicket(token, "{\"subject\": \"E\", \"severity\": 2}");
        String f = Fixtures.fileTicket(token, "{\"subject\": \"F\", \"severity\": 3, \"priority\": \"CRITICAL\", \"risk\": \"DEEP_AND_WIDE\"}");
        String g = Fixtures.fileTicket(token, "{\"subject\": \"G\", \"severity\": 2, \"priority\": \"CRITICAL\", \"risk\": \"DEEP_AND_WIDE\"}");
        String h = Fixtures.fileTicket(token, "{\"subject\": \"H\", \"severity\": 2, \"priority\": \"HIGH\", \"risk\": \"HYPER_LOCAL\"}");
        List<String> expected = List.of(b, d, g, c, h, a, e, f);

        given().auth().oauth2(TestTokens.agent()).queryParam("accountId", "triaged").queryParam("order", "triage")
                .when().get("/api/v1/tickets").then().statusCode(200).body("items.id", equalTo(expected))
                .body("next", nullValue());

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(token).queryParam("order", "triage").queryParam("limit", 3);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.when().get("/api/v1/tickets").then().statusCode(200).extract().response();
            paged.addAll(page.path("items.id"));
            cursor = page.path("next");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(paged).containsExactlyElementsOf(expected);

        // a severity change moves the ticket in the queue (IS-TKT-2): E becomes Sev1 and comes right after B
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"severity\": 1, \"reason\": \"outage\"}")
                .when().put("/api/v1/tickets/" + e + "/severity").then().statusCode(200);
        given().auth().oauth2(token).queryParam("order", "triage").queryParam("severity", 2)
                .when().get("/api/v1/tickets").then().statusCode(200).body("items.id", equalTo(List.of(d, g, c, h, a)));
        given().auth().oauth2(token).queryParam("order", "triage").queryParam("limit", 2)
                .when().get("/api/v1/tickets").then().statusCode(200).body("items.id", equalTo(List.of(b, e)));

        // a cursor is only good for the order that issued it
        String triageCursor = given().auth().oauth2(token).queryParam("order", "triage").queryParam("limit", 1)
                .when().get("/api/v1/tickets").then().statusCode(200).extract().path("next");
        String createdCursor = given().auth().oauth2(token).queryParam("limit", 1)
                .when().get("/api/v1/tickets").then().statusCode(200).extract().path("next");
        given().auth().oauth2(token).queryParam("cursor", triageCursor).when().get("/api/v1/tickets")
                .then().statusCode(400).contentType(Fixtures.PROBLEM).body("violations[0].field", equalTo("cursor"));
        given().auth().oauth2(token).queryParam("order", "triage").queryParam("cursor", createdCursor)
                .when().get("/api/v1/tickets").then().statusCode(400).body("violations[0].field", equalTo("cursor"));
    }

    @Test
    @DisplayName("DESIGN-6 bad search parameters are a 400 naming the parameter")
    void badSearchParameters() {
        for (String[] bad : new String[][] { { "state", "SLEEPING" }, { "severity", "0" }, { "limit", "1000" },
                { "createdFrom", "yesterday" }, { "cursor", "not-a-cursor" }, { "category", "RANT" },
                { "order", "urgency" }, { "order", "TRIAGE" } }) {
            given().auth().oauth2(TestTokens.agent()).queryParam(bad[0], bad[1]).when().get("/api/v1/tickets")
                    .then().statusCode(400).contentType(Fixtures.PROBLEM).body("violations[0].field", equalTo(bad[0]));
        }
    }
}
