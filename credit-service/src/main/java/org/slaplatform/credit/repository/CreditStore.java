package org.slaplatform.credit.repository;

import static org.slaplatform.credit.repository.Sql.params;
import static org.slaplatform.credit.repository.Sql.rows;
import static org.slaplatform.credit.repository.Sql.update;
import static org.slaplatform.runtime.time.Instants.utc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.credit.domain.AccountCharges;
import org.slaplatform.credit.domain.AccountMonth;
import org.slaplatform.credit.domain.BillingCycle;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.events.availability.MonthlyAvailability.UnavailableInterval;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.runtime.db.SessionSql;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.Uni;

/** credit-service's tables, read and written in the caller's reactive transaction (native SQL, see {@link Sql}). */
@ApplicationScoped
public class CreditStore {

    /** A credit decided and waiting for, or past, settlement. */
    public record DecisionRow(UUID decisionId, String accountId, String instanceId, String month, int sourceVersion,
            String kind, BigDecimal amount, String currency, String rule, String explanation, UUID claimId) {
    }

    /** A claim as stored. */
    public record ClaimRow(UUID claimId, String accountId, String instanceId, String month, String state, String reason,
            String detail, String incidents, String subject, String source, String receivedAt, UUID ledgerEntryId) {
    }

    /** What the support fees of an account need (ITC-CRD-8), from its latest contract. */
    public record SupportTerms(String accountId, String policy, String plan, ZoneId zone, LocalDate startsOn,
            LocalDate endsOn, BigDecimal licencePrice, String licenceCurrency) {
    }

    /** One entry of an account's history. */
    public record EntryRow(UUID entryId, String kind, String cycle, String instanceId, String month,
            Integer sourceVersion, BigDecimal amount, String currency, String rule, String explanation, String claimId,
            String actor, String createdAt) {
    }

    /**
     * An instant as text in UTC to the second, e.g. {@code 2026-03-10T14:05:00Z}. Such a column keeps
     * its name as alias, so ORDER BY names the table's column qualified: a bare name there means the
     * output column, the text, which ties within a second.
     */
    private static final String ISO = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

    // ---- contracts

    /** Replaced only by a strictly newer revision (DESIGN-2). */
    private static final String UPSERT_CONTRACT = """
            insert into contracts (account_id, revision, policy, plan, time_zone, currency, monthly_charges, billing_cycle,
                                   starts_on, ends_on, licence_price, licence_currency)
            values (:a, :r, :p, :plan, :z, :c, :m, :b, :so, :eo, :lp, :lc)
            on conflict (account_id) do update set
                revision = excluded.revision, policy = excluded.policy, plan = excluded.plan, time_zone = excluded.time_zone,
                currency = excluded.currency, monthly_charges = excluded.monthly_charges,
                billing_cycle = excluded.billing_cycle, starts_on = excluded.starts_on, ends_on = excluded.ends_on,
                licence_price = excluded.licence_price, licence_currency = excluded.licence_currency
            where contracts.revision < excluded.revision""";

    private static final String DELETE_ONE_TIME_FEES = "delete from contract_one_time_fees where account_id = :a";

    /** One row per fee: one array per column (amounts and dates as text, cast here). */
    private static final String INSERT_ONE_TIME_FEES = """
            insert into contract_one_time_fees (account_id, position, description, amount, charged_on)
            select :a, f.position, f.description, f.amount, f.charged_on
            from unnest(cast(:positions as int[]), cast(:descriptions as text[]),
                        cast(cast(:amounts as text[]) as numeric[]), cast(cast(:chargedOn as text[]) as date[]))
                 as f(position, description, amount, charged_on)""";

    private static final String UPSERT_INSTANCES = """
            insert into instances (instance_id, account_id)
            select distinct i.instance_id, :a from unnest(cast(:ids as text[])) as i(instance_id)
            on conflict (instance_id) do update set account_id = excluded.account_id""";

    private static final String CONTRACT = """
            select account_id, revision, policy, plan, time_zone, currency, monthly_charges, billing_cycle
            from contracts where account_id = :a""";

    private static final String INSTANCES_OF_ACCOUNT = "select instance_id from instances where account_id = :a";

    private static final String ONE_TIME_FEES = """
            select amount, charged_on::text as charged_on
            from contract_one_time_fees where account_id = :a order by position""";

