package org.slaplatform.credit.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.slaplatform.credit.config.ServiceName;
import org.slaplatform.events.CloudEventCodec;
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
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Settles a billing cycle (QNT-CRD-3, CRD-7): every credit decision confirmed before the cycle and
 * not yet issued enters the ledger.
 *
 * <p>The pending decisions are streamed in chunks: each chunk is one transaction of two statements,
 * whatever its size. The first claims up to {@code chunk-size} pending decisions with {@code FOR
 * UPDATE SKIP LOCKED}; the second, one set-based statement, adds their ledger entries, marks the
 * decisions issued, turns their claims CREDITED and writes the events of the entries actually added
 * into the outbox. Only the event payloads are built here (by the same codec as every other event);
 * nothing but the current chunk is ever held in memory, so memory does not grow with the number of
 * accounts.
 *
 * <p>{@code parallelism} settlers run each chunk loop at once, and so may any number of service
 * instances: {@code SKIP LOCKED} gives each a disjoint chunk. A crash loses at most the uncommitted
 * chunks, which the next run finds still pending; a second run finds nothing pending and issues
 * nothing. The ledger's unique key (account, month, instance, source version) and the entry id
 * derived from the same source stop a double entry even if a decision were replayed: its events are
 * written only for the entries the statement really inserted.
 */
@ApplicationScoped
public class Settlement {

    private static final Logger LOG = Logger.getLogger(Settlement.class);

    private static final String CLAIM_CHUNK = """
            select decision_id, account_id, instance_id, month, source_version, kind, amount, currency, rule,
                   explanation, claim_id
            from credit_decisions
            where state = 'PENDING' and confirmed_month < $1
            order by confirmed_month, decision_id
            limit $2
            for update skip locked""";

    /**
     * One chunk, set-based. $1 decision ids and $2 their entry ids (in the same order); $3 the cycle,
     * $4 the actor, $5 now; $6..$11 the outbox rows (entry id they belong to, event id, topic, key,
     * type, payload), in the order they must be published; $12 the trace context of the settlement run.
     * Answers the entries added per kind, currency and policy (the labels of {@code credits_issued_total}).
     */
    private static final String ISSUE_CHUNK = """
            with input as (
                select * from unnest($1::uuid[], $2::uuid[]) as i(decision_id, entry_id)
            ), entries as (
                insert into ledger_entries (entry_id, account_id, kind, cycle, instance_id, month, source_version,
                                            amount, currency, rule, explanation, claim_id, actor, created_at)
                select i.entry_id, d.account_id, d.kind, $3::text, d.instance_id, d.month, d.source_version, d.amount,
                       d.currency, d.rule, d.explanation, d.claim_id, $4::text, $5::timestamptz
                from input i join credit_decisions d on d.decision_id = i.decision_id
                on conflict do nothing
                returning entry_id, kind, claim_id, account_id, currency
            ), issued as (
                update credit_decisions d set state = 'ISSUED', ledger_entry_id = i.entry_id
                from input i where d.decision_id = i.decision_id
            ), credited as (
                update claims c set state = 'CREDITED', ledger_entry_id = e.entry_id
                from entries e where e.kind = 'CREDIT' and c.claim_id = e.claim_id
            ), published as (
                insert into outbox (event_id, topic, record_key, type, source, subject, event_time, payload, traceparent)
                select o.event_id, o.topic, o.record_key, o.type, '/' || $4::text, o.record_key, $5::timestamptz, o.payload,
                       $12::text
                from unnest($6::uuid[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
                     with ordinality as o(entry_id, event_id, topic, record_key, type, payload, ord)
                where o.entry_id in (select entry_id from entries)
                order by o.ord
            )
            select e.kind, e.currency, coalesce(c.policy, 'unknown'), count(*)
            from entries e left join contracts c on c.account_id = e.account_id
            group by e.kind, e.currency, c.policy""";

    private final Pool pool;
    private final Clock clock;
    private final MeterRegistry registry;
    private final int chunkSize;
    private final int parallelism;

