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
import java.util.Currency;
import java.util.HashSet;
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
import org.slaplatform.events.contract.ContractChanged;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.mutiny.Uni;

/** credit-service's tables, read and written in the caller's reactive transaction. */
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

    // ---- contracts

    /**
     * Applies an account's contract; instances follow the applied revision. The contracts row, this
     * service's contract view, is replaced only by a strictly newer revision; an older revision or the
     * same one again changes nothing (DESIGN-2).
     */
    public Uni<Boolean> applyContract(ContractChanged c) {
        ContractChanged.LicencePrice price = c.licencePrice();
        return update("insert into contracts (account_id, revision, policy, plan, time_zone, currency, monthly_charges, "
                + "billing_cycle, starts_on, ends_on, licence_price, licence_currency) values (:a, :r, :p, :plan, :z, :c, "
                + ":m, :b, :so, :eo, :lp, :lc) on conflict (account_id) do update set "
                + "revision = excluded.revision, policy = excluded.policy, plan = excluded.plan, time_zone = excluded.time_zone, "
                + "currency = excluded.currency, monthly_charges = excluded.monthly_charges, billing_cycle = excluded.billing_cycle, "
                + "starts_on = excluded.starts_on, ends_on = excluded.ends_on, licence_price = excluded.licence_price, "
                + "licence_currency = excluded.licence_currency "
                + "where contracts.revision < excluded.revision",
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
                    Uni<Void> chain = update("delete from contract_one_time_fees where account_id = :a",
                            params("a", c.accountId())).replaceWithVoid();
                    for (int n = 0; n < c.oneTimeFees().size(); n++) {
                        ContractChanged.Fee fee = c.oneTimeFees().get(n);
                        if (fee == null || fee.amount() == null) {
                            continue;
                        }
                        int position = n;
                        chain = chain.chain(() -> update("insert into contract_one_time_fees (account_id, position, "
                                + "description, amount, charged_on) values (:a, :n, :d, :m, :o)",
                                params("a", c.accountId(), "n", position, "d", fee.description(), "m", fee.amount(),
                                        "o", fee.chargedOn())).replaceWithVoid());
                    }
                    for (ContractChanged.ServiceInstance i : c.instances()) {
                        chain = chain.chain(() -> update("insert into instances (instance_id, account_id) values (:i, :a) "
                                + "on conflict (instance_id) do update set account_id = excluded.account_id",
                                params("i", i.instanceId(), "a", c.accountId())).replaceWithVoid());
                    }
                    return chain.replaceWith(true);
                });
    }

    public Uni<Optional<AccountRow>> account(String accountId) {
        return rows("select account_id, revision, policy, plan, time_zone, currency, monthly_charges, billing_cycle "
                + "from contracts where account_id = :a", params("a", accountId))
                .chain(found -> {
                    if (found.isEmpty()) {
                        return Uni.createFrom().item(Optional.<AccountRow>empty());
                    }
                    Object[] r = found.get(0);
                    return rows("select instance_id, account_id from instances where account_id = :a", params("a", accountId))
                            .chain(list -> rows("select amount, charged_on::text from contract_one_time_fees where account_id = :a "
                                    + "order by position", params("a", accountId)).map(fees -> {
                                Set<String> instances = new HashSet<>();
                                list.forEach(row -> instances.add((String) row[0]));
                                List<AccountCharges.OneTimeFee> oneTime = fees.stream().map(f -> new AccountCharges.OneTimeFee(
                                        (BigDecimal) f[0], f[1] == null ? null : LocalDate.parse((String) f[1]))).toList();
                                return Optional.of(new AccountRow((String) r[0], ((Number) r[1]).intValue(),
                                        (String) r[2], (String) r[3], ZoneId.of((String) r[4]),
                                        Currency.getInstance((String) r[5]), (BigDecimal) r[6],
                                        BillingCycle.valueOf((String) r[7]), Set.copyOf(instances), oneTime));
                            }));
                });
    }

    /** What the support fees of an account need (ITC-CRD-8), from its latest contract. */
    public record SupportTerms(String accountId, String policy, String plan, ZoneId zone, LocalDate startsOn,
            LocalDate endsOn, BigDecimal licencePrice, String licenceCurrency) {
    }

    public Uni<Optional<SupportTerms>> supportTerms(String accountId) {
        return rows("select account_id, policy, plan, time_zone, to_char(starts_on, 'YYYY-MM-DD'), "
                + "to_char(ends_on, 'YYYY-MM-DD'), licence_price, licence_currency from contracts where account_id = :a",
                params("a", accountId)).map(found -> found.stream().findFirst().map(r -> new SupportTerms((String) r[0],
                        (String) r[1], (String) r[2], ZoneId.of((String) r[3]),
                        r[4] == null ? null : LocalDate.parse((String) r[4]), r[5] == null ? null : LocalDate.parse((String) r[5]),
                        (BigDecimal) r[6], (String) r[7])));
    }

    public Uni<Optional<String>> ownerOf(String instanceId) {
        return rows("select account_id, instance_id from instances where instance_id = :i", params("i", instanceId))
                .map(list -> list.isEmpty() ? Optional.empty() : Optional.of((String) list.get(0)[0]));
    }

    // ---- measured months

    /**
     * Stores one version of a measured month, its Unavailable intervals in {@code month_intervals}
     * (QNT-CRD-2) and the rest as the payload; false when this version was stored before.
     */
    public Uni<Boolean> recordMonth(MonthlyAvailability m) {
        return update("insert into month_results (instance_id, month, version, account_id, uptime_percent, payload) "
                + "values (:i, :m, :v, :a, :u, :p) on conflict do nothing",
                params("i", m.instanceId(), "m", m.month(), "v", m.version(), "a", m.accountId(), "u", m.uptimePercent(),
                        "p", json(m.withIntervals(List.of())))).chain(n -> n != 1 ? Uni.createFrom().item(false)
                        : m.unavailableIntervals().isEmpty() ? Uni.createFrom().item(true)
                        // One statement for all of them, whatever their number. The JSON travels as text: a
                        // parameter typed jsonb would be sent by the driver as one JSON string.
                        : update("insert into month_intervals (instance_id, month, version, starts_at, ends_at, source, "
                                + "cause, excluded, exclusion) select :i, :m, :v, t.\"start\", t.\"end\", t.source, t.cause, "
                                + "t.excluded, t.exclusion from jsonb_to_recordset(cast(cast(:j as text) as jsonb)) as t(\"start\" timestamptz, "
                                + "\"end\" timestamptz, source text, cause text, excluded boolean, exclusion text)",
                                params("i", m.instanceId(), "m", m.month(), "v", m.version(),
                                        "j", json(m.unavailableIntervals()))).replaceWith(true));
    }

    /** The latest version of one measured month with its Unavailable intervals, if any. */
    public Uni<Optional<MonthlyAvailability>> latestMonth(String instanceId, String month) {
        return rows("select payload, version from month_results where instance_id = :i and month = :m "
                + "order by version desc limit 1", params("i", instanceId, "m", month))
                .chain(list -> {
                    if (list.isEmpty()) {
                        return Uni.createFrom().item(Optional.<MonthlyAvailability>empty());
                    }
                    MonthlyAvailability m = parse((String) list.get(0)[0]);
                    return intervals(instanceId, month, m.version()).map(intervals -> Optional.of(
                            // A payload stored before the intervals had their table may hold them itself.
                            intervals.isEmpty() ? m : m.withIntervals(intervals)));
                });
    }

    /**
     * QNT-CRD-1 money once: a new instance month version of the account's month; raises the account
     * month's revision and holds its row lock until the transaction ends, so two instance months of one
     * account evaluate one after the other. Answers the new revision.
     */
    /**
     * The latest version of each instance month of the account, for the months with no credit decision
     * yet: measured before the account's contract arrived (MonthDecisions.afterContract).
     */
    public Uni<List<MonthlyAvailability>> undecidedMonths(String accountId) {
        return rows("select distinct on (r.instance_id, r.month) r.payload from month_results r where r.account_id = :a "
                + "and not exists (select 1 from credit_decisions d where d.account_id = :a and d.month = r.month) "
                + "order by r.instance_id, r.month, r.version desc", params("a", accountId))
                .map(list -> list.stream().map(r -> parse((String) r[0])).toList());
    }

    public Uni<Integer> nextAccountMonthRevision(String accountId, String month) {
        return rows("insert into account_months (account_id, month, revision) values (:a, :m, 1) "
                + "on conflict (account_id, month) do update set revision = account_months.revision + 1 returning revision",
                params("a", accountId, "m", month)).map(list -> ((Number) list.get(0)[0]).intValue());
    }

    /** Locks the account month's row for this transaction (a claim judged later) and answers its revision. */
    public Uni<Integer> lockAccountMonth(String accountId, String month) {
        return rows("insert into account_months (account_id, month, revision) values (:a, :m, 0) "
                + "on conflict (account_id, month) do update set revision = account_months.revision returning revision",
                params("a", accountId, "m", month)).map(list -> ((Number) list.get(0)[0]).intValue());
    }

    /** The latest version of every instance month of an account's month, each with its intervals. */
    public Uni<List<MonthlyAvailability>> latestMonthsOfAccount(String accountId, String month) {
        return rows("select distinct on (instance_id) instance_id, payload from month_results where account_id = :a "
                + "and month = :m order by instance_id, version desc", params("a", accountId, "m", month))
                .chain(list -> {
                    Uni<List<MonthlyAvailability>> chain = Uni.createFrom().item(new java.util.ArrayList<>());
                    for (Object[] r : list) {
                        MonthlyAvailability m = parse((String) r[1]);
                        chain = chain.chain(acc -> intervals(m.instanceId(), month, m.version()).map(intervals -> {
                            acc.add(intervals.isEmpty() ? m : m.withIntervals(intervals));
                            return acc;
                        }));
                    }
                    return chain;
                });
    }

    /** The Unavailable intervals of one version of a measured month, in time order (QNT-CRD-2). */
    public Uni<List<MonthlyAvailability.UnavailableInterval>> intervals(String instanceId, String month, int version) {
        return rows("select to_char(starts_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                + "to_char(ends_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), source, cause, excluded, exclusion "
                + "from month_intervals where instance_id = :i and month = :m and version = :v order by starts_at",
                params("i", instanceId, "m", month, "v", version))
                .map(list -> list.stream().map(r -> new MonthlyAvailability.UnavailableInterval(Instant.parse((String) r[0]),
                        Instant.parse((String) r[1]), (String) r[2], (String) r[3], (Boolean) r[4], (String) r[5])).toList());
    }

    /** The latest uptime of each measured month of an instance (IS-CRD-5). */
    /**
     * IS-CRD-5: the account's uptime in each month from {@code from} to {@code to} that has a measured
     * instance month, its instances combined as its credits are ({@link AccountMonth#of(List, int)}).
     */
    public Uni<Map<YearMonth, BigDecimal>> accountUptimes(String accountId, YearMonth from, YearMonth to) {
        Map<YearMonth, BigDecimal> uptimes = new LinkedHashMap<>();
        Uni<Map<YearMonth, BigDecimal>> chain = Uni.createFrom().item(uptimes);
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            YearMonth month = m;
            chain = chain.chain(acc -> latestMonthsOfAccount(accountId, month.toString()).map(months -> {
                if (!months.isEmpty()) {
                    acc.put(month, AccountMonth.of(months, 0).uptimePercent());
                }
                return acc;
            }));
        }
        return chain;
    }

    /** Whether this right of the account is new (IS-CRD-5: each is published once). */
    public Uni<Boolean> recordTerminationRight(String accountId, String key, Instant now) {
        return update("insert into account_termination_rights (account_id, right_key, granted_at) values (:a, :k, :t) "
                + "on conflict do nothing", params("a", accountId, "k", key, "t", utc(now))).map(n -> n == 1);
    }

    // ---- decisions

    /**
     * What all decisions of one account's month add up to so far (those decided per instance before
     * the month was the account's included), null when there is none.
     */
    public Uni<BigDecimal> decidedSoFar(String accountId, String month) {
        return rows("select sum(amount), count(*) from credit_decisions where account_id = :a and month = :m",
                params("a", accountId, "m", month))
                .map(list -> ((Number) list.get(0)[1]).longValue() == 0 ? null : (BigDecimal) list.get(0)[0]);
    }

    /**
     * Records a decision; false when the same source was decided before (CRD-7): the same account month
     * and revision (instance null), or, for a row of an instance, the same account, month, instance and version.
     */
    public Uni<Boolean> recordDecision(DecisionRow d, String confirmedMonth) {
        return update("insert into credit_decisions (decision_id, account_id, instance_id, month, source_version, kind, "
                + "amount, currency, rule, explanation, claim_id, confirmed_month, state) values (:id, :a, :i, "
                + ":m, :v, :k, :amt, :c, :r, :e, :claim, :cm, 'PENDING') on conflict do nothing",
                params("id", d.decisionId(), "a", d.accountId(), "i", d.instanceId(), "m", d.month(),
                        "v", d.sourceVersion(), "k", d.kind(), "amt", d.amount(), "c", d.currency(), "r", d.rule(),
                        "e", d.explanation(), "claim", d.claimId(),
                        "cm", confirmedMonth)).map(n -> n == 1);
    }

    // ---- ledger

    /** Adds a ledger entry; false when one for the same source is already there (CRD-7). */
    public Uni<Boolean> addEntry(UUID entryId, String accountId, String kind, String cycle, String instanceId,
            String month, Integer sourceVersion, BigDecimal amount, String currency, String rule, String explanation,
            UUID claimId, String actor, Instant at) {
        return update("insert into ledger_entries (entry_id, account_id, kind, cycle, instance_id, month, source_version, "
                + "amount, currency, rule, explanation, claim_id, actor, created_at) values (:id, :a, :k, "
                + ":cy, :i, :m, :v, :amt, :c, :r, :e, :claim, :actor, :t) "
                + "on conflict do nothing",
                params("id", entryId, "a", accountId, "k", kind, "cy", cycle, "i", instanceId, "m", month,
                        "v", sourceVersion, "amt", amount, "c", currency, "r", rule, "e", explanation,
                        "claim", claimId, "actor", actor, "t", utc(at)))
                .map(n -> n == 1);
    }

    /** One entry of an account's history. */
    public record EntryRow(UUID entryId, String kind, String cycle, String instanceId, String month,
            Integer sourceVersion, BigDecimal amount, String currency, String rule, String explanation, String claimId,
            String actor, String createdAt) {
    }

    public Uni<List<EntryRow>> entries(String accountId) {
        return rows("select cast(entry_id as text), kind, cycle, instance_id, month, source_version, amount, currency, "
                + "rule, explanation, cast(claim_id as text), actor, to_char(created_at at time zone 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from ledger_entries where account_id = :a order by created_at, entry_id",
                params("a", accountId))
                .map(list -> list.stream().map(r -> new EntryRow(UUID.fromString((String) r[0]), (String) r[1],
                        (String) r[2], (String) r[3], (String) r[4], r[5] == null ? null : ((Number) r[5]).intValue(),
                        (BigDecimal) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10], (String) r[11],
                        (String) r[12])).toList());
    }

    // ---- claims

    public Uni<Boolean> insertClaim(ClaimRow c, Instant incidentStart) {
        return update("insert into claims (claim_id, account_id, instance_id, month, incident_start, incidents, subject, "
                + "source, state, reason, detail, received_at) values (:id, :a, :i, :m, "
                + ":s, :inc, :subj, :src, :st, :r, :d, :t) on conflict do nothing",
                params("id", c.claimId(), "a", c.accountId(), "i", c.instanceId(), "m", c.month(),
                        "s", incidentStart == null ? null : utc(incidentStart), "inc", c.incidents(),
                        "subj", c.subject(), "src", c.source(), "st", c.state(), "r", c.reason(), "d", c.detail(),
                        "t", utc(Instant.parse(c.receivedAt())))).map(n -> n == 1);
    }

    /** The live claim of the account for this instance and incident start, if any (a second one is a duplicate). */
    public Uni<Optional<UUID>> liveClaim(String accountId, String instanceId, Instant incidentStart) {
        return rows("select cast(claim_id as text), state from claims where account_id = :a and instance_id = :i and "
                + "incident_start = :s and state <> 'DISQUALIFIED'",
                params("a", accountId, "i", instanceId, "s", utc(incidentStart)))
                .map(list -> list.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString((String) list.get(0)[0])));
    }

    private static final String CLAIM_COLUMNS = "cast(claim_id as text), account_id, instance_id, month, state, reason, "
            + "detail, incidents, subject, source, to_char(received_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
            + "cast(ledger_entry_id as text)";

    public Uni<Optional<ClaimRow>> claim(UUID claimId) {
        return rows("select " + CLAIM_COLUMNS + " from claims where claim_id = :id",
                params("id", claimId)).map(list -> list.stream().map(CreditStore::claimOf).findFirst());
    }

    public Uni<List<ClaimRow>> claimsOf(String accountId) {
        return rows("select " + CLAIM_COLUMNS + " from claims where account_id = :a order by received_at, claim_id",
                params("a", accountId)).map(list -> list.stream().map(CreditStore::claimOf).toList());
    }

    /** Claims admitted and waiting for the measured month. */
    public Uni<List<ClaimRow>> waitingClaims(String instanceId, String month) {
        return rows("select " + CLAIM_COLUMNS + " from claims where instance_id = :i and month = :m and state = 'RECEIVED' "
                + "order by received_at, claim_id for update", params("i", instanceId, "m", month))
                .map(list -> list.stream().map(CreditStore::claimOf).toList());
    }

    /** The first confirmed (or credited) claim of an account's month, any of its instances, if any. */
    public Uni<Optional<UUID>> confirmedClaimOfAccount(String accountId, String month) {
        return rows("select cast(claim_id as text), state from claims where account_id = :a and month = :m "
                + "and state in ('CONFIRMED', 'CREDITED') order by received_at, claim_id limit 1",
                params("a", accountId, "m", month))
                .map(list -> list.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString((String) list.get(0)[0])));
    }

    /** The confirmed (or credited) claim of an instance's month, if any. */
    public Uni<Optional<UUID>> confirmedClaim(String instanceId, String month) {
        return rows("select cast(claim_id as text), state from claims where instance_id = :i and month = :m "
                + "and state in ('CONFIRMED', 'CREDITED') order by received_at limit 1", params("i", instanceId, "m", month))
                .map(list -> list.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString((String) list.get(0)[0])));
    }

    public Uni<Void> setClaimState(UUID claimId, String state, String reason, String detail, UUID ledgerEntryId) {
        return update("update claims set state = :s, reason = coalesce(:r, reason), detail = coalesce(:d, detail), "
                + "ledger_entry_id = coalesce(:e, ledger_entry_id) where claim_id = :id",
                params("s", state, "r", reason, "d", detail, "e", ledgerEntryId,
                        "id", claimId)).replaceWithVoid();
    }

    private static ClaimRow claimOf(Object[] r) {
        return new ClaimRow(UUID.fromString((String) r[0]), (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10],
                r[11] == null ? null : UUID.fromString((String) r[11]));
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
