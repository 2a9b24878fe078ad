package org.slaplatform.credit.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.credit.config.CreditConfig;
import org.slaplatform.credit.config.ServiceName;
import org.slaplatform.credit.repository.CreditStore.DecisionRow;
import org.slaplatform.credit.repository.IssueBatch;
import org.slaplatform.credit.repository.SettlementStore;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventType;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.credit.CreditAdjusted;
import org.slaplatform.events.credit.CreditClaimDecided;
import org.slaplatform.events.credit.CreditIssued;
import org.slaplatform.runtime.trace.TraceContext;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Settles a billing cycle (QNT-CRD-3, CRD-7): every credit decision confirmed before the cycle and
 * not yet issued enters the ledger.
 *
 * <p>The pending decisions are streamed in chunks: each chunk is one transaction of two statements,
 * whatever its size ({@link SettlementStore}). The first claims up to {@code chunk-size} pending
 * decisions with {@code FOR UPDATE SKIP LOCKED}; the second, one set-based statement, adds their ledger
 * entries, marks the decisions issued, turns their claims CREDITED and writes the events of the entries
 * actually added into the outbox. Only the events are built here (by the same codec as every other event);
 * nothing but the current chunk is ever held in memory, so memory does not grow with the number of
 * accounts.
 *
 * <p>{@code parallelism} settlers run each chunk loop at once, and so may any number of service
 * instances: {@code SKIP LOCKED} gives each a disjoint chunk, and each settler's next chunk starts
 * after its last one, so a claim reads only the decisions still ahead, never those issued before it.
 * A decision skipped while another settler (or a concurrent run) held it, and left pending when that
 * one failed, waits for the next run. A crash loses at most the uncommitted
 * chunks, which the next run finds still pending; a second run finds nothing pending and issues
 * nothing. The ledger's unique key (account, month, instance, source version) and the entry id
 * derived from the same source stop a double entry even if a decision were replayed: its events are
 * written only for the entries the statement really inserted.
 */
@ApplicationScoped
public class Settlement {

    private static final Logger LOG = Logger.getLogger(Settlement.class);

    /** The CloudEvent source of every event settlement writes. */
    private static final URI SOURCE = EventEnvelope.source(ServiceName.VALUE);

    private final Pool pool;
    private final SettlementStore store;
    private final Clock clock;
    private final MeterRegistry registry;
    private final int chunkSize;
    private final int parallelism;

    Settlement(Pool pool, SettlementStore store, Clock clock, MeterRegistry registry, CreditConfig config) {
        int chunkSize = config.settlement().chunkSize();
        int parallelism = config.settlement().parallelism();
        if (chunkSize < 1 || parallelism < 1) {
            throw new IllegalArgumentException("credit.settlement.chunk-size and parallelism must be at least 1");
        }
        this.pool = pool;
        this.store = store;
        this.clock = clock;
        this.registry = registry;
        this.chunkSize = chunkSize;
        this.parallelism = parallelism;
    }

    /** Settles {@code cycle} (its first month, yyyy-MM); the number of ledger entries it added. */
    public Uni<Integer> settle(YearMonth cycle) {
        String name = cycle.toString();
        // the caller's trace (the settlement request), taken before the chunks run on the pool's contexts
        String traceparent = TraceContext.current();
        List<Uni<Integer>> settlers = new ArrayList<>();
        for (int i = 0; i < parallelism; i++) {
            settlers.add(chunks(name, traceparent, null, 0));
        }
        // Each settler runs to its own end even when another fails: a half-done transaction is never cancelled.
        return Uni.combine().all().unis(settlers).collectFailures()
                .with(Integer.class, counts -> counts.stream().mapToInt(n -> n).sum())
                .invoke(total -> LOG.infof("settled cycle %s: %d ledger entries", name, total));
    }

