package org.slaplatform.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Duration;
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

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** ITC-CRD-8: a contract may name its licence price; contracts.v1 carries it to credit-service. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class ContractLicencePriceTest {

    @Test
    @DisplayName("ITC-CRD-8 a contract with a licence price of 10000.00 USD publishes it on contracts.v1; one without publishes none")
    void licencePricePublished() {
        Fixtures.putAccount("oscorp-itc8", Fixtures.contract("infotecs", "basic", "2025-01-01", null,
                "\"licencePrice\": {\"amount\": 10000.00, \"currency\": \"USD\"}"))
                .statusCode(200).body("contract.licencePrice.amount", equalTo(10000.00f))
                .body("contract.licencePrice.currency", equalTo("USD"));
        Fixtures.putAccount("umbrella-itc8", Fixtures.contract("infotecs", "basic", "2025-01-01", null, null))
                .statusCode(200).body("contract.licencePrice", nullValue());

        List<ConsumerRecord<String, byte[]>> priced = KafkaTestClient.await(Topics.CONTRACTS.name(),
                r -> "oscorp-itc8".equals(r.key()), 1, Duration.ofSeconds(20));
        ContractChanged contract = (ContractChanged) CloudEventCodec.fromRecord(priced.get(0)).data();
        assertThat(contract.licencePrice().amount()).isEqualTo(new BigDecimal("10000.00"));
        assertThat(contract.licencePrice().currency()).isEqualTo("USD");
        List<ConsumerRecord<String, byte[]>> unpriced = KafkaTestClient.await(Topics.CONTRACTS.name(),
                r -> "umbrella-itc8".equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(new String(unpriced.get(0).value(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("licencePrice");
    }

    @Test
    @DisplayName("ITC-CRD-8 a licence price that is zero, negative, in another currency, finer than a cent, or without amount is a 400 naming the field; nothing is written")
    void badLicencePricesRefused() {
        long before = ServiceDatabase.count("select count(*) from contracts");
        long outbox = ServiceDatabase.count("select count(*) from outbox");
        refused("{\"amount\": 0, \"currency\": \"USD\"}", "contract.licencePrice.amount");
        refused("{\"amount\": -5000, \"currency\": \"USD\"}", "contract.licencePrice.amount");
        refused("{\"amount\": 1e30, \"currency\": \"USD\"}", "contract.licencePrice.amount");
        refused("{\"amount\": 10000.005, \"currency\": \"USD\"}", "contract.licencePrice.amount");
        refused("{\"currency\": \"USD\"}", "contract.licencePrice.amount");
        refused("{\"amount\": 10000.00, \"currency\": \"EUR\"}", "contract.licencePrice.currency");
        refused("{\"amount\": 10000.00, \"currency\": \"usd\"}", "contract.licencePrice.currency");
        assertThat(ServiceDatabase.count("select count(*) from contracts")).isEqualTo(before);
        assertThat(ServiceDatabase.count("select count(*) from outbox")).isEqualTo(outbox);
    }

    private static void refused(String price, String field) {
        Fixtures.putAccount("lexcorp-itc8", Fixtures.contract("infotecs", "basic", "2025-01-01", null,
                "\"licencePrice\": " + price)).statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }
}
