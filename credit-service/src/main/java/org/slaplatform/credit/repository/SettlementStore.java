package org.slaplatform.credit.repository;

import static org.slaplatform.runtime.time.Instants.utc;

import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.credit.domain.BillingCycle;
import org.slaplatform.credit.repository.CreditStore.DecisionRow;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Settlement's statements (QNT-CRD-3, CRD-7) on the Vert.x reactive SQL client, the measured hot path
 * of docs/architecture.md decision 1: a chunk is two statements in the caller's transaction, with no
 * ORM session.
 */
@ApplicationScoped
public class SettlementStore {

    /**
     * A settler's first chunk: the oldest pending decisions. Each later chunk of the same settler starts
     * after the last one it claimed ({@link #CLAIM_CHUNK_AFTER}): the decisions before it are issued, or
     * locked by another settler, and their entries in the partial index of pending decisions (dead until
     * vacuum comes by) are not read again. Started from the beginning every time, a claim read every
     * decision issued so far in the run, and the rate fell by a third over a run of 1,000,000 accounts
     * (benchmarks/results/cost-curves.md).
     */
    private static final String CLAIM_CHUNK = """
            select decision_id, account_id, instance_id, month, source_version, kind, amount, currency, rule,
                   explanation, claim_id, confirmed_month
            from credit_decisions
            where state = 'PENDING' and confirmed_month < $1
            order by confirmed_month, decision_id
            limit $2
            for update skip locked""";

    private static final String CLAIM_CHUNK_AFTER = """
            select decision_id, account_id, instance_id, month, source_version, kind, amount, currency, rule,
                   explanation, claim_id, confirmed_month
            from credit_decisions
            where state = 'PENDING' and confirmed_month < $1 and (confirmed_month, decision_id) > ($3::text, $4::uuid)
            order by confirmed_month, decision_id
            limit $2
            for update skip locked""";

    /**
     * One chunk, set-based. $1 decision ids and $2 their entry ids (in the same order); $3 the cycle,
     * $4 the actor, $5 now; $6..$11 the outbox rows (entry id they belong to, event id, topic, key,
     * type, payload), in the order they must be published; $12 the trace context of the settlement
     * run; $13 the events' CloudEvent source. Answers the entries added per kind, currency and policy
     * (the labels of {@code credits_issued_total}).
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
                select o.event_id, o.topic, o.record_key, o.type, $13::text, o.record_key, $5::timestamptz, o.payload,
                       $12::text
                from unnest($6::uuid[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
                     with ordinality as o(entry_id, event_id, topic, record_key, type, payload, ord)
                where o.entry_id in (select entry_id from entries)
                order by o.ord
            )
            select e.kind, e.currency, coalesce(c.policy, 'unknown') as policy, count(*) as added
            from entries e left join contracts c on c.account_id = e.account_id
            group by e.kind, e.currency, c.policy""";

    /** One runner at a time across the group: the lock goes with the transaction. */
    private static final String LOCK = "select pg_try_advisory_xact_lock(hashtext('credit-service.settlement')) as held";

    private static final String RECORD_RUN = """
            insert into settlement_runs (run_id, cycle, trigger, runner, started_at, finished_at, issued)
            values ($1, $2, $3, $4, $5, $6, $7)""";

    /** Served by the partial index of pending decisions. */
    private static final String PENDING_MONTHS = """
            select distinct d.confirmed_month, c.policy, c.billing_cycle
            from credit_decisions d left join contracts c on c.account_id = d.account_id
            where d.state = 'PENDING'""";

    /** Ledger entries one chunk added with these labels of {@code credits_issued_total}. */
    public record IssuedCount(String kind, String currency, String policy, long added) {
    }

    /** A month with pending decisions, with the policy and billing cycle of the accounts (policy null: no contract). */
    public record PendingMonth(YearMonth month, String policy, BillingCycle cycle) {
    }

    private final Pool pool;

    SettlementStore(Pool pool) {
        this.pool = pool;
    }

