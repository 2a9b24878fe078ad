package org.slaplatform.credit.service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.credit.repository.CreditStore;
import org.slaplatform.credit.repository.CreditStore.DecisionRow;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.credit.CreditAdjusted;
import org.slaplatform.events.credit.CreditClaimDecided;
import org.slaplatform.events.credit.CreditIssued;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Settles a billing cycle (QNT-CRD-3, CRD-7): every credit decision confirmed before the cycle and
 * not yet issued enters the ledger. Decisions are claimed in batches with {@code FOR UPDATE SKIP
 * LOCKED}, one transaction per batch, so N instances may settle together, a restart resumes where the
 * last committed batch ended, and a second run finds nothing left to issue. The ledger's unique key
 * (account, month, instance, source version) stops a double entry even if a decision were replayed.
 */
@ApplicationScoped
public class Settlement {

    private static final Logger LOG = Logger.getLogger(Settlement.class);
    static final int BATCH = 500;

    private final CreditStore store;
    private final Events events;
    private final Clock clock;
    private final MeterRegistry registry;

    Settlement(CreditStore store, Events events, Clock clock, MeterRegistry registry) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.registry = registry;
    }

    /** Settles {@code cycle} (its first month, yyyy-MM); the number of ledger entries it added. */
    public Uni<Integer> settle(YearMonth cycle) {
        return batches(cycle.toString(), 0);
    }

    private Uni<Integer> batches(String cycle, int issuedSoFar) {
        return Panache.withTransaction(() -> store.lockPending(cycle, BATCH).chain(list -> issueAll(list, cycle)))
                .chain(result -> {
                    int total = issuedSoFar + result.issued();
                    if (result.locked() < BATCH) {
                        LOG.infof("settled cycle %s: %d ledger entries", cycle, total);
                        return Uni.createFrom().item(total);
                    }
                    return batches(cycle, total);
                });
    }

    private record BatchResult(int locked, int issued) {
    }

    private Uni<BatchResult> issueAll(List<DecisionRow> decisions, String cycle) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (DecisionRow d : decisions) {
            chain = chain.chain(n -> issue(d, cycle).map(added -> added ? n + 1 : n));
        }
        return chain.map(issued -> new BatchResult(decisions.size(), issued));
    }

    private Uni<Boolean> issue(DecisionRow d, String cycle) {
        Instant now = clock.instant();
        // The same source always names the same entry: a replay can only find it, never add a second.
        UUID entryId = UUID.nameUUIDFromBytes((d.accountId() + "|" + d.month() + "|" + d.instanceId() + "|"
                + d.sourceVersion()).getBytes(StandardCharsets.UTF_8));
        return store.addEntry(entryId, d.accountId(), d.kind(), cycle, d.instanceId(), d.month(), d.sourceVersion(),
                d.amount(), d.currency(), d.rule(), d.explanation(), d.claimId(), Events.SERVICE, now)
                .chain(added -> store.markIssued(d.decisionId(), entryId).chain(() -> {
                    if (!added) {
                        return Uni.createFrom().item(false);
                    }
                    registry.counter("credits.issued", "kind", d.kind()).increment();
                    Uni<Void> published = "CREDIT".equals(d.kind())
                            ? events.publish(EventTypes.CREDIT_ISSUED, d.accountId(), now, new CreditIssued(entryId,
                                    d.accountId(), d.instanceId(), cycle, d.month(), d.sourceVersion(), d.amount(),
                                    d.currency(), d.rule(), d.explanation(), d.claimId(), now))
                            : events.publish(EventTypes.CREDIT_ADJUSTED, d.accountId(), now, new CreditAdjusted(entryId,
                                    d.accountId(), "CORRECTION", d.instanceId(), d.month(), d.sourceVersion(), d.amount(),
                                    d.currency(), d.explanation(), Events.SERVICE, now));
                    if (d.claimId() != null && "CREDIT".equals(d.kind())) {
                        published = published.chain(() -> store.setClaimState(d.claimId(), ClaimDesk.CREDITED, null, null,
                                entryId)).chain(() -> events.publish(EventTypes.CREDIT_CLAIM_DECIDED, d.accountId(), now,
                                        new CreditClaimDecided(d.claimId(), d.accountId(), d.instanceId(), d.month(),
                                                ClaimDesk.CREDITED, null, "ledger entry " + entryId + ": " + d.amount()
                                                        .toPlainString() + " " + d.currency(), entryId, now)));
                    }
                    return published.replaceWith(true);
                }));
    }
}
