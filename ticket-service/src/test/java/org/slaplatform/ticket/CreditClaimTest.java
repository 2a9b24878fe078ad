package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.Topics;
import org.slaplatform.events.claim.CreditClaimFiled;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** QNT-TKT-10: a ticket whose subject holds "SLA Credit Request" reaches credit-service as a claim. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class CreditClaimTest {

    @Test
    @DisplayName("QNT-TKT-10 a subject holding 'SLA Credit Request' makes a credit claim event keyed by account")
    void aClaimReachesTheCreditTopic() {
        Fixtures.account("quant-co", "quantive", "enterprise");
        String id = given().auth().oauth2(TestTokens.customer("quant-co")).contentType(ContentType.JSON).body("""
                {"subject": "Re: sla credit request for March", "severity": 4,
                 "description": "2026-03-03 10:00-11:30 UTC instance prod-eu unavailable"}""")
                .when().post("/api/v1/tickets").then().statusCode(201).body("category", equalTo("CREDIT_CLAIM"))
                .extract().path("id");
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.await(Topics.CREDIT_CLAIMS.name(),
                r -> "quant-co".equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        CreditClaimFiled claim = (CreditClaimFiled) CloudEventCodec.fromRecord(records.get(0)).data();
        assertThat(claim.ticketId()).hasToString(id);
        assertThat(claim.policy()).isEqualTo("quantive");
        assertThat(claim.description()).contains("2026-03-03 10:00-11:30 UTC");
    }

    @Test
    @DisplayName("QNT-TKT-10 the marker is policy data: the same subject under a policy without claims is an ordinary ticket")
    void otherPoliciesHaveNoClaimMarker() {
        Fixtures.account("is-co", "infostretch", "maintenance");
        given().auth().oauth2(TestTokens.customer("is-co")).contentType(ContentType.JSON)
                .body("{\"subject\": \"SLA Credit Request\", \"severity\": 4}")
                .when().post("/api/v1/tickets").then().statusCode(201).body("category", equalTo("DEFECT"));
        given().auth().oauth2(TestTokens.customer("is-co")).contentType(ContentType.JSON)
                .body("{\"subject\": \"Money back\", \"severity\": 4, \"category\": \"CREDIT_CLAIM\"}")
                .when().post("/api/v1/tickets").then().statusCode(400).body("violations[0].field", equalTo("category"));
    }
}
