package org.slaplatform.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** credit-service's view of contracts.v1 against late and redelivered revisions. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class ContractRevisionTest {

    private static EventEnvelope<ContractChanged> revision(String account, int revision, String plan, String monthly,
            String... instances) {
        ContractChanged contract = new ContractChanged(account, account + " Inc", revision, "quantive", 1, plan, "UTC",
                "USD", new BigDecimal(monthly), List.of(), "MONTHLY", LocalDate.parse("2025-01-01"), null,
                List.of(instances).stream().map(i -> new ContractChanged.ServiceInstance(i, "p", "1.0.0.0", "prod")).toList(),
                List.of(), List.of(), List.of(), Instant.parse("2025-01-01T00:00:00Z").plusSeconds(revision));
        return EventEnvelope.of(EventTypes.CONTRACT_CHANGED, "ticket-service", account, contract.changedAt(), contract);
    }

    private static void sendAndAwaitProcessed(EventEnvelope<?> event) {
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        await().atMost(Duration.ofSeconds(90)).until(() -> ServiceDatabase.count(
                "select count(*) from inbox where event_id = '" + event.id() + "'") == 1);
    }

    @Test
    @DisplayName("DESIGN-2 POL-2 the contract view takes a strictly newer revision only: an older one or the same one again changes nothing")
    void olderOrSameRevisionChangesNothing() {
        String account = "qnt-" + UUID.randomUUID().toString().substring(0, 8);
        sendAndAwaitProcessed(revision(account, 3, "Enterprise", "1000.00", account + "-prod"));

        sendAndAwaitProcessed(revision(account, 3, "Other", "2000.00", account + "-prod", account + "-test"));
        sendAndAwaitProcessed(revision(account, 2, "Other", "3000.00", account + "-test"));

        assertThat(ServiceDatabase.count("select count(*) from contracts where account_id = '" + account
                + "' and revision = 3 and plan = 'Enterprise' and monthly_charges = 1000"))
                .isEqualTo(1);
        assertThat(ServiceDatabase.count("select count(*) from instances where account_id = '" + account + "'"))
                .isEqualTo(1);
    }
}