    private static final String SUPPORT_TERMS = """
            select account_id, policy, plan, time_zone, to_char(starts_on, 'YYYY-MM-DD') as starts_on,
                   to_char(ends_on, 'YYYY-MM-DD') as ends_on, licence_price, licence_currency
            from contracts where account_id = :a""";

    private static final String OWNER_OF = "select account_id from instances where instance_id = :i";

    // ---- measured months

    private static final String INSERT_MONTH = """
            insert into month_results (instance_id, month, version, account_id, uptime_percent, payload)
            values (:i, :m, :v, :a, :u, :p) on conflict do nothing""";

    /** One row per interval: one array per column (instants as ISO text, cast here). */
    private static final String INSERT_INTERVALS = """
            insert into month_intervals (instance_id, month, version, starts_at, ends_at, source, cause, excluded, exclusion)
            select :i, :m, :v, t.starts_at, t.ends_at, t.source, t.cause, t.excluded, t.exclusion
            from unnest(cast(cast(:starts as text[]) as timestamptz[]), cast(cast(:ends as text[]) as timestamptz[]),
                        cast(:sources as text[]), cast(:causes as text[]), cast(:excluded as boolean[]),
                        cast(:exclusions as text[]))
                 as t(starts_at, ends_at, source, cause, excluded, exclusion)""";

    private static final String LATEST_MONTH = """
            select payload from month_results where instance_id = :i and month = :m
            order by version desc limit 1""";

    private static final String UNDECIDED_MONTHS = """
            select distinct on (r.instance_id, r.month) r.payload
            from month_results r
            where r.account_id = :a
              and not exists (select 1 from credit_decisions d where d.account_id = :a and d.month = r.month)
            order by r.instance_id, r.month, r.version desc""";

    private static final String NEXT_ACCOUNT_MONTH_REVISION = """
            insert into account_months (account_id, month, revision) values (:a, :m, 1)
            on conflict (account_id, month) do update set revision = account_months.revision + 1
            returning revision""";

    private static final String LOCK_ACCOUNT_MONTH = """
            insert into account_months (account_id, month, revision) values (:a, :m, 0)
            on conflict (account_id, month) do update set revision = account_months.revision
            returning revision""";

    /** The latest version of each instance month of the account's months :months, one row per interval. */
    private static final String LATEST_MONTHS_OF_ACCOUNT = """
            select r.instance_id, r.month, r.payload,
                   to_char(i.starts_at at time zone 'UTC', %1$s) as starts_at,
                   to_char(i.ends_at at time zone 'UTC', %1$s) as ends_at,
                   i.source, i.cause, i.excluded, i.exclusion
            from (select distinct on (m.instance_id, m.month) m.instance_id, m.month, m.version, m.payload
                  from month_results m join unnest(cast(:months as text[])) as w(month) on w.month = m.month
                  where m.account_id = :a
                  order by m.instance_id, m.month, m.version desc) r
            left join month_intervals i on i.instance_id = r.instance_id and i.month = r.month and i.version = r.version
            order by r.month, r.instance_id, i.starts_at""".formatted(ISO);

    private static final String INTERVALS = """
            select to_char(starts_at at time zone 'UTC', %1$s) as starts_at,
                   to_char(ends_at at time zone 'UTC', %1$s) as ends_at, source, cause, excluded, exclusion
            from month_intervals i where i.instance_id = :i and i.month = :m and i.version = :v
            order by i.starts_at""".formatted(ISO);

    private static final String INSERT_TERMINATION_RIGHT = """
            insert into account_termination_rights (account_id, right_key, granted_at) values (:a, :k, :t)
            on conflict do nothing""";

    // ---- decisions and ledger

    private static final String DECIDED_SO_FAR = """
            select sum(amount) as amount, count(*) as decisions
            from credit_decisions where account_id = :a and month = :m""";

    private static final String INSERT_DECISION = """
            insert into credit_decisions (decision_id, account_id, instance_id, month, source_version, kind, amount,
                                          currency, rule, explanation, claim_id, confirmed_month, state)
            values (:id, :a, :i, :m, :v, :k, :amt, :c, :r, :e, :claim, :cm, 'PENDING')
            on conflict do nothing""";

