package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.Topics;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POL-2: accounts hold contracts; every change is the account's whole state on the compacted contracts.v1. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class AccountContractTest {

    private static final String FULL = """
            "oneTimeFees": [{"description": "Setup", "amount": 2500.00, "chargedOn": "2025-01-01"}],
            "instances": [{"instanceId": "prod-eu", "productId": "vipnet", "version": "4.2", "environment": "production"}],
            "products": [{"productId": "vipnet", "versions": ["4.2"]}],
            "contacts": [{"role": "SUPPORT", "name": "Ann Ops", "email": "Ann@Wayne.example"},
                         {"role": "ACCOUNT_MANAGER", "name": "Bob Sales", "email": "bob@vendor.example"},
                         {"role": "EXECUTIVE", "name": "Cat Chief", "email": "cat@vendor.example"}],
            "partners": ["consultco"]""";

    private static List<ConsumerRecord<String, byte[]>> contractEvents(String account, int wanted) {
        return KafkaTestClient.await(Topics.CONTRACTS.name(), r -> account.equals(r.key()), wanted, Duration.ofSeconds(20));
    }

    @Test
    @DisplayName("POL-2 an admin writes an account's contract; contracts.v1 carries the whole state keyed by account")
    void aContractIsPublishedWhole() {
        Fixtures.putAccount("wayne-pol2", Fixtures.contract("infotecs", "basic", "2025-01-01", "2027-12-31", FULL))
                .statusCode(200)
                .body("contract.revision", equalTo(1))
                .body("contract.contacts.email", hasItem("ann@wayne.example"));

        List<ConsumerRecord<String, byte[]>> records = contractEvents("wayne-pol2", 1);
        assertThat(records).hasSize(1);
        ContractChanged contract = (ContractChanged) CloudEventCodec.fromRecord(records.get(0)).data();
        assertThat(CloudEventCodec.header(records.get(0).headers(), "ce_type")).isEqualTo("org.slaplatform.contract.changed.v1");
        assertThat(contract.policy()).isEqualTo("infotecs");
        assertThat(contract.policyVersion()).isEqualTo(1);
        assertThat(contract.plan()).isEqualTo("basic");
        assertThat(contract.timeZone()).isEqualTo("America/Los_Angeles");
        assertThat(contract.monthlyCharges()).isEqualByComparingTo(new BigDecimal("1000.00"));
        assertThat(contract.oneTimeFees()).extracting(ContractChanged.Fee::amount)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(new BigDecimal("2500"));
        assertThat(contract.startsOn()).isEqualTo(LocalDate.parse("2025-01-01"));
        assertThat(contract.instances()).extracting(ContractChanged.ServiceInstance::instanceId).containsExactly("prod-eu");
        assertThat(contract.contacts()).extracting(ContractChanged.Contact::role)
                .containsExactly("SUPPORT", "ACCOUNT_MANAGER", "EXECUTIVE");
        assertThat(contract.partners()).containsExactly("consultco");
    }

    @Test
    @DisplayName("POL-2 a second write is the next revision: a consumer keeping the latest per key has the new plan")
    void aChangeIsANewRevision() {
        Fixtures.putAccount("stark-pol2", Fixtures.contract("infotecs", "basic", "2025-01-01", null, null)).statusCode(200);
        Fixtures.putAccount("stark-pol2", Fixtures.contract("infotecs", "premium", "2025-01-01", null, null))
                .statusCode(200).body("contract.revision", equalTo(2));
        List<ConsumerRecord<String, byte[]>> records = contractEvents("stark-pol2", 2);
        assertThat(records).extracting(r -> ((ContractChanged) CloudEventCodec.fromRecord(r).data()).plan())
                .containsExactly("basic", "premium");
    }

    @Test
    @DisplayName("POL-2 customers read their own account; another account is a 404; only admins write")
    void accountsAreScoped() {
        Fixtures.account("oscorp", "quantive", "enterprise");
        given().auth().oauth2(TestTokens.customer("oscorp")).when().get("/api/v1/accounts/oscorp")
                .then().statusCode(200).body("contract.plan", equalTo("enterprise"));
        given().auth().oauth2(TestTokens.customer("acme")).when().get("/api/v1/accounts/oscorp")
                .then().statusCode(404).contentType(Fixtures.PROBLEM);
        given().auth().oauth2(TestTokens.customer("oscorp")).contentType(ContentType.JSON)
                .body(Fixtures.contract("quantive", "other", "2025-01-01", null, null))
                .when().put("/api/v1/accounts/oscorp").then().statusCode(403).contentType(Fixtures.PROBLEM);
        given().auth().oauth2(TestTokens.probe()).when().get("/api/v1/accounts/oscorp").then().statusCode(403);
    }

    @Test
    @DisplayName("POL-1 a contract naming an unknown policy, plan, zone or currency is a 400 naming the field; nothing is written")
    void badContractsAreRefused() {
        long before = ServiceDatabase.count("select count(*) from contracts");
        long outbox = ServiceDatabase.count("select count(*) from outbox");
        Fixtures.putAccount("lexcorp", Fixtures.contract("nosuch", "basic", "2025-01-01", null, null))
                .statusCode(400).body("violations.field", hasItem("contract.policy"));
        Fixtures.putAccount("lexcorp", Fixtures.contract("infotecs", "gold", "2025-01-01", null, null))
                .statusCode(400).body("violations.field", hasItem("contract.plan"));
        Fixtures.putAccount("lexcorp", Fixtures.contract("infotecs", "basic", "2025-01-01", "2024-01-01", null))
                .statusCode(400).body("violations.field", hasItem("contract.endsOn"));
        Fixtures.putAccount("lexcorp", Fixtures.contract("infotecs", "basic", "2025-01-01", null, null)
                .replace("America/Los_Angeles", "Mars/Olympus")).statusCode(400).body("violations.field", hasItem("contract.timeZone"));
        Fixtures.putAccount("lexcorp", Fixtures.contract("infotecs", "basic", "2025-01-01", null, null)
                .replace("\"USD\"", "\"XYZ\"")).statusCode(400).body("violations.field", hasItem("contract.currency"));
        Fixtures.putAccount("lexcorp", Fixtures.contract("infotecs", "basic", "2025-01-01", null,
                "\"contacts\": [{\"role\": \"SUPPORT\", \"name\": \"x\", \"email\": \"not-an-address\"}]"))
                .statusCode(400).body("violations.field", hasItem("contract.contacts[0].email"));
        assertThat(ServiceDatabase.count("select count(*) from contracts")).isEqualTo(before);
        assertThat(ServiceDatabase.count("select count(*) from outbox")).isEqualTo(outbox);
    }
}
