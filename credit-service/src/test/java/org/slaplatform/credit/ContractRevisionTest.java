package org.slaplatform.credit;

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

/** credit-service's view of contracts.v1 against late and redelivered revisions. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class ContractRevisionTest {

    /** A revision of the account's contract, in UTC, with one production instance per id. */
    private static EventEnvelope<ContractChanged> revision(String account, int revision, String plan, String monthly,
            String... instances) {
        return ContractEvents.revision(account, revision, plan, "UTC", monthly, List.of(instances).stream()
                .map(i -> new ContractChanged.ServiceInstance(i, "p", "1.0.0.0", "prod")).toList());
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
