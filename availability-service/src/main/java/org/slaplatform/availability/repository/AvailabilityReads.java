package org.slaplatform.availability.repository;

import static org.slaplatform.runtime.time.Instants.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.availability.domain.ContractTerms;
import org.slaplatform.availability.domain.MaintenanceKind;
import org.slaplatform.availability.domain.OutageCause;
import org.slaplatform.availability.mapping.InstanceView;
import org.slaplatform.policy.Uptime;
import org.slaplatform.policy.calendar.InstantRange;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Plain SQL reads of what uptime is made of: registry, quorum-down minutes, outages, excluded maintenance. */
@ApplicationScoped
public class AvailabilityReads {

    private static final String INSTANCE_COLUMNS = "instance_id, account_id, policy, policy_version, plan, time_zone, "
            + "month_zone, product_id, environment, active";

    private final Pool pool;

    AvailabilityReads(Pool pool) {
        this.pool = pool;
    }

    /** An outage as stored. */
    /** An outage as stored, with the policy version it is judged under (POL-3). */
    public record OutageRow(String id, OutageCause cause, Instant startedAt, Instant endedAt, String note, String policy,
            int policyVersion) {
    }

    /** The policy version and plan a closed month was first closed under (AVL-7, POL-3). */
    public record FrozenTerms(String policy, int policyVersion, String plan) {
    }

    /** Maintenance as stored. */
    public record MaintenanceRow(String id, String instanceId, MaintenanceKind kind, String status, Instant startsAt,
            Instant endsAt, boolean excluded, String reasons, String description) {
    }

    /** One instance's period {@code [from, to)} to read in a batch with others (AVL-7 month close). */
    public record Period(String instanceId, String accountId, Uptime.Quorum quorum, Instant from, Instant to) {
    }

    public Uni<InstanceView> instance(String instanceId) {
        return pool.preparedQuery("select " + INSTANCE_COLUMNS + " from instances where instance_id = $1")
                .execute(Tuple.of(instanceId))
                .map(rows -> rows.size() == 0 ? null : instanceOf(rows.iterator().next()));
    }

    public Uni<List<InstanceView>> instancesOfAccount(String accountId) {
        return pool.preparedQuery("select " + INSTANCE_COLUMNS + " from instances where account_id = $1 and active "
                + "order by instance_id").execute(Tuple.of(accountId))
                .map(rows -> {
                    List<InstanceView> list = new ArrayList<>();
                    rows.forEach(row -> list.add(instanceOf(row)));
                    return list;
                });
    }

    /** AVL-1: minute starts in {@code [from, to)} in which the policy's quorum of reporting locations saw the instance down. */
    public Uni<List<Instant>> downMinutes(String instanceId, Uptime.Quorum quorum, Instant from, Instant to) {
        return pool.preparedQuery("select minute, up_mask, down_mask from probe_minutes where instance_id = $1 "
                + "and minute >= $2 and minute < $3 and down_mask <> 0 order by minute")
                .execute(Tuple.of(instanceId, utc(from), utc(to)))
                .map(rows -> {
                    List<Instant> minutes = new ArrayList<>();
                    for (Row row : rows) {
                        if (quorumDown(quorum, row)) {
                            minutes.add(row.getOffsetDateTime("minute").toInstant());
                        }
                    }
                    return minutes;
                });
    }

    /** A location that saw it both up and down within the minute saw it down. */
    private static boolean quorumDown(Uptime.Quorum quorum, Row row) {
        long up = row.getLong("up_mask");
        long down = row.getLong("down_mask");
        return quorum.isUnavailable(Long.bitCount(down), Long.bitCount(up | down));
    }

    /**
     * {@link #downMinutes(String, Uptime.Quorum, Instant, Instant)} for many periods in one statement, on
     * the caller's connection: each instance's quorum-down minutes (instances without any are absent).
     */
    public static Uni<Map<String, List<Instant>>> downMinutes(SqlClient client, List<Period> periods) {
        Map<String, Uptime.Quorum> quorums = new HashMap<>();
        periods.forEach(p -> quorums.put(p.instanceId(), p.quorum()));
        return client.preparedQuery("select w.i as instance_id, p.minute, p.up_mask, p.down_mask "
                + "from unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) as w(i, f, t) "
                + "join probe_minutes p on p.instance_id = w.i and p.minute >= w.f and p.minute < w.t and p.down_mask <> 0")
                .execute(periodsTuple(periods, false))
                .map(rows -> {
                    Map<String, List<Instant>> minutes = new HashMap<>();
                    for (Row row : rows) {
                        String instanceId = row.getString("instance_id");
                        if (quorumDown(quorums.get(instanceId), row)) {
                            minutes.computeIfAbsent(instanceId, k -> new ArrayList<>()).add(row.getOffsetDateTime("minute").toInstant());
                        }
                    }
                    return minutes;
                });
    }