    /** Where a settler's last chunk ended, in the order chunks are claimed. */
    public record Cursor(String confirmedMonth, UUID decisionId) {
    }

    /** The decisions a chunk locked, and where the next chunk of the same settler starts (null when none were locked). */
    public record Claimed(List<DecisionRow> decisions, Cursor last) {
    }

    /**
     * Locks up to {@code limit} pending decisions confirmed before {@code cycle} that no other settler
     * holds, after {@code after} (null: from the oldest).
     */
    public Uni<Claimed> claimChunk(SqlConnection conn, String cycle, int limit, Cursor after) {
        Tuple params = after == null ? Tuple.of(cycle, limit)
                : Tuple.of(cycle, limit, after.confirmedMonth(), after.decisionId());
        return conn.preparedQuery(after == null ? CLAIM_CHUNK : CLAIM_CHUNK_AFTER).execute(params).map(rows -> {
            List<DecisionRow> decisions = new ArrayList<>(rows.size());
            Cursor last = null;
            for (Row r : rows) {
                decisions.add(new DecisionRow(r.getUUID("decision_id"), r.getString("account_id"),
                        r.getString("instance_id"), r.getString("month"), r.getInteger("source_version"),
                        r.getString("kind"), r.getBigDecimal("amount"), r.getString("currency"), r.getString("rule"),
                        r.getString("explanation"), r.getUUID("claim_id")));
                last = new Cursor(r.getString("confirmed_month"), r.getUUID("decision_id"));
            }
            return new Claimed(decisions, last);
        });
    }

    /**
     * Issues one chunk in one statement: adds the ledger entries, marks the decisions issued, turns
     * their claims CREDITED and writes the events of the entries actually added into the outbox.
     */
    public Uni<List<IssuedCount>> issueChunk(SqlConnection conn, IssueBatch batch, String cycle, String actor,
            URI source, Instant now, String traceparent) {
        Tuple params = Tuple.from(Arrays.asList(batch.decisionIds(), batch.entryIds(), cycle, actor, utc(now),
                batch.eventEntryIds(), batch.eventIds(), batch.topics(), batch.keys(), batch.types(), batch.payloads(),
                traceparent, source.toString()));
        return conn.preparedQuery(ISSUE_CHUNK).execute(params).map(rows -> {
            List<IssuedCount> counts = new ArrayList<>(rows.size());
            for (Row r : rows) {
                counts.add(new IssuedCount(r.getString("kind"), r.getString("currency"), r.getString("policy"),
                        r.getLong("added")));
            }
            return counts;
        });
    }

    /** Takes the settlement lock for the rest of {@code conn}'s transaction; false when another runner holds it. */
    public Uni<Boolean> tryLock(SqlConnection conn) {
        return conn.preparedQuery(LOCK).execute().map(rows -> rows.iterator().next().getBoolean("held"));
    }

    /** Records one run in {@code settlement_runs}. */
    public Uni<Void> recordRun(String cycle, String trigger, String runner, Instant startedAt, Instant finishedAt,
            int issued) {
        return pool.preparedQuery(RECORD_RUN).execute(Tuple.from(Arrays.asList(UUID.randomUUID(), cycle, trigger, runner,
                utc(startedAt), utc(finishedAt), issued))).replaceWithVoid();
    }

    /** The months whose confirmed decisions are still pending, with their accounts' policy and billing cycle. */
    public Uni<List<PendingMonth>> pendingMonths() {
        return pool.preparedQuery(PENDING_MONTHS).execute().map(rows -> {
            List<PendingMonth> months = new ArrayList<>(rows.size());
            for (Row r : rows) {
                String cycle = r.getString("billing_cycle");
                months.add(new PendingMonth(YearMonth.parse(r.getString("confirmed_month")), r.getString("policy"),
                        cycle == null ? BillingCycle.MONTHLY : BillingCycle.valueOf(cycle)));
            }
            return months;
        });
    }
}