    Settlement(Pool pool, Clock clock, MeterRegistry registry,
            @ConfigProperty(name = "credit.settlement.chunk-size", defaultValue = "1000") int chunkSize,
            @ConfigProperty(name = "credit.settlement.parallelism", defaultValue = "2") int parallelism) {
        if (chunkSize < 1 || parallelism < 1) {
            throw new IllegalArgumentException("credit.settlement.chunk-size and parallelism must be at least 1");
        }
        this.pool = pool;
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
            settlers.add(chunks(name, traceparent, 0));
        }
        // Each settler runs to its own end even when another fails: a half-done transaction is never cancelled.
        return Uni.combine().all().unis(settlers).collectFailures()
                .with(Integer.class, counts -> counts.stream().mapToInt(n -> n).sum())
                .invoke(total -> LOG.infof("settled cycle %s: %d ledger entries", name, total));
    }

    private Uni<Integer> chunks(String cycle, String traceparent, int issuedSoFar) {
        return pool.withTransaction(conn -> chunk(conn, cycle, traceparent)).chain(result -> {
            int total = issuedSoFar + result.issued();
            // Fewer than a full chunk: nothing is left that another settler has not locked.
            return result.locked() < chunkSize ? Uni.createFrom().item(total) : chunks(cycle, traceparent, total);
        });
    }

    private record ChunkResult(int locked, int issued) {
    }

    private Uni<ChunkResult> chunk(SqlConnection conn, String cycle, String traceparent) {
        return conn.preparedQuery(CLAIM_CHUNK).execute(Tuple.of(cycle, chunkSize)).chain(rows -> {
            int locked = rows.size();
            if (locked == 0) {
                return Uni.createFrom().item(new ChunkResult(0, 0));
            }
            Instant now = clock.instant();
            Outgoing out = new Outgoing(locked);
            for (Row r : rows) {
                out.add(r, cycle, now);
            }
            return conn.preparedQuery(ISSUE_CHUNK).execute(Tuple.from(java.util.Arrays.asList(out.decisionIds.toArray(UUID[]::new),
                    out.entryIds.toArray(UUID[]::new), cycle, ServiceName.VALUE, OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                    out.eventEntryIds.toArray(UUID[]::new), out.eventIds.toArray(String[]::new),
                    out.topics.toArray(String[]::new), out.keys.toArray(String[]::new), out.types.toArray(String[]::new),
                    out.payloads.toArray(String[]::new), traceparent))).map(added -> {
                        int issued = 0;
                        for (Row r : added) {
                            int n = (int) r.getLong(3).longValue();
                            // bounded labels only: kind, currency, policy (never the account)
                            Counter.builder("credits.issued").description("Ledger entries added by settlement (CRD-7)")
                                    .tag("kind", r.getString(0)).tag("currency", r.getString(1))
                                    .tag("policy", r.getString(2)).register(registry).increment(n);
                            issued += n;
                        }
                        return new ChunkResult(locked, issued);
                    });
        });
    }

    /** The entry ids and outbox rows of one chunk, as the arrays the set-based statement takes. */
    private static final class Outgoing {
        final List<UUID> decisionIds;
        final List<UUID> entryIds;
        final List<UUID> eventEntryIds;
        final List<String> eventIds;
        final List<String> topics;
        final List<String> keys;
        final List<String> types;
        final List<String> payloads;

        Outgoing(int size) {
            decisionIds = new ArrayList<>(size);
            entryIds = new ArrayList<>(size);
            eventEntryIds = new ArrayList<>(size * 2);
            eventIds = new ArrayList<>(size * 2);
            topics = new ArrayList<>(size * 2);
            keys = new ArrayList<>(size * 2);
            types = new ArrayList<>(size * 2);
            payloads = new ArrayList<>(size * 2);
        }

        void add(Row r, String cycle, Instant now) {
            String accountId = r.getString("account_id");
            String instanceId = r.getString("instance_id");
            String month = r.getString("month");
            int sourceVersion = r.getInteger("source_version");
            String kind = r.getString("kind");
            BigDecimal amount = r.getBigDecimal("amount");
            String currency = r.getString("currency");
            String explanation = r.getString("explanation");
            UUID claimId = r.getUUID("claim_id");
            UUID entryId = entryId(accountId, month, instanceId, sourceVersion);
            decisionIds.add(r.getUUID("decision_id"));
            entryIds.add(entryId);
            if ("CREDIT".equals(kind)) {
                event(entryId, EventTypes.CREDIT_ISSUED, accountId, now, new CreditIssued(entryId, accountId, instanceId,
                        cycle, month, sourceVersion, amount, currency, r.getString("rule"), explanation, claimId, now));
                if (claimId != null) {
                    event(entryId, EventTypes.CREDIT_CLAIM_DECIDED, accountId, now, new CreditClaimDecided(claimId,
                            accountId, instanceId, month, ClaimDesk.CREDITED, null, "ledger entry " + entryId + ": "
                                    + amount.toPlainString() + " " + currency, entryId, now));
                }
            } else {
                event(entryId, EventTypes.CREDIT_ADJUSTED, accountId, now, new CreditAdjusted(entryId, accountId,
                        "CORRECTION", instanceId, month, sourceVersion, amount, currency, explanation, ServiceName.VALUE, now));
            }
        }

        private <T> void event(UUID entryId, EventType<T> type, String accountId, Instant now, T data) {
            EventEnvelope<T> e = EventEnvelope.of(type, ServiceName.VALUE, accountId, now, data);
            eventEntryIds.add(entryId);
            eventIds.add(e.id());
            topics.add(e.type().topic().name());
            keys.add(e.key());
            types.add(e.type().type());
            payloads.add(CloudEventCodec.dataJson(e.data()));
        }
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