    /** {@link #outages(String, Instant, Instant)} for many periods in one statement, by instance. */
    public static Uni<Map<String, List<OutageRow>>> outages(SqlClient client, List<Period> periods) {
        return client.preparedQuery("select w.i as instance_id, o.id, o.cause, o.started_at, o.ended_at, o.note, o.policy, o.policy_version "
                + "from unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) as w(i, f, t) "
                + "join outages o on o.instance_id = w.i and o.started_at < w.t and (o.ended_at is null or o.ended_at > w.f) "
                + "order by w.i, o.started_at")
                .execute(periodsTuple(periods, false))
                .map(rows -> {
                    Map<String, List<OutageRow>> outages = new HashMap<>();
                    rows.forEach(row -> outages.computeIfAbsent(row.getString("instance_id"), k -> new ArrayList<>())
                            .add(outageOf(row)));
                    return outages;
                });
    }

    /**
     * Excluded maintenance of each instance (or of its whole account) overlapping its period, in one
     * statement, by instance: all that uptime needs of maintenance.
     */
    public static Uni<Map<String, List<MaintenanceRow>>> excludedMaintenance(SqlClient client, List<Period> periods) {
        return client.preparedQuery("select w.i as for_instance, m.id, m.instance_id, m.kind, m.status, m.starts_at, m.ends_at, "
                + "m.excluded, m.reasons, m.description "
                + "from unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::text[]) as w(i, f, t, a) "
                + "join maintenance m on m.account_id = w.a and (m.instance_id is null or m.instance_id = w.i) "
                + "and m.excluded and m.status <> 'CANCELLED' and m.starts_at < w.t and m.ends_at > w.f "
                + "order by w.i, m.starts_at")
                .execute(periodsTuple(periods, true))
                .map(rows -> {
                    Map<String, List<MaintenanceRow>> maintenance = new HashMap<>();
                    rows.forEach(row -> maintenance.computeIfAbsent(row.getString("for_instance"), k -> new ArrayList<>())
                            .add(maintenanceOf(row)));
                    return maintenance;
                });
    }

    private static Tuple periodsTuple(List<Period> periods, boolean withAccounts) {
        int n = periods.size();
        String[] ids = new String[n];
        OffsetDateTime[] from = new OffsetDateTime[n];
        OffsetDateTime[] to = new OffsetDateTime[n];
        String[] accounts = new String[n];
        for (int i = 0; i < n; i++) {
            Period p = periods.get(i);
            ids[i] = p.instanceId();
            from[i] = utc(p.from());
            to[i] = utc(p.to());
            accounts[i] = p.accountId();
        }
        Tuple tuple = Tuple.tuple().addArrayOfString(ids).addArrayOfOffsetDateTime(from).addArrayOfOffsetDateTime(to);
        return withAccounts ? tuple.addArrayOfString(accounts) : tuple;
    }

    /**
     * Outages overlapping {@code [from, to)}; an open one has a null end. The note only of
     * outages an agent or admin reported; a probe's free text is never read out here (this read feeds
     * the public status page).
     */
    public Uni<List<OutageRow>> outages(String instanceId, Instant from, Instant to) {
        return pool.preparedQuery("select id, cause, started_at, ended_at, "
                + "case when reporter_role in ('agent', 'admin') then note end as note, policy, policy_version from outages where instance_id = $1 "
                + "and started_at < $3 and (ended_at is null or ended_at > $2) order by started_at")
                .execute(Tuple.of(instanceId, utc(from), utc(to)))
                .map(rows -> {
                    List<OutageRow> list = new ArrayList<>();
                    rows.forEach(row -> list.add(outageOf(row)));
                    return list;
                });
    }

