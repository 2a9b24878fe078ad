package org.slaplatform.credit.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.credit.repository.CreditStore;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.events.contract.ContractChanged;

import io.smallrye.mutiny.Uni;

/** What a contract event reads after it is applied (DESIGN-2). */
class MonthDecisionsTest {

    /** A store that says whether the revision was new and records which accounts' waiting months were read. */
    static final class Recording extends CreditStore {
        final boolean newRevision;
        final List<String> undecidedReads = new ArrayList<>();

        Recording(boolean newRevision) {
            this.newRevision = newRevision;
        }

        @Override
        public Uni<Boolean> applyContract(ContractChanged c) {
            return Uni.createFrom().item(newRevision);
        }

        @Override
        public Uni<List<MonthlyAvailability>> undecidedMonths(String accountId) {
            undecidedReads.add(accountId);
            return Uni.createFrom().item(List.of());
        }
    }

    static ContractChanged contract(String account, int revision) {
        return new ContractChanged(account, account + " Inc", revision, "quantive", 1, "Enterprise", "UTC", "USD",
                new BigDecimal("1000.00"), List.of(), "MONTHLY", null, null, List.of(), List.of(), List.of(), List.of(),
                Instant.parse("2026-03-01T00:00:00Z"), null);
    }

    static MonthDecisions decisions(CreditStore store) {
        return new MonthDecisions(store, null, null, null, null, Clock.systemUTC());
    }

    @Test
    @DisplayName("DESIGN-2 an older revision, or the same one again, changes nothing and reads no waiting months")
    void aRevisionNotAppliedReadsNothing() {
        Recording store = new Recording(false);
        decisions(store).applyContract(contract("acme", 1)).await().indefinitely();
        assertThat(store.undecidedReads).isEmpty();
    }

    @Test
    @DisplayName("DESIGN-2 a newer revision decides the account's months that waited for its contract")
    void aNewRevisionDecidesTheWaitingMonths() {
        Recording store = new Recording(true);
        decisions(store).applyContract(contract("acme", 2)).await().indefinitely();
        assertThat(store.undecidedReads).containsExactly("acme");
    }
}
