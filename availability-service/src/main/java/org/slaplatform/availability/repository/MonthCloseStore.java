package org.slaplatform.availability.repository;

import static org.slaplatform.runtime.time.Instants.utc;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.availability.mapping.InstanceView;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * AVL-7 month close's work rows ({@code month_closes}) and published results ({@code month_results}).
 * The month close is a measured hot path (decision 1): its statements run on the Vert.x reactive
 * client, on the caller's connection and transaction where they take one, each batch parameter an
 * {@code unnest} of typed arrays. {@link #markDirtyAcross} is the one statement that runs in a
 * Hibernate Reactive transaction, for the use cases that write through Panache.
 */
@ApplicationScoped
public class MonthCloseStore {

    private final Pool pool;

    MonthCloseStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * A claimed work row: the instance-month, the version published so far, its figures' fingerprint
     * ("" before the first close) and the terms it was first closed under (null until then, POL-3).
     */
    public record ClaimedMonth(InstanceView instance, YearMonth month, int version, String fingerprint,
            AvailabilityReads.FrozenTerms frozen) {
    }

    /** A work row's state after a close: its version and fingerprint, and the terms a first close freezes. */
    public record ClosedMonth(String instanceId, String month, int version, String fingerprint, String policy,
            int policyVersion, String plan) {
    }

    /** A published version of an instance-month, as the JSON published. */
    public record MonthResult(String instanceId, String month, int version, String payload) {
    }

    /**
     * Opens the previous month, in each active instance's zone, of every active instance, due at that
     * zone's month start plus {@code grace}; a month already open is left as it is.
     */
    public Uni<Void> seed(Instant now, Duration grace) {
        return pool.preparedQuery("""
                insert into month_closes (instance_id, month, due_at, dirty)
                select instance_id, to_char(($1::timestamptz at time zone month_zone) - interval '1 month', 'YYYY-MM'),
                (date_trunc('month', $1::timestamptz at time zone month_zone) at time zone month_zone) + $2::bigint * interval '1 second', true
                from instances where active on conflict do nothing""")
                .execute(Tuple.of(utc(now), grace.toSeconds()))
                .replaceWithVoid();
    }

    /**
     * Claims up to {@code limit} due work rows with their instances ({@code FOR UPDATE SKIP LOCKED}),
     * earliest due first, on the caller's connection and in its transaction.
     */
    public Uni<List<ClaimedMonth>> claim(SqlConnection conn, Instant now, int limit) {
        return conn.preparedQuery("""
                select c.month, c.version, coalesce(c.fingerprint, '') as fingerprint,
                c.policy as month_policy, c.policy_version as month_policy_version, c.plan as month_plan, i.instance_id,
                i.account_id, i.policy, i.policy_version, i.plan, i.time_zone, i.month_zone, i.product_id, i.environment, i.active
                from month_closes c join instances i on i.instance_id = c.instance_id
                where c.dirty and c.due_at <= $1 order by c.due_at, c.instance_id limit $2 for update of c skip locked""")
                .execute(Tuple.of(utc(now), limit))
                .map(rows -> {
                    List<ClaimedMonth> claimed = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        String frozenPolicy = row.getString("month_policy");
                        claimed.add(new ClaimedMonth(AvailabilityReads.instanceOf(row), YearMonth.parse(row.getString("month")),
                                row.getInteger("version"), row.getString("fingerprint"), frozenPolicy == null ? null
                                        : new AvailabilityReads.FrozenTerms(frozenPolicy, row.getInteger("month_policy_version"),
                                                row.getString("month_plan"))));
                    }
                    return claimed;
                });
    }

    /**
     * AVL-7, POL-3: marks the claimed rows closed at {@code at} with their new version and fingerprint;
     * the first close freezes the month's terms, corrections keep them. One statement.
     */
    public Uni<Void> close(SqlConnection conn, List<ClosedMonth> months, Instant at) {
        int n = months.size();
        String[] ids = new String[n];
        String[] names = new String[n];
        Integer[] versions = new Integer[n];
        String[] fingerprints = new String[n];
        String[] policies = new String[n];
        Integer[] policyVersions = new Integer[n];
        String[] plans = new String[n];
        for (int i = 0; i < n; i++) {
            ClosedMonth m = months.get(i);
            ids[i] = m.instanceId();
            names[i] = m.month();
            versions[i] = m.version();
            fingerprints[i] = m.fingerprint();
            policies[i] = m.policy();
            policyVersions[i] = m.policyVersion();
            plans[i] = m.plan();
        }
        return conn.preparedQuery("""
                update month_closes c set dirty = false, version = t.v, fingerprint = t.f, closed_at = $5,
                policy = coalesce(c.policy, t.p), policy_version = coalesce(c.policy_version, t.pv),
                plan = case when c.policy is null then t.pl else c.plan end
                from unnest($1::text[], $2::text[], $3::int[], $4::text[], $6::text[], $7::int[], $8::text[]) as t(i, m, v, f, p, pv, pl)
                where c.instance_id = t.i and c.month = t.m""")
                .execute(Tuple.tuple().addArrayOfString(ids).addArrayOfString(names).addArrayOfInteger(versions)
                        .addArrayOfString(fingerprints).addOffsetDateTime(utc(at)).addArrayOfString(policies)
                        .addArrayOfInteger(policyVersions).addArrayOfString(plans))
                .replaceWithVoid();
    }

    /** Stores published versions, created at {@code at}: one statement. */
    public Uni<Void> addResults(SqlConnection conn, List<MonthResult> results, Instant at) {
        int n = results.size();
        String[] ids = new String[n];
        String[] months = new String[n];
        Integer[] versions = new Integer[n];
        String[] payloads = new String[n];
        for (int i = 0; i < n; i++) {
            MonthResult r = results.get(i);
            ids[i] = r.instanceId();
            months[i] = r.month();
            versions[i] = r.version();
            payloads[i] = r.payload();
        }
        return conn.preparedQuery("""
                insert into month_results (instance_id, month, version, payload, created_at)
                select i, m, v, p, $5 from unnest($1::text[], $2::text[], $3::int[], $4::text[]) as t(i, m, v, p)""")
                .execute(Tuple.tuple().addArrayOfString(ids).addArrayOfString(months).addArrayOfInteger(versions)
                        .addArrayOfString(payloads).addOffsetDateTime(utc(at)))
                .replaceWithVoid();
    }

    /**
     * AVL-7: makes closed instance-months due for a correction, the pairs {@code (instanceIds[i],
     * months[i])}, on the caller's connection and in its transaction. One statement.
     */
    public Uni<Void> markDirty(SqlConnection conn, String[] instanceIds, String[] months) {
        return conn.preparedQuery("""
                update month_closes m set dirty = true from unnest($1::text[], $2::text[]) as t(i, mo)
                where m.instance_id = t.i and m.month = t.mo""")
                .execute(Tuple.tuple().addArrayOfString(instanceIds).addArrayOfString(months))
                .replaceWithVoid();
    }

    /**
     * AVL-7: makes each of {@code months} of each of {@code instanceIds} due for a correction, in the
     * caller's Hibernate Reactive transaction.
     */
    public Uni<Void> markDirtyAcross(Collection<String> instanceIds, Collection<String> months) {
        if (instanceIds.isEmpty() || months.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(s -> s
                .createNativeQuery("update month_closes set dirty = true where instance_id in (:ids) and month in (:months)")
                .setParameter("ids", instanceIds).setParameter("months", months).executeUpdate()).replaceWithVoid();
    }
}
