package org.slaplatform.credit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.slaplatform.credit.CreditFlowTest.WAIT;
import static org.slaplatform.credit.CreditFlowTest.claim;
import static org.slaplatform.credit.CreditFlowTest.credits;
import static org.slaplatform.credit.CreditFlowTest.sendAndAwait;
import static org.slaplatform.credit.CreditFlowTest.settle;
import static org.slaplatform.credit.CreditFlowTest.unique;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.credit.service.SettlementSchedule;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.events.availability.MonthlyAvailability.UnavailableInterval;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Money once and settlement on time, over the real broker and database: one credit per account and
 * month whatever the number of instances, a share of the month's part of the cycle's charges, corrections
 * as adjustments that never take money back, and cycles that settle by themselves. March 2026 has
 * 44,640 minutes.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class MoneyOnceFlowTest {

    @Inject
    SettlementSchedule schedule;

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    static void contract(String account, String policy, String plan, String monthly, String cycle, String... instances) {
        contract(account, policy, plan, monthly, cycle, List.of(new ContractChanged.Fee("setup", new BigDecimal("5000.00"),
                LocalDate.parse("2025-01-01"))), instances);
    }

    static void contract(String account, String policy, String plan, String monthly, String cycle,
            List<ContractChanged.Fee> oneTimeFees, String... instances) {
        ContractChanged c = new ContractChanged(account, account + " Inc", 1, policy, 1, plan, "UTC", "USD",
                new BigDecimal(monthly), oneTimeFees, cycle, LocalDate.parse("2025-01-01"), null,
                Arrays.stream(instances).map(i -> new ContractChanged.ServiceInstance(i, "p", "1.0.0.0", "prod")).toList(),
                List.of(), List.of(), List.of(), Instant.parse("2025-01-01T00:00:00Z"));
        KafkaTestClient.send(CloudEventCodec.toRecord(EventEnvelope.of(EventTypes.CONTRACT_CHANGED, "ticket-service",
                account, c.changedAt(), c)));
        await().atMost(WAIT).until(() -> ServiceDatabase.count("select count(*) from instances where account_id = '"
                + account + "'") == instances.length);
    }

    /** A closed month with its counted Unavailable runs ({@code from/to} pairs), nothing excluded. */
    static MonthlyAvailability closed(String account, String instance, String policy, String plan, String month,
            int version, String... runs) {
        long total = YearMonth.parse(month).lengthOfMonth() * 1440L;
        List<UnavailableInterval> intervals = new java.util.ArrayList<>();
        long unavailable = 0;
        for (int i = 0; i < runs.length; i += 2) {
            UnavailableInterval run = new UnavailableInterval(Instant.parse(runs[i]), Instant.parse(runs[i + 1]), "PROBES",
                    null, false, null);
            intervals.add(run);
            unavailable += run.minutes();
        }
        BigDecimal uptime = BigDecimal.valueOf((total - unavailable) * 100).divide(BigDecimal.valueOf(total), 4,
                java.math.RoundingMode.FLOOR);
        return new MonthlyAvailability(instance, account, month, "UTC", version, policy, 1, plan, null,
                uptime, total, unavailable, 0, Map.of(), false, Instant.parse("2026-04-03T00:00:00Z"), intervals);
    }

    static void arrive(MonthlyAvailability m) {
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(EventEnvelope.of(EventTypes.MONTH_CLOSED,
                "availability-service", m.instanceId(), m.closedAt(), m));
        sendAndAwait(record, m.instanceId(), m.month(), m.version());
    }

    static Map<String, Object> slaClaim(String instance, String incident) {
        return Map.of("subject", "SLA Credit Request", "instanceId", instance, "description", "down " + incident);
    }

    static long decisions(String account) {
        return ServiceDatabase.count("select count(*) from credit_decisions where account_id = '" + account + "'");
    }

    @Test
    @DisplayName("QNT-CRD-1 QNT-CRD-2 two instances each 30 minutes down in March (tier 10 %), both claimed: one credit of 10 % of 1000.00 = 100.00 USD for the account's month, not one per instance")
    void twoInstancesOneCredit() {
        String account = unique("qnt");
        contract(account, "quantive", "Enterprise", "1000.00", "MONTHLY", account + "-a", account + "-b");
        TestClock.set(Instant.parse("2026-04-05T12:00:00Z"));
        arrive(closed(account, account + "-a", "quantive", "Enterprise", "2026-03", 1, "2026-03-10T10:00:00Z",
                "2026-03-10T10:30:00Z"));
        arrive(closed(account, account + "-b", "quantive", "Enterprise", "2026-03", 1, "2026-03-20T10:00:00Z",
                "2026-03-20T10:30:00Z"));
        String customer = TestTokens.customer(account);
        claim(customer, slaClaim(account + "-a", "2026-03-10T10:00Z to 2026-03-10T10:30Z")).statusCode(201)
                .body("state", equalTo("CONFIRMED"))
                .body("detail", containsString("account uptime 99.8655 % (a minute is Unavailable for the account when "
                        + "any of its 2 instances is counted Unavailable in it"))
                .body("detail", containsString("10 % of 1000.00 USD recurring charges of the monthly cycle"));
        claim(customer, slaClaim(account + "-b", "2026-03-20T10:00Z to 2026-03-20T10:30Z")).statusCode(201)
                .body("state", equalTo("CONFIRMED"))
                .body("detail", containsString("already decided under another claim"));
        assertThat(decisions(account)).isEqualTo(1);

        TestClock.set(Instant.parse("2026-05-01T08:00:00Z"));
        settle("2026-05");
        settle("2026-05");
        credits(TestTokens.admin(), account).statusCode(200).body("balance", equalTo(100.00f)).body("entries", hasSize(1))
                .body("entries[0].kind", equalTo("CREDIT")).body("entries[0].amount", equalTo(100.00f))
                .body("entries[0].month", equalTo("2026-03"));
    }

    @Test
    @DisplayName("IS-CRD-4 QNT-CRD-1 N instances never exceed the cap: five instances each 20 hours down in September (3000.00 a month) earn one credit, 100 days' worth of 100.00 capped at the month's 3000.00 USD, never five of 2000.00")
    void manyInstancesCapped() {
        String account = unique("is");
        String[] instances = { account + "-1", account + "-2", account + "-3", account + "-4", account + "-5" };
        contract(account, "infostretch", "Maintenance", "3000.00", "MONTHLY", instances);
        for (int i = 0; i < instances.length; i++) {
            String day = "2026-09-0" + (i + 1);
            arrive(closed(account, instances[i], "infostretch", "Maintenance", "2026-09", 1, day + "T00:00:00Z",
                    day + "T20:00:00Z"));
        }
        await().atMost(WAIT).until(() -> ServiceDatabase.count("select count(*) from credit_decisions where account_id = '"
                + account + "' and rule = 'IS-CRD-4'") >= 1);
        // Each arrival re-evaluates the one credit: 2000.00 on the first, raised by 1000.00 to the cap on the second.
        await().atMost(WAIT).until(() -> ServiceDatabase.count("select coalesce(sum(amount), 0) from credit_decisions "
                + "where account_id = '" + account + "'") == 3000);
        assertThat(ServiceDatabase.count("select count(*) from credit_decisions where account_id = '" + account
                + "' and kind = 'CREDIT'")).isEqualTo(1);
        assertThat(ServiceDatabase.count("select count(*) from credit_decisions where account_id = '" + account
                + "' and explanation like '%capped at the month''s 3000.00 USD of fees%'")).isEqualTo(1);
        settle(CreditFlowTest.NEXT_CYCLE);
        credits(TestTokens.admin(), account).statusCode(200).body("balance", equalTo(3000.00f));
    }

    @Test
    @DisplayName("QNT-CRD-1 quarterly billing (3000.00 a quarter): a bad month earns 10 % of its part, 3000.00 / 3 = 1000.00 -> 100.00 USD, not 10 % of the whole cycle")
    void quarterlyMonthShare() {
        String account = unique("qnt");
        String instance = account + "-prod";
        contract(account, "quantive", "Enterprise", "1000.00", "QUARTERLY", instance);
        TestClock.set(Instant.parse("2026-05-05T12:00:00Z"));
        arrive(closed(account, instance, "quantive", "Enterprise", "2026-04", 1, "2026-04-14T10:00:00Z",
                "2026-04-14T10:26:00Z"));
        claim(TestTokens.customer(account), slaClaim(instance, "2026-04-14T10:00Z to 2026-04-14T10:26Z")).statusCode(201)
                .body("state", equalTo("CONFIRMED"))
                .body("detail", containsString("10 % of 1000.00 USD, the month's part of the quarterly cycle's 3000.00 USD "
                        + "recurring charges (/ 3 months) (one-time fees excluded, credits.oneTimeFeesExcluded: true) = 100.00 USD"));
        assertThat(ServiceDatabase.count("select count(*) from credit_decisions where account_id = '" + account
                + "' and amount = 100.00")).isEqualTo(1);
    }

    @Test
    @DisplayName("QNT-CRD-1 QNT-CRD-3 a late instance month re-evaluates the one credit: 100.00 credited on one instance's 30 minutes, the second instance's 2000 minutes arriving later raise the account to 30 %: a CORRECTION of 200.00, not a second credit")
    void lateInstanceRaisesTheOneCredit() {
        String account = unique("qnt");
        contract(account, "quantive", "Enterprise", "1000.00", "MONTHLY", account + "-a", account + "-b");
        TestClock.set(Instant.parse("2026-04-05T12:00:00Z"));
        arrive(closed(account, account + "-a", "quantive", "Enterprise", "2026-03", 1, "2026-03-10T10:00:00Z",
                "2026-03-10T10:30:00Z"));
        claim(TestTokens.customer(account), slaClaim(account + "-a", "2026-03-10T10:00Z to 2026-03-10T10:30Z"))
                .statusCode(201).body("state", equalTo("CONFIRMED"));
        arrive(closed(account, account + "-b", "quantive", "Enterprise", "2026-03", 1, "2026-03-20T00:00:00Z",
                "2026-03-21T09:20:00Z"));
        await().atMost(WAIT).until(() -> decisions(account) == 2);
        TestClock.set(Instant.parse("2026-05-01T08:00:00Z"));
        settle("2026-05");
        credits(TestTokens.admin(), account).statusCode(200).body("balance", equalTo(300.00f)).body("entries", hasSize(2))
                .body("entries.kind", org.hamcrest.Matchers.containsInAnyOrder("CREDIT", "CORRECTION"))
                .body("entries.find { it.kind == 'CORRECTION' }.amount", equalTo(200.00f))
                .body("entries.find { it.kind == 'CORRECTION' }.explanation",
                        containsString("the credit is now 300.00 USD, 100.00 was decided before, difference 200.00"));
    }

    @Test
    @DisplayName("QNT-CRD-3 CRD-7 a correction that lowers the tier after settlement is an adjustment of 0.00 with its reason, never a negative credit; a later correction raising it pays only the difference")
    void loweringCorrectionNeverTakesBack() {
        String account = unique("qnt");
        String instance = account + "-prod";
        contract(account, "quantive", "Enterprise", "1000.00", "MONTHLY", instance);
        TestClock.set(Instant.parse("2026-04-05T12:00:00Z"));
        arrive(closed(account, instance, "quantive", "Enterprise", "2026-03", 1, "2026-03-10T10:00:00Z",
                "2026-03-10T10:30:00Z"));
        claim(TestTokens.customer(account), slaClaim(instance, "2026-03-10T10:00Z to 2026-03-10T10:30Z")).statusCode(201)
                .body("state", equalTo("CONFIRMED"));
        TestClock.set(Instant.parse("2026-05-01T08:00:00Z"));
        settle("2026-05");
        credits(TestTokens.admin(), account).body("balance", equalTo(100.00f));

        // Late probe data: only 10 minutes were down, 99.9775 % meets 99.95 %: the month now earns nothing.
        arrive(closed(account, instance, "quantive", "Enterprise", "2026-03", 2, "2026-03-10T10:00:00Z",
                "2026-03-10T10:10:00Z"));
        await().atMost(WAIT).until(() -> decisions(account) == 2);
        TestClock.set(Instant.parse("2026-06-01T08:00:00Z"));
        settle("2026-06");
        credits(TestTokens.admin(), account).statusCode(200).body("balance", equalTo(100.00f)).body("entries", hasSize(2))
                .body("entries[1].kind", equalTo("CORRECTION")).body("entries[1].amount", equalTo(0.00f))
                .body("entries[1].explanation", containsString("the month now earns 0.00 USD, 100.00 USD was decided "
                        + "before; a credit is never taken back (QNT-CRD-3), so it stands"))
                .body("entries[1].explanation", containsString("commitment 99.95 % met"));
        assertThat(ServiceDatabase.count("select count(*) from ledger_entries where account_id = '" + account
                + "' and amount < 0")).isZero();
        assertThat(ServiceDatabase.count("select count(*) from credit_decisions where account_id = '" + account
                + "' and amount < 0")).isZero();
        assertThat(CreditFlowTest.credits(account, EventTypes.CREDIT_ADJUSTED.type(), 1)).singleElement()
                .satisfies(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"amount\":0.00"));

        // A second correction: 1960 minutes (95.6093 %, 30 %) earns 300.00; 100.00 + 0.00 were given, 200.00 more.
        TestClock.set(Instant.parse("2026-06-10T08:00:00Z"));
        arrive(closed(account, instance, "quantive", "Enterprise", "2026-03", 3, "2026-03-20T00:00:00Z",
                "2026-03-21T09:20:00Z"));
        await().atMost(WAIT).until(() -> decisions(account) == 3);
        TestClock.set(Instant.parse("2026-07-01T08:00:00Z"));
        settle("2026-07");
        credits(TestTokens.admin(), account).body("balance", equalTo(300.00f)).body("entries[2].amount", equalTo(200.00f));
    }

    static double overdueMetric() {
        String metrics = given().accept("text/plain").when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("credit_settlements_overdue ")).mapToDouble(
                l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim())).findFirst()
                .orElseThrow(() -> new AssertionError("credit_settlements_overdue is not exported"));
    }

    @Test
    @DisplayName("QNT-CRD-3 a due cycle settles without the admin call: a credit confirmed in March 2031 is not overdue on 1 April, shows in credit_settlements_overdue on 3 April while no run happened, and the schedule's turn issues it")
    void dueCycleSettlesItselfAndOverdueShows() {
        String account = unique("is");
        String instance = account + "-prod";
        contract(account, "infostretch", "Maintenance", "3000.00", "MONTHLY", instance);
        TestClock.set(Instant.parse("2031-03-10T12:00:00Z"));
        // November 2030 (30 days), 65 minutes: 2 hours x 3000.00 / 30 = 200.00 USD (IS-CRD-4)
        arrive(closed(account, instance, "infostretch", "Maintenance", "2030-11", 1, "2030-11-14T10:00:00Z",
                "2030-11-14T11:05:00Z"));
        await().atMost(WAIT).until(() -> decisions(account) == 1);

        // A turn in March settles the earlier months (whatever other tests left pending); March's credit waits.
        TestClock.set(Instant.parse("2031-03-20T12:00:00Z"));
        SettlementSchedule.Run march = schedule.settleDue().await().atMost(WAIT);
        assertThat(march.ran()).isTrue();
        assertThat(march.cycle()).isEqualTo("2031-03");
        credits(TestTokens.admin(), account).body("entries", hasSize(0));
        assertThat(overdueMetric()).isZero();

        TestClock.set(Instant.parse("2031-04-01T12:00:00Z"));
        assertThat(overdueMetric()).as("due since 1 April 00:00, overdue one day later").isZero();
        TestClock.set(Instant.parse("2031-04-03T00:00:00Z"));
        assertThat(overdueMetric()).as("no run since: the cycle after March is overdue").isEqualTo(1.0);

        SettlementSchedule.Run april = schedule.settleDue().await().atMost(WAIT);
        assertThat(april.ran()).isTrue();
        assertThat(april.issued()).isGreaterThanOrEqualTo(1);
        credits(TestTokens.admin(), account).statusCode(200).body("balance", equalTo(200.00f))
                .body("entries[0].cycle", equalTo("2031-04")).body("entries[0].kind", equalTo("CREDIT"));
        assertThat(overdueMetric()).isZero();
        assertThat(ServiceDatabase.count("select count(*) from settlement_runs where cycle = '2031-04' and trigger = "
                + "'SCHEDULE' and issued >= 1")).isGreaterThanOrEqualTo(1);
    }

    @Test
    @DisplayName("CRD-7 QNT-CRD-3 settlement runners: while another runner holds the group's lock a turn skips and issues nothing; two turns at once then issue each of 1,500 decisions exactly once")
    void twoRunnersSettleOnce() throws Exception {
        String prefix = unique("runners");
        int n = 1500;
        try (Connection c = ServiceDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("insert into credit_decisions (decision_id, account_id, instance_id, month, source_version, kind, "
                    + "amount, currency, rule, explanation, claim_id, confirmed_month, state) select gen_random_uuid(), '"
                    + prefix + "-' || g, null, '2018-01', 1, 'CREDIT', 100.00, 'USD', 'IS-CRD-4', 'runners test', null, "
                    + "'2018-02', 'PENDING' from generate_series(1, " + n + ") g");
        }
        String issuedSql = "select count(*) from ledger_entries where account_id like '" + prefix + "-%'";
        // Another instance's runner is in the middle of a settlement: it holds the lock in its transaction.
        try (Connection other = ServiceDatabase.connect()) {
            other.setAutoCommit(false);
            try (Statement st = other.createStatement();
                    ResultSet held = st.executeQuery("select pg_try_advisory_xact_lock(hashtext('credit-service.settlement'))")) {
                held.next();
                assertThat(held.getBoolean(1)).isTrue();
            }
            SettlementSchedule.Run skipped = schedule.settleDue().await().atMost(WAIT);
            assertThat(skipped.ran()).isFalse();
            assertThat(ServiceDatabase.count(issuedSql)).isZero();
            other.rollback();
        }
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<SettlementSchedule.Run>> runners = List.of(1, 2).stream().map(i -> CompletableFuture.supplyAsync(() -> {
            try {
                together.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return schedule.settleDue().await().atMost(java.time.Duration.ofSeconds(120));
        })).toList();
        List<SettlementSchedule.Run> runs = new java.util.ArrayList<>();
        for (CompletableFuture<SettlementSchedule.Run> r : runners) {
            runs.add(r.get(150, TimeUnit.SECONDS));
        }
        assertThat(runs).anyMatch(SettlementSchedule.Run::ran);
        assertThat(ServiceDatabase.count(issuedSql)).isEqualTo(n);
        assertThat(ServiceDatabase.count("select count(distinct (account_id, month, source_version)) from ledger_entries "
                + "where account_id like '" + prefix + "-%'")).isEqualTo(n);
        assertThat(ServiceDatabase.count("select count(*) from outbox where record_key like '" + prefix
                + "-%' and type = '" + EventTypes.CREDIT_ISSUED.type() + "'")).isEqualTo(n);
        assertThat(schedule.settleDue().await().atMost(WAIT).issued()).isZero();
    }

    static String explanation(String account) throws Exception {
        try (Connection c = ServiceDatabase.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select explanation from credit_decisions where account_id = '" + account + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    @DisplayName("QNT-CRD-1 one-time payments excluded (credits.oneTimeFeesExcluded): a 600.00 USD setup fee charged in November 2030 is stored with the contract and left out: 2 hours x 3000.00/30 = 200.00 USD, the explanation saying so")
    void oneTimeFeeOfTheCycleLeftOut() throws Exception {
        String account = unique("fees");
        String instance = account + "-prod";
        contract(account, "infostretch", "Maintenance", "3000.00", "MONTHLY", List.of(new ContractChanged.Fee("setup",
                new BigDecimal("600.00"), LocalDate.parse("2030-11-15"))), instance);
        assertThat(ServiceDatabase.count("select count(*) from contract_one_time_fees where account_id = '" + account
                + "' and amount = 600.00 and charged_on = '2030-11-15'")).isEqualTo(1);
        TestClock.set(Instant.parse("2030-12-02T12:00:00Z"));
        arrive(closed(account, instance, "infostretch", "Maintenance", "2030-11", 1, "2030-11-14T10:00:00Z",
                "2030-11-14T11:05:00Z"));
        await().atMost(WAIT).until(() -> decisions(account) == 1);
        assertThat(ServiceDatabase.count("select count(*) from credit_decisions where account_id = '" + account
                + "' and amount = 200.00")).isEqualTo(1);
        assertThat(explanation(account)).contains("3000.00 / 30 days",
                "one-time fees excluded, credits.oneTimeFeesExcluded: true: 600.00 USD charged in the cycle left out");
    }

    @Test
    @DisplayName("QNT-CRD-3 credits.issue.withinBillingCycles: 1: a Quantive credit confirmed in May 2033 (monthly) is not overdue on 3 June nor on 30 June 23:59:59, is in credit_settlements_overdue from 1 July 00:00, and the ledger states the policy's terms")
    void quantiveDeadlineFromThePolicy() throws Exception {
        String account = unique("qnt-due");
        contract(account, "quantive", "Enterprise", "1000.00", "MONTHLY", account + "-prod");
        // A turn in May 2033 settles whatever earlier months other tests left pending.
        TestClock.set(Instant.parse("2033-05-20T12:00:00Z"));
        assertThat(schedule.settleDue().await().atMost(WAIT).ran()).isTrue();
        try (Connection c = ServiceDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("insert into credit_decisions (decision_id, account_id, instance_id, month, source_version, kind, "
                    + "amount, currency, rule, explanation, claim_id, confirmed_month, state) values (gen_random_uuid(), '"
                    + account + "', null, '2033-04', 1, 'CREDIT', 100.00, 'USD', 'QNT-CRD-1', 'deadline test', null, "
                    + "'2033-05', 'PENDING')");
        }
        schedule.refresh().await().atMost(WAIT);
        TestClock.set(Instant.parse("2033-06-03T00:00:00Z"));
        assertThat(overdueMetric()).as("the platform's own due date (1 June + 1 day) is not Quantive's").isZero();
        TestClock.set(Instant.parse("2033-06-30T23:59:59Z"));
        assertThat(overdueMetric()).as("within one billing cycle after May").isZero();
        TestClock.set(Instant.parse("2033-07-01T00:00:00Z"));
        assertThat(overdueMetric()).as("June, the one cycle after May, is over").isEqualTo(1.0);

        assertThat(schedule.settleDue().await().atMost(WAIT).issued()).isGreaterThanOrEqualTo(1);
        assertThat(overdueMetric()).isZero();
        credits(TestTokens.admin(), account).statusCode(200).body("balance", equalTo(100.00f))
                .body("terms.withinBillingCycles", equalTo(1)).body("terms.onlyAgainstFuturePayments", equalTo(true))
                .body("terms.refundable", equalTo(false)).body("terms.transferable", equalTo(false))
                .body("use", containsString("the balance is applied only against future invoices "
                        + "(credits.issue.onlyAgainstFuturePayments: true); it is never refunded or paid out in cash "
                        + "(credits.issue.refundable: false); it is never transferred or applied to another account "
                        + "(credits.issue.transferable: false) (QNT-CRD-3)"));
    }
}
