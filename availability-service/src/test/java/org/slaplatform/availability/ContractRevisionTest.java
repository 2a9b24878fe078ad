package org.slaplatform.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slaplatform.testing.ServiceInbox.sendAndAwaitProcessed;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.testing.ContractEvents;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The instance registry, availability-service's view of contracts.v1, against late and redelivered revisions. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class ContractRevisionTest {

    /** A revision of the account's contract, in Berlin, with one qmetry production instance per id. */
    private static EventEnvelope<ContractChanged> revision(String account, int revision, String plan, String... instances) {
        return ContractEvents.revision(account, revision, plan, "Europe/Berlin", "1000.00", List.of(instances).stream()
                .map(id -> new ContractChanged.ServiceInstance(id, "qmetry", "8.1.0.0", "production")).toList());
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