    /** One settler: chunk after chunk, each starting after the last decision of the one before. */
    private Uni<Integer> chunks(String cycle, String traceparent, SettlementStore.Cursor after, int issuedSoFar) {
        return pool.withTransaction(conn -> chunk(conn, cycle, traceparent, after)).chain(result -> {
            int total = issuedSoFar + result.issued();
            // Fewer than a full chunk: nothing is left that another settler has not locked.
            return result.locked() < chunkSize ? Uni.createFrom().item(total)
                    : chunks(cycle, traceparent, result.last(), total);
        });
    }

    private record ChunkResult(int locked, int issued, SettlementStore.Cursor last) {
    }

    private Uni<ChunkResult> chunk(SqlConnection conn, String cycle, String traceparent, SettlementStore.Cursor after) {
        return store.claimChunk(conn, cycle, chunkSize, after).chain(claimed -> {
            List<DecisionRow> decisions = claimed.decisions();
            int locked = decisions.size();
            if (locked == 0) {
                return Uni.createFrom().item(new ChunkResult(0, 0, after));
            }
            Instant now = clock.instant();
            IssueBatch batch = new IssueBatch(locked);
            for (DecisionRow d : decisions) {
                add(batch, d, cycle, now);
            }
            return store.issueChunk(conn, batch, cycle, ServiceName.VALUE, SOURCE, now, traceparent).map(added -> {
                int issued = 0;
                for (SettlementStore.IssuedCount count : added) {
                    int n = (int) count.added();
                    // bounded labels only: kind, currency, policy (never the account)
                    Counter.builder("credits.issued").description("Ledger entries added by settlement (CRD-7)")
                            .tag("kind", count.kind()).tag("currency", count.currency())
                            .tag("policy", count.policy()).register(registry).increment(n);
                    issued += n;
                }
                return new ChunkResult(locked, issued, claimed.last());
            });
        });
    }

    /** A decision's ledger entry and its events: CreditIssued (and the claim CREDITED) or CreditAdjusted. */
    private static void add(IssueBatch batch, DecisionRow d, String cycle, Instant now) {
        String accountId = d.accountId();
        UUID entryId = entryId(accountId, d.month(), d.instanceId(), d.sourceVersion());
        batch.entry(d.decisionId(), entryId);
        if ("CREDIT".equals(d.kind())) {
            batch.event(entryId, event(EventTypes.CREDIT_ISSUED, accountId, now, new CreditIssued(entryId, accountId,
                    d.instanceId(), cycle, d.month(), d.sourceVersion(), d.amount(), d.currency(), d.rule(),
                    d.explanation(), d.claimId(), now)));
            if (d.claimId() != null) {
                batch.event(entryId, event(EventTypes.CREDIT_CLAIM_DECIDED, accountId, now, new CreditClaimDecided(
                        d.claimId(), accountId, d.instanceId(), d.month(), ClaimDesk.CREDITED, null, "ledger entry "
                                + entryId + ": " + d.amount().toPlainString() + " " + d.currency(), entryId, now)));
            }
        } else {
            batch.event(entryId, event(EventTypes.CREDIT_ADJUSTED, accountId, now, new CreditAdjusted(entryId, accountId,
                    "CORRECTION", d.instanceId(), d.month(), d.sourceVersion(), d.amount(), d.currency(),
                    d.explanation(), ServiceName.VALUE, now)));
        }
    }

    private static <T> EventEnvelope<T> event(EventType<T> type, String accountId, Instant now, T data) {
        return EventEnvelope.of(type, ServiceName.VALUE, accountId, now, data);
    }

    /**
     * The same source always names the same entry: a replay can only find it, never add a second. An
     * account month's decision (no instance) is named by the account, month and revision.
     */
    static UUID entryId(String accountId, String month, String instanceId, int sourceVersion) {
        String source = instanceId == null ? accountId + "|" + month + "|account|" + sourceVersion
                : accountId + "|" + month + "|" + instanceId + "|" + sourceVersion;
        return UUID.nameUUIDFromBytes(source.getBytes(StandardCharsets.UTF_8));
    }
}
