package org.slaplatform.availability;

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

/** The instance registry, availability-service's view of contracts.v1, against late and redelivered revisions. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class ContractRevisionTest {

    private static EventEnvelope<ContractChanged> revision(String account, int revision, String plan, String... instances) {
        ContractChanged contract = new ContractChanged(account, account + " Inc", revision, "quantive", 1, plan,
                "Europe/Berlin", "USD", new BigDecimal("1000.00"), List.of(), "MONTHLY", LocalDate.parse("2025-01-01"),
                null, List.of(instances).stream()
                        .map(id -> new ContractChanged.ServiceInstance(id, "qmetry", "8.1.0.0", "production")).toList(),
                List.of(), List.of(), List.of(), Instant.parse("2025-01-01T00:00:00Z").plusSeconds(revision));
        return EventEnvelope.of(EventTypes.CONTRACT_CHANGED, "ticket-service", account, contract.changedAt(), contract);
    }

    private static void sendAndAwaitProcessed(EventEnvelope<?> event) {
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        await().atMost(Duration.ofSeconds(90)).until(() -> ServiceDatabase.count(
                "select count(*) from inbox where event_id = '" + event.id() + "'") == 1);
    }

    @Test
    @DisplayName("DESIGN-2 POL-2 the registry takes a strictly newer contract revision only: an older one or the same one again changes nothing")
    void olderOrSameRevisionChangesNothing() {
        String account = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        String instance = account + "-prod";
        String other = account + "-test";
        sendAndAwaitProcessed(revision(account, 3, "Enterprise", instance));

        sendAndAwaitProcessed(revision(account, 3, "Other", instance, other));
        sendAndAwaitProcessed(revision(account, 2, "Other", other));

        assertThat(ServiceDatabase.count("select count(*) from instances where account_id = '" + account
                + "' and instance_id = '" + instance + "' and active and plan = 'Enterprise' and contract_revision = 3"))
                .isEqualTo(1);
        assertThat(ServiceDatabase.count("select count(*) from instances where account_id = '" + account + "'"))
                .isEqualTo(1);
    }
}