    private static final String INSERT_ENTRY = """
            insert into ledger_entries (entry_id, account_id, kind, cycle, instance_id, month, source_version, amount,
                                        currency, rule, explanation, claim_id, actor, created_at)
            values (:id, :a, :k, :cy, :i, :m, :v, :amt, :c, :r, :e, :claim, :actor, :t)
            on conflict do nothing""";

    private static final String ENTRIES = """
            select cast(entry_id as text) as entry_id, kind, cycle, instance_id, month, source_version, amount, currency,
                   rule, explanation, cast(claim_id as text) as claim_id, actor,
                   to_char(created_at at time zone 'UTC', %s) as created_at
            from ledger_entries e where e.account_id = :a order by e.created_at, e.entry_id""".formatted(ISO);

    // ---- claims

    private static final String INSERT_CLAIM = """
            insert into claims (claim_id, account_id, instance_id, month, incident_start, incidents, subject, source,
                                state, reason, detail, received_at)
            values (:id, :a, :i, :m, :s, :inc, :subj, :src, :st, :r, :d, :t)
            on conflict do nothing""";

    private static final String LIVE_CLAIM = """
            select cast(claim_id as text) as claim_id from claims
            where account_id = :a and instance_id = :i and incident_start = :s and state <> 'DISQUALIFIED'""";

    private static final String CLAIM_COLUMNS = """
            select cast(claim_id as text) as claim_id, account_id, instance_id, month, state, reason, detail, incidents,
                   subject, source, to_char(received_at at time zone 'UTC', %s) as received_at,
                   cast(ledger_entry_id as text) as ledger_entry_id
            from claims c
            """.formatted(ISO);

    private static final String CLAIM = CLAIM_COLUMNS + "where c.claim_id = :id";

    private static final String CLAIMS_OF_ACCOUNT = CLAIM_COLUMNS + "where c.account_id = :a order by c.received_at, c.claim_id";

    private static final String WAITING_CLAIMS = CLAIM_COLUMNS + """
            where c.instance_id = :i and c.month = :m and c.state = 'RECEIVED'
            order by c.received_at, c.claim_id for update""";

    private static final String CONFIRMED_CLAIM_OF_ACCOUNT = """
            select cast(c.claim_id as text) as claim_id from claims c
            where c.account_id = :a and c.month = :m and c.state in ('CONFIRMED', 'CREDITED')
            order by c.received_at, c.claim_id limit 1""";

    private static final String CONFIRMED_CLAIM = """
            select cast(c.claim_id as text) as claim_id from claims c
            where c.instance_id = :i and c.month = :m and c.state in ('CONFIRMED', 'CREDITED')
            order by c.received_at limit 1""";

    private static final String SET_CLAIM_STATE = """
            update claims set state = :s, reason = coalesce(:r, reason), detail = coalesce(:d, detail),
                              ledger_entry_id = coalesce(:e, ledger_entry_id)
            where claim_id = :id""";

    // ---- contracts

    /**
     * Applies an account's contract; instances follow the applied revision. The contracts row, this
     * service's contract view, is replaced only by a strictly newer revision; an older revision or the
     * same one again changes nothing (DESIGN-2). Answers whether the revision was applied.
     */
    public Uni<Boolean> applyContract(ContractChanged c) {
        ContractChanged.LicencePrice price = c.licencePrice();
        return update(UPSERT_CONTRACT,
                params("a", c.accountId(), "r", c.revision(), "p", c.policy(), "plan", c.plan() == null ? "" : c.plan(),
                        "z", c.timeZone(), "c", c.currency(), "m", c.monthlyCharges(),
                        "b", BillingCycle.parse(c.billingCycle()).name(),
                        "so", c.startsOn(), "eo", c.endsOn(),
                        "lp", price == null ? null : price.amount(), "lc", price == null ? null : price.currency()))
                .chain(applied -> {
                    if (applied == 0) {
                        return Uni.createFrom().item(false);
                    }
                    // QNT-CRD-1: the applied revision's one-time fees replace the earlier ones.
                    FeeColumns fees = FeeColumns.of(c.oneTimeFees());
                    String[] instances = c.instances().stream().map(ContractChanged.ServiceInstance::instanceId)
                            .toArray(String[]::new);
                    return update(DELETE_ONE_TIME_FEES, params("a", c.accountId()))
                            .chain(() -> fees.positions().length == 0 ? Uni.createFrom().voidItem()
                                    : update(INSERT_ONE_TIME_FEES, params("a", c.accountId(), "positions", fees.positions(),
                                            "descriptions", fees.descriptions(), "amounts", fees.amounts(),
                                            "chargedOn", fees.chargedOn())).replaceWithVoid())
                            .chain(() -> instances.length == 0 ? Uni.createFrom().voidItem()
                                    : update(UPSERT_INSTANCES, params("a", c.accountId(), "ids", instances)).replaceWithVoid())
                            .replaceWith(true);
                });
    }