    /** Maintenance of the instance (or of its whole account) overlapping {@code [from, to)}, cancelled left out. */
    public Uni<List<MaintenanceRow>> maintenance(String accountId, String instanceId, Instant from, Instant to) {
        return pool.preparedQuery("select id, instance_id, kind, status, starts_at, ends_at, excluded, reasons, description "
                + "from maintenance where account_id = $1 and (instance_id is null or $2::text is null or instance_id = $2) "
                + "and status <> 'CANCELLED' and starts_at < $4 and ends_at > $3 order by starts_at")
                .execute(Tuple.of(accountId, instanceId, utc(from), utc(to)))
                .map(rows -> {
                    List<MaintenanceRow> list = new ArrayList<>();
                    rows.forEach(row -> list.add(maintenanceOf(row)));
                    return list;
                });
    }

    private static final String TERMS = "select account_id, since, revision, policy, policy_version, plan from contract_terms ";

    /** POL-3: every contract revision of the account received, oldest first; never empty for a registered account. */
    public Uni<List<ContractTerms>> terms(String accountId) {
        return pool.preparedQuery(TERMS + "where account_id = $1 order by since, revision").execute(Tuple.of(accountId))
                .map(rows -> {
                    List<ContractTerms> list = new ArrayList<>();
                    rows.forEach(row -> list.add(termsOf(row)));
                    return list;
                });
    }

    /** {@link #terms(String)} of many accounts (each named once) in one statement, on the caller's connection. */
    public static Uni<Map<String, List<ContractTerms>>> terms(SqlClient client, List<String> accountIds) {
        return client.preparedQuery("select t.account_id, t.since, t.revision, t.policy, t.policy_version, t.plan "
                + "from unnest($1::text[]) as a(id) join contract_terms t on t.account_id = a.id "
                + "order by t.account_id, t.since, t.revision")
                .execute(Tuple.tuple().addArrayOfString(accountIds.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, List<ContractTerms>> byAccount = new HashMap<>();
                    rows.forEach(row -> byAccount.computeIfAbsent(row.getString("account_id"), k -> new ArrayList<>())
                            .add(termsOf(row)));
                    return byAccount;
                });
    }

    private static ContractTerms termsOf(Row row) {
        return new ContractTerms(row.getOffsetDateTime("since").toInstant(), row.getInteger("revision"),
                row.getString("policy"), row.getInteger("policy_version"), row.getString("plan"));
    }

    /** The terms a month was first closed under, or null while it has not been closed. */
    public Uni<FrozenTerms> frozenMonthTerms(String instanceId, String month) {
        return pool.preparedQuery("select policy, policy_version, plan from month_closes where instance_id = $1 and month = $2 "
                + "and policy is not null").execute(Tuple.of(instanceId, month))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new FrozenTerms(row.getString("policy"), row.getInteger("policy_version"), row.getString("plan"));
                });
    }

    /** Every published version of a month, oldest first, as the JSON published. */
    public Uni<List<String>> monthResults(String instanceId, String month) {
        return pool.preparedQuery("select payload from month_results where instance_id = $1 and month = $2 order by version")
                .execute(Tuple.of(instanceId, month))
                .map(rows -> {
                    List<String> list = new ArrayList<>();
                    rows.forEach(row -> list.add(row.getString("payload")));
                    return list;
                });
    }

    public static InstantRange clip(Instant start, Instant end, Instant openEnd) {
        Instant e = end == null ? openEnd : end;
        return new InstantRange(start, e.isBefore(start) ? start : e);
    }

    private static OutageRow outageOf(Row row) {
        return new OutageRow(row.getUUID("id").toString(), OutageCause.valueOf(row.getString("cause")),
                row.getOffsetDateTime("started_at").toInstant(),
                row.getOffsetDateTime("ended_at") == null ? null : row.getOffsetDateTime("ended_at").toInstant(),
                row.getString("note"), row.getString("policy"), row.getInteger("policy_version"));
    }

    private static MaintenanceRow maintenanceOf(Row row) {
        return new MaintenanceRow(row.getUUID("id").toString(), row.getString("instance_id"),
                MaintenanceKind.valueOf(row.getString("kind")), row.getString("status"),
                row.getOffsetDateTime("starts_at").toInstant(), row.getOffsetDateTime("ends_at").toInstant(),
                row.getBoolean("excluded"), row.getString("reasons"), row.getString("description"));
    }

    public static InstanceView instanceOf(Row row) {
        return new InstanceView(row.getString("instance_id"), row.getString("account_id"), row.getString("policy"),
                row.getInteger("policy_version"), row.getString("plan"), row.getString("time_zone"),
                row.getString("month_zone"), row.getString("product_id"), row.getString("environment"),
                row.getBoolean("active"));
    }
}
