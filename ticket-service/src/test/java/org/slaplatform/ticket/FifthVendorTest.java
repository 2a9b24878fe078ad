package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.Topics;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * A fifth vendor is one policy file (src/test/resources/policies/fifthvendor.yaml, listed in the test
 * class path's policies/catalog.txt) and no Java: three severities, a major.minor scheme, the API and
 * the Feedback button, a second version from 2026 (POL-3).
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class FifthVendorTest {

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static io.restassured.response.ValidatableResponse file(String account, String body) {
        return given().auth().oauth2(TestTokens.customer(account)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/tickets").then();
    }

    @Test
    @DisplayName("POL-1 IS-TKT-1 IS-TKT-2 IS-LIFE-1 a fifth vendor's policy file works end to end with no code change:"
            + " account, contract, major.minor product, ticket filed on its three-level scale, ticket.created published")
    void aFifthVendorWorksEndToEnd() {
        TestClock.set(Instant.parse("2025-06-02T17:00:00Z"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("""
                {"name": "Widget", "policy": "fifthvendor", "releases": [
                  {"version": "2.0", "generalAvailability": "2022-01-10"},
                  {"version": "3.1", "generalAvailability": "2025-01-10"}]}""")
                .when().put("/api/v1/products/widget").then().statusCode(200)
                .body("releases.find { it.version == '2.0' }.status", equalTo("UNSUPPORTED"))
                .body("releases.find { it.version == '3.1' }.status", equalTo("SUPPORTED"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("""
                {"name": "Widget", "policy": "fifthvendor", "releases": [{"version": "3.1.0"}]}""")
                .when().put("/api/v1/products/widget-bad").then().statusCode(400)
                .body("violations[0].field", equalTo("releases[0].version"));
        Fixtures.putAccount("fifth-co", Fixtures.contract("fifthvendor", "standard", "2025-01-01", null, """
                "instances": [{"instanceId": "shop", "productId": "widget", "version": "3.1", "environment": "production"}],
                "products": [{"productId": "widget"}]""")).statusCode(200)
                .body("contract.policyVersion", equalTo(1));
        ContractChanged contract = (ContractChanged) CloudEventCodec.fromRecord(KafkaTestClient.await(Topics.CONTRACTS.name(),
                r -> "fifth-co".equals(r.key()), 1, Duration.ofSeconds(20)).get(0)).data();
        assertThat(contract.policy()).isEqualTo("fifthvendor");

        String id = file("fifth-co", """
                {"subject": "Checkout down", "severity": 1, "productId": "widget", "version": "3.1"}""")
                .statusCode(201).body("policy", equalTo("fifthvendor")).body("policyVersion", equalTo(1))
                .body("severity", equalTo(1)).extract().path("id");
        file("fifth-co", "{\"subject\": \"Old\", \"severity\": 3, \"productId\": \"widget\", \"version\": \"2.0\"}")
                .statusCode(201).body("flags", hasItem("UNSUPPORTED_VERSION"));
        file("fifth-co", "{\"subject\": \"Four?\", \"severity\": 4}").statusCode(400)
                .body("violations.field", hasItem("severity")).body("detail", containsString("[1, 2, 3]"));
        // the Feedback button is offered; the policy's default severity (degraded, level 2) applies
        given().auth().oauth2(TestTokens.customer("fifth-co")).contentType(ContentType.JSON)
                .body("{\"instanceId\": \"shop\", \"subject\": \"Button\"}").when().post("/api/v1/feedback")
                .then().statusCode(201).body("severity", equalTo(2)).body("version", equalTo("3.1"));

        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.await(Topics.TICKETS.name(), r -> id.equals(r.key()), 1,
                Duration.ofSeconds(20));
        TicketCreated created = (TicketCreated) CloudEventCodec.fromRecord(records.get(0)).data();
        assertThat(created.policy()).isEqualTo("fifthvendor");
        assertThat(created.policyVersion()).isEqualTo(1);
        assertThat(created.severity()).isEqualTo(1);
        assertThat(created.channel()).isEqualTo("API");
    }

    @Test
    @DisplayName("POL-3 a contract takes the policy version in force on its first day; a ticket is filed under the version"
            + " in force on its filing day and judged under it for its whole life, even after a newer version takes effect")
    void ticketsAreJudgedUnderTheVersionInForceWhenFiled() {
        TestClock.set(Instant.parse("2025-12-30T17:00:00Z")); // version 1 (three severities) is in force
        Fixtures.putAccount("fifth-old", Fixtures.contract("fifthvendor", "standard", "2025-01-01", null, null))
                .statusCode(200).body("contract.policyVersion", equalTo(1));
        file("fifth-old", "{\"subject\": \"A question\", \"severity\": 4}").statusCode(400)
                .body("detail", containsString("version 1"));
        String old = file("fifth-old", "{\"subject\": \"Cosmetic\", \"severity\": 3}").statusCode(201)
                .body("policyVersion", equalTo(1)).extract().path("id");

        TestClock.set(Instant.parse("2026-03-02T17:00:00Z")); // version 2 (four severities) is in force
        Fixtures.putAccount("fifth-new", Fixtures.contract("fifthvendor", "standard", "2026-02-01", null, null))
                .statusCode(200).body("contract.policyVersion", equalTo(2));
        Fixtures.putAccount("fifth-bad", Fixtures.contract("fifthvendor", "standard", "2026-02-01", null,
                "\"policyVersion\": 3")).statusCode(400).body("violations[0].field", equalTo("contract.policyVersion"))
                .body("detail", containsString("[1, 2]"));
        file("fifth-new", "{\"subject\": \"A question\", \"severity\": 4}").statusCode(201).body("policyVersion", equalTo(2));
        // the contract still names version 1, but what is filed now begins under version 2, in force since 2026-01-01
        file("fifth-old", "{\"subject\": \"A question\", \"severity\": 4}").statusCode(201).body("policyVersion", equalTo(2));
        // support changes the older ticket's severity under its own version: version 2's level 4 does not exist there
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON)
                .body("{\"severity\": 4, \"reason\": \"just a question\"}").when().put("/api/v1/tickets/" + old + "/severity")
                .then().statusCode(400).body("violations.field", hasItem("severity"));
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON)
                .body("{\"severity\": 2, \"reason\": \"worse than thought\"}").when().put("/api/v1/tickets/" + old + "/severity")
                .then().statusCode(200).body("severity", equalTo(2)).body("policyVersion", equalTo(1));
        assertThat(ServiceDatabase.count("select policy_version from tickets where id = '" + old + "'")).isEqualTo(1);
    }
}