    /**
     * A contract's one-time fees as the columns of {@link #INSERT_ONE_TIME_FEES}, each at its position in
     * the contract; a fee without an amount is left out.
     */
    private record FeeColumns(Integer[] positions, String[] descriptions, String[] amounts, String[] chargedOn) {

        static FeeColumns of(List<ContractChanged.Fee> fees) {
            List<Integer> positions = new ArrayList<>();
            List<String> descriptions = new ArrayList<>();
            List<String> amounts = new ArrayList<>();
            List<String> chargedOn = new ArrayList<>();
            for (int n = 0; n < fees.size(); n++) {
                ContractChanged.Fee fee = fees.get(n);
                if (fee == null || fee.amount() == null) {
                    continue;
                }
                positions.add(n);
                descriptions.add(fee.description());
                amounts.add(fee.amount().toPlainString());
                chargedOn.add(fee.chargedOn() == null ? null : fee.chargedOn().toString());
            }
            return new FeeColumns(positions.toArray(Integer[]::new), descriptions.toArray(String[]::new),
                    amounts.toArray(String[]::new), chargedOn.toArray(String[]::new));
        }
    }

    public Uni<Optional<AccountRow>> account(String accountId) {
        return rows(CONTRACT, params("a", accountId), t -> t).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<AccountRow>empty());
            }
            SessionSql.Row contract = found.get(0);
            return rows(INSTANCES_OF_ACCOUNT, params("a", accountId), t -> text(t, "instance_id"))
                    .chain(instances -> rows(ONE_TIME_FEES, params("a", accountId), t -> new AccountCharges.OneTimeFee(
                            t.get("amount", BigDecimal.class), date(t, "charged_on")))
                            .map(fees -> Optional.of(new AccountRow(text(contract, "account_id"),
                                    integer(contract, "revision"), text(contract, "policy"), text(contract, "plan"),
                                    ZoneId.of(text(contract, "time_zone")),
                                    Currency.getInstance(text(contract, "currency")),
                                    contract.get("monthly_charges", BigDecimal.class),
                                    BillingCycle.valueOf(text(contract, "billing_cycle")), Set.copyOf(instances), fees))));
        });
    }

    public Uni<Optional<SupportTerms>> supportTerms(String accountId) {
        return rows(SUPPORT_TERMS, params("a", accountId), t -> new SupportTerms(text(t, "account_id"), text(t, "policy"),
                text(t, "plan"), ZoneId.of(text(t, "time_zone")), date(t, "starts_on"), date(t, "ends_on"),
                t.get("licence_price", BigDecimal.class), text(t, "licence_currency")))
                .map(found -> found.stream().findFirst());
    }

    public Uni<Optional<String>> ownerOf(String instanceId) {
        return rows(OWNER_OF, params("i", instanceId), t -> text(t, "account_id")).map(found -> found.stream().findFirst());
    }

    // ---- measured months

    /**
     * Stores one version of a measured month, its Unavailable intervals in {@code month_intervals}
     * (QNT-CRD-2) and the rest as the payload; false when this version was stored before.
     */
    public Uni<Boolean> recordMonth(MonthlyAvailability m) {
        return update(INSERT_MONTH, params("i", m.instanceId(), "m", m.month(), "v", m.version(), "a", m.accountId(),
                "u", m.uptimePercent(), "p", json(m.withIntervals(List.of()))))
                .chain(n -> n != 1 ? Uni.createFrom().item(false)
                        : m.unavailableIntervals().isEmpty() ? Uni.createFrom().item(true)
                        // One statement for all of them, whatever their number.
                        : update(INSERT_INTERVALS, intervalColumns(m)).replaceWith(true));
    }

    /** The statement's parameters for a month's intervals: the month's key and one array per column. */
    private static Map<String, Object> intervalColumns(MonthlyAvailability m) {
        List<UnavailableInterval> intervals = m.unavailableIntervals();
        int n = intervals.size();
        String[] starts = new String[n];
        String[] ends = new String[n];
        String[] sources = new String[n];
        String[] causes = new String[n];
        Boolean[] excluded = new Boolean[n];
        String[] exclusions = new String[n];
        for (int i = 0; i < n; i++) {
            UnavailableInterval interval = intervals.get(i);
            starts[i] = interval.start().toString();
            ends[i] = interval.end().toString();
            sources[i] = interval.source();
            causes[i] = interval.cause();
            excluded[i] = interval.excluded();
            exclusions[i] = interval.exclusion();
        }
        return params("i", m.instanceId(), "m", m.month(), "v", m.version(), "starts", starts, "ends", ends,
                "sources", sources, "causes", causes, "excluded", excluded, "exclusions", exclusions);
    }

    /** The latest version of one measured month with its Unavailable intervals, if any. */
    public Uni<Optional<MonthlyAvailability>> latestMonth(String instanceId, String month) {
        return rows(LATEST_MONTH, params("i", instanceId, "m", month), t -> parse(text(t, "payload"))).chain(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(Optional.<MonthlyAvailability>empty());
            }
            MonthlyAvailability m = found.get(0);
            return intervals(instanceId, month, m.version()).map(intervals -> Optional.of(withIntervals(m, intervals)));
        });
    }

    /**
     * The latest version of each instance month of the account, for the months with no credit decision
     * yet: measured before the account's contract arrived (MonthDecisions.afterContract).
     */
    public Uni<List<MonthlyAvailability>> undecidedMonths(String accountId) {
        return rows(UNDECIDED_MONTHS, params("a", accountId), t -> parse(text(t, "payload")));
    }

    /**
     * QNT-CRD-1 money once: a new instance month version of the account's month; raises the account
     * month's revision and holds its row lock until the transaction ends, so two instance months of one
     * account evaluate one after the other. Answers the new revision.
     */
    public Uni<Integer> nextAccountMonthRevision(String accountId, String month) {
        return rows(NEXT_ACCOUNT_MONTH_REVISION, params("a", accountId, "m", month), t -> integer(t, "revision"))
                .map(found -> found.get(0));
    }

    /** Locks the account month's row for this transaction (a claim judged later) and answers its revision. */
    public Uni<Integer> lockAccountMonth(String accountId, String month) {
        return rows(LOCK_ACCOUNT_MONTH, params("a", accountId, "m", month), t -> integer(t, "revision"))
                .map(found -> found.get(0));
    }

    /** The latest version of every instance month of an account's month, each with its intervals. */
    public Uni<List<MonthlyAvailability>> latestMonthsOfAccount(String accountId, String month) {
        return latestMonthsOfAccount(accountId, List.of(month)).map(months -> months.getOrDefault(month, List.of()));
    }

    /**
     * IS-CRD-5: the account's uptime in each month from {@code from} to {@code to} that has a measured
     * instance month, its instances combined as its credits are ({@link AccountMonth#of(List, int)}).
     */
    public Uni<Map<YearMonth, BigDecimal>> accountUptimes(String accountId, YearMonth from, YearMonth to) {
        List<YearMonth> range = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            range.add(m);
        }
        return latestMonthsOfAccount(accountId, range.stream().map(YearMonth::toString).toList()).map(months -> {
            Map<YearMonth, BigDecimal> uptimes = new LinkedHashMap<>();
            for (YearMonth month : range) {
                List<MonthlyAvailability> instances = months.get(month.toString());
                if (instances != null) {
                    uptimes.put(month, AccountMonth.of(instances, 0).uptimePercent());
                }
            }
            return uptimes;
        });
    }

    /** One row of {@link #LATEST_MONTHS_OF_ACCOUNT}: an instance month and one of its intervals, if it has any. */
    private record MonthIntervalRow(String instanceId, String month, String payload, Optional<UnavailableInterval> interval) {
    }

    /**
     * The latest version of every instance month of the account's {@code months} (yyyy-MM), each with its
     * intervals, per month, instances in id order: one statement, however many months and instances.
     */
    private Uni<Map<String, List<MonthlyAvailability>>> latestMonthsOfAccount(String accountId, List<String> months) {
        return rows(LATEST_MONTHS_OF_ACCOUNT, params("a", accountId, "months", months.toArray(String[]::new)),
                t -> new MonthIntervalRow(text(t, "instance_id"), text(t, "month"), text(t, "payload"),
                        t.get("starts_at", Object.class) == null ? Optional.empty() : Optional.of(interval(t))))
                .map(found -> {
                    // One run of rows per instance month, its intervals in time order.
                    Map<String, List<MonthlyAvailability>> byMonth = new LinkedHashMap<>();
                    for (int start = 0; start < found.size();) {
                        MonthIntervalRow first = found.get(start);
                        List<UnavailableInterval> intervals = new ArrayList<>();
                        int end = start;
                        for (; end < found.size() && found.get(end).instanceId().equals(first.instanceId())
                                && found.get(end).month().equals(first.month()); end++) {
                            found.get(end).interval().ifPresent(intervals::add);
                        }
                        byMonth.computeIfAbsent(first.month(), k -> new ArrayList<>())
                                .add(withIntervals(parse(first.payload()), intervals));
                        start = end;
                    }
                    return byMonth;
                });
    }

    /** The Unavailable intervals of one version of a measured month, in time order (QNT-CRD-2). */
    public Uni<List<UnavailableInterval>> intervals(String instanceId, String month, int version) {
        return rows(INTERVALS, params("i", instanceId, "m", month, "v", version), CreditStore::interval);
    }

    /** A payload stored before the intervals had their table may hold them itself. */
    private static MonthlyAvailability withIntervals(MonthlyAvailability m, List<UnavailableInterval> intervals) {
        return intervals.isEmpty() ? m : m.withIntervals(intervals);
    }

    private static UnavailableInterval interval(SessionSql.Row t) {
        return new UnavailableInterval(Instant.parse(text(t, "starts_at")), Instant.parse(text(t, "ends_at")),
                text(t, "source"), text(t, "cause"), t.get("excluded", Boolean.class), text(t, "exclusion"));
    }

    /** Whether this right of the account is new (IS-CRD-5: each is published once). */
    public Uni<Boolean> recordTerminationRight(String accountId, String key, Instant now) {
        return update(INSERT_TERMINATION_RIGHT, params("a", accountId, "k", key, "t", utc(now))).map(n -> n == 1);
    }

    // ---- decisions

    /**
     * What all decisions of one account's month add up to so far (those decided per instance before
     * the month was the account's included), null when there is none.
     */
    public Uni<BigDecimal> decidedSoFar(String accountId, String month) {
        return rows(DECIDED_SO_FAR, params("a", accountId, "m", month),
                t -> t.get("decisions", Number.class).longValue() == 0 ? null : t.get("amount", BigDecimal.class))
                .map(found -> found.get(0));
    }

    /**
     * Records a decision; false when the same source was decided before (CRD-7): the same account month
     * and revision (instance null), or, for a row of an instance, the same account, month, instance and version.
     */
    public Uni<Boolean> recordDecision(DecisionRow d, String confirmedMonth) {
        return update(INSERT_DECISION, params("id", d.decisionId(), "a", d.accountId(), "i", d.instanceId(),
                "m", d.month(), "v", d.sourceVersion(), "k", d.kind(), "amt", d.amount(), "c", d.currency(),
                "r", d.rule(), "e", d.explanation(), "claim", d.claimId(), "cm", confirmedMonth)).map(n -> n == 1);
    }

    // ---- ledger

    /** Adds a ledger entry; false when one for the same source is already there (CRD-7). */
    public Uni<Boolean> addEntry(UUID entryId, String accountId, String kind, String cycle, String instanceId,
            String month, Integer sourceVersion, BigDecimal amount, String currency, String rule, String explanation,
            UUID claimId, String actor, Instant at) {
        return update(INSERT_ENTRY, params("id", entryId, "a", accountId, "k", kind, "cy", cycle, "i", instanceId,
                "m", month, "v", sourceVersion, "amt", amount, "c", currency, "r", rule, "e", explanation,
                "claim", claimId, "actor", actor, "t", utc(at))).map(n -> n == 1);
    }

    public Uni<List<EntryRow>> entries(String accountId) {
        return rows(ENTRIES, params("a", accountId), t -> {
            Number sourceVersion = t.get("source_version", Number.class);
            return new EntryRow(UUID.fromString(text(t, "entry_id")), text(t, "kind"), text(t, "cycle"),
                    text(t, "instance_id"), text(t, "month"), sourceVersion == null ? null : sourceVersion.intValue(),
                    t.get("amount", BigDecimal.class), text(t, "currency"), text(t, "rule"), text(t, "explanation"),
                    text(t, "claim_id"), text(t, "actor"), text(t, "created_at"));
        });
    }

    // ---- claims

    public Uni<Boolean> insertClaim(ClaimRow c, Instant incidentStart) {
        return update(INSERT_CLAIM, params("id", c.claimId(), "a", c.accountId(), "i", c.instanceId(), "m", c.month(),
                "s", utc(incidentStart), "inc", c.incidents(), "subj", c.subject(), "src", c.source(), "st", c.state(),
                "r", c.reason(), "d", c.detail(), "t", utc(Instant.parse(c.receivedAt())))).map(n -> n == 1);
    }

    /** The live claim of the account for this instance and incident start, if any (a second one is a duplicate). */
    public Uni<Optional<UUID>> liveClaim(String accountId, String instanceId, Instant incidentStart) {
        return rows(LIVE_CLAIM, params("a", accountId, "i", instanceId, "s", utc(incidentStart)), CreditStore::claimId)
                .map(found -> found.stream().findFirst());
    }

    public Uni<Optional<ClaimRow>> claim(UUID claimId) {
        return rows(CLAIM, params("id", claimId), CreditStore::claimOf).map(found -> found.stream().findFirst());
    }

    public Uni<List<ClaimRow>> claimsOf(String accountId) {
        return rows(CLAIMS_OF_ACCOUNT, params("a", accountId), CreditStore::claimOf);
    }

    /** Claims admitted and waiting for the measured month. */
    public Uni<List<ClaimRow>> waitingClaims(String instanceId, String month) {
        return rows(WAITING_CLAIMS, params("i", instanceId, "m", month), CreditStore::claimOf);
    }

    /** The first confirmed (or credited) claim of an account's month, any of its instances, if any. */
    public Uni<Optional<UUID>> confirmedClaimOfAccount(String accountId, String month) {
        return rows(CONFIRMED_CLAIM_OF_ACCOUNT, params("a", accountId, "m", month), CreditStore::claimId)
                .map(found -> found.stream().findFirst());
    }

    /** The confirmed (or credited) claim of an instance's month, if any. */
    public Uni<Optional<UUID>> confirmedClaim(String instanceId, String month) {
        return rows(CONFIRMED_CLAIM, params("i", instanceId, "m", month), CreditStore::claimId)
                .map(found -> found.stream().findFirst());
    }

    public Uni<Void> setClaimState(UUID claimId, String state, String reason, String detail, UUID ledgerEntryId) {
        return update(SET_CLAIM_STATE, params("s", state, "r", reason, "d", detail, "e", ledgerEntryId, "id", claimId))
                .replaceWithVoid();
    }

    private static UUID claimId(SessionSql.Row t) {
        return UUID.fromString(text(t, "claim_id"));
    }

    private static ClaimRow claimOf(SessionSql.Row t) {
        String ledgerEntryId = text(t, "ledger_entry_id");
        return new ClaimRow(claimId(t), text(t, "account_id"), text(t, "instance_id"), text(t, "month"),
                text(t, "state"), text(t, "reason"), text(t, "detail"), text(t, "incidents"), text(t, "subject"),
                text(t, "source"), text(t, "received_at"), ledgerEntryId == null ? null : UUID.fromString(ledgerEntryId));
    }

    // ---- columns

    private static String text(SessionSql.Row t, String column) {
        return t.get(column, String.class);
    }

    private static int integer(SessionSql.Row t, String column) {
        return t.get(column, Number.class).intValue();
    }

    /** A date column read as its ISO text (yyyy-MM-dd), null for null. */
    private static LocalDate date(SessionSql.Row t, String column) {
        String text = text(t, column);
        return text == null ? null : LocalDate.parse(text);
    }

    private static String json(Object value) {
        try {
            return CloudEventCodec.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static MonthlyAvailability parse(String json) {
        try {
            return CloudEventCodec.mapper().readValue(json, MonthlyAvailability.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
