package org.slaplatform.credit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyLoader;

class CreditCalculatorTest {

    static final Policy QUANTIVE = PolicyLoader.fromClasspath("quantive");
    static final Policy INFOSTRETCH = PolicyLoader.fromClasspath("infostretch");
    static final AccountCharges USD_1000 = AccountCharges.of("1000.00", "USD", BillingCycle.MONTHLY);

    static MonthlyAvailability month(String plan, String yearMonth, String uptime, long unavailable) {
        long total = YearMonth.parse(yearMonth).lengthOfMonth() * 1440L;
        return new MonthlyAvailability("i-1", "acme", yearMonth, "UTC", 1, "quantive", 1, plan, null,
                new BigDecimal(uptime), total, unavailable, 30, Map.of("planned-maintenance", 30L), false,
                Instant.parse("2026-07-02T00:00:00Z"));
    }

    static Money credit(Policy policy, MonthlyAvailability m, AccountCharges charges) {
        return CreditCalculator.decide(policy, m, charges).amount();
    }

    @Test
    @DisplayName("QNT-CRD-1 Enterprise (99.95 %) at 99.94 % earns 10 % of 1000.00 USD = 100.00 USD")
    void enterpriseJustBelowCommitment() {
        CreditDecision d = CreditCalculator.decide(QUANTIVE, month("Enterprise", "2026-06", "99.94", 26), USD_1000);
        assertThat(d.amount()).isEqualTo(Money.of("100.00", "USD"));
        assertThat(d.explanation().tierPercent()).isEqualByComparingTo("10");
        assertThat(d.explanation().commitment()).isEqualByComparingTo("99.95");
        assertThat(d.explanation().rule()).isEqualTo("QNT-CRD-1");
        assertThat(d.explanation().text()).contains("43200 minutes", "26 Unavailable", "30 excluded",
                "planned-maintenance 30", "99.94 %", "10 % of 1000.00 USD", "= 100.00 USD");
    }

    @Test
    @DisplayName("QNT-CRD-1 Enterprise at exactly 99.95 % meets the commitment: no credit")
    void enterpriseAtCommitment() {
        CreditDecision d = CreditCalculator.decide(QUANTIVE, month("Enterprise", "2026-06", "99.95", 21), USD_1000);
        assertThat(d.earnsCredit()).isFalse();
        assertThat(d.explanation().rule()).isEqualTo("NONE");
        assertThat(d.explanation().text()).contains("commitment 99.95 % met");
    }

    @Test
    @DisplayName("QNT-CRD-1 at exactly 97.00 % still 10 % (100.00 USD); at 96.99 % 20 % (200.00 USD)")
    void boundaryOf97() {
        assertThat(credit(QUANTIVE, month("Enterprise", "2026-06", "97.00", 1296), USD_1000))
                .isEqualTo(Money.of("100.00", "USD"));
        assertThat(credit(QUANTIVE, month("Enterprise", "2026-06", "96.99", 1300), USD_1000))
                .isEqualTo(Money.of("200.00", "USD"));
    }

    @Test
    @DisplayName("QNT-CRD-1 at exactly 96.00 % 20 %; at 95.99 % and at 0 % 30 % (300.00 USD)")
    void boundaryOf96() {
        assertThat(credit(QUANTIVE, month("Enterprise", "2026-06", "96.00", 1728), USD_1000))
                .isEqualTo(Money.of("200.00", "USD"));
        assertThat(credit(QUANTIVE, month("Enterprise", "2026-06", "95.99", 1729), USD_1000))
                .isEqualTo(Money.of("300.00", "USD"));
        assertThat(credit(QUANTIVE, month("Enterprise", "2026-06", "0", 43200), USD_1000))
                .isEqualTo(Money.of("300.00", "USD"));
    }

    @Test
    @DisplayName("QNT-CRD-1 other plans (99.9 %): 99.90 % no credit, 99.94 % no credit, 99.89 % 10 %")
    void otherPlans() {
        assertThat(credit(QUANTIVE, month("Growth", "2026-06", "99.90", 43), USD_1000).isZero()).isTrue();
        assertThat(credit(QUANTIVE, month("Growth", "2026-06", "99.94", 26), USD_1000).isZero()).isTrue();
        assertThat(credit(QUANTIVE, month("Growth", "2026-06", "99.89", 48), USD_1000))
                .isEqualTo(Money.of("100.00", "USD"));
    }

    @Test
    @DisplayName("QNT-CRD-1 quarterly billing: a bad month earns 10 % of its part of the cycle's charges, 3000.00 / 3 months = 1000.00 -> 100.00 USD, never 10 % of the whole 3000.00")
    void quarterlyCycle() {
        CreditDecision d = CreditCalculator.decide(QUANTIVE, month("Enterprise", "2026-06", "99.94", 26),
                AccountCharges.of("1000.00", "USD", BillingCycle.QUARTERLY));
        assertThat(d.amount()).isEqualTo(Money.of("100.00", "USD"));
        assertThat(d.explanation().basis()).isEqualByComparingTo("1000.00");
        assertThat(d.explanation().text()).contains("10 % of 1000.00 USD, the month's part of the quarterly cycle's "
                + "3000.00 USD recurring charges (/ 3 months)", "= 100.00 USD");
    }

    @Test
    @DisplayName("QNT-CRD-1 annual billing: each bad month at 95 % earns 30 % of 12000.00 / 12 = 300.00 USD, twelve bad months 3600.00, never 30 % of 12000.00 per month")
    void annualCycle() {
        AccountCharges annual = AccountCharges.of("1000.00", "USD", BillingCycle.ANNUAL);
        Money total = Money.zero(annual.currency());
        for (int m = 1; m <= 12; m++) {
            YearMonth ym = YearMonth.of(2026, m);
            total = total.plus(credit(QUANTIVE, month("Enterprise", ym.toString(), "95.00", ym.lengthOfMonth() * 72L),
                    annual));
        }
        assertThat(total).isEqualTo(Money.of("3600.00", "USD"));
    }

    @Test
    @DisplayName("IS-CRD-4 cap: 40 hours down in July earn 40 days' worth of 3100.00/31 = 4000.00, capped at the month's 3100.00 USD of fees")
    void infostretchCappedAtTheMonth() {
        CreditDecision d = CreditCalculator.decide(INFOSTRETCH, month("Maintenance", "2026-07", "94.6236", 2400),
                AccountCharges.of("3100.00", "USD", BillingCycle.MONTHLY));
        assertThat(d.amount()).isEqualTo(Money.of("3100.00", "USD"));
        assertThat(d.explanation().text()).contains("40 hour(s)", "capped at the month's 3100.00 USD of fees");
    }

    @Test
    @DisplayName("CRD-6 one rounding, HALF_EVEN: 10 % of 333.33 = 33.333 -> 33.33; of 0.25 = 0.025 -> 0.02; of 1225 JPY = 122.5 -> 122")
    void roundingHalfEvenOnce() {
        MonthlyAvailability m = month("Enterprise", "2026-06", "99.94", 26);
        assertThat(credit(QUANTIVE, m, AccountCharges.of("333.33", "USD", BillingCycle.MONTHLY)))
                .isEqualTo(Money.of("33.33", "USD"));
        assertThat(credit(QUANTIVE, m, AccountCharges.of("0.25", "USD", BillingCycle.MONTHLY)))
                .isEqualTo(Money.of("0.02", "USD"));
        assertThat(credit(QUANTIVE, m, AccountCharges.of("1225", "JPY", BillingCycle.MONTHLY)))
                .isEqualTo(Money.of("122", "JPY"));
        CreditDecision d = CreditCalculator.decide(QUANTIVE, m, AccountCharges.of("333.33", "USD", BillingCycle.MONTHLY));
        assertThat(d.explanation().unrounded()).isEqualByComparingTo("33.333");
        assertThat(d.explanation().rounding()).isEqualTo("HALF_EVEN to 2 decimals (policy rounding scale 2, USD minor unit 2), once, on the final amount");
    }

    @Test
    @DisplayName("IS-CRD-4 99.85 % in June (30 days, 43200 min): 65 Unavailable minutes = 2 hours (1 h + a fraction) x 3000.00/30 = 200.00 USD")
    void infostretchPerHourThirtyDayMonth() {
        CreditDecision d = CreditCalculator.decide(INFOSTRETCH, month("Maintenance", "2026-06", "99.8495", 65),
                AccountCharges.of("3000.00", "USD", BillingCycle.MONTHLY));
        assertThat(d.amount()).isEqualTo(Money.of("200.00", "USD"));
        assertThat(d.explanation().creditedHours()).isEqualTo(2);
        assertThat(d.explanation().dayWorth()).isEqualByComparingTo("100");
        assertThat(d.explanation().rule()).isEqualTo("IS-CRD-4");
        assertThat(d.explanation().text()).contains("3000.00 / 30 days", "2 hour(s)", "= 200.00 USD");
    }

    @Test
    @DisplayName("IS-CRD-4 44 minutes (99.8981 %) is a fraction of an hour: one day's worth, 1000.00/30 = 33.33 USD; 43 minutes (99.9004 %) meets 99.9 %: none")
    void infostretchFractionOfAnHour() {
        assertThat(credit(INFOSTRETCH, month("Maintenance", "2026-06", "99.8981", 44), USD_1000))
                .isEqualTo(Money.of("33.33", "USD"));
        assertThat(credit(INFOSTRETCH, month("Maintenance", "2026-06", "99.9004", 43), USD_1000).isZero()).isTrue();
    }

    @Test
    @DisplayName("IS-CRD-4 July (31 days): 120 minutes = 2 hours x 3100.00/31 = 200.00 USD; 3 hours of 1000.00/31 = 96.774.. -> 96.77 USD rounded once")
    void infostretchThirtyOneDayMonth() {
        assertThat(credit(INFOSTRETCH, month("Maintenance", "2026-07", "99.7311", 120),
                AccountCharges.of("3100.00", "USD", BillingCycle.MONTHLY))).isEqualTo(Money.of("200.00", "USD"));
        assertThat(credit(INFOSTRETCH, month("Maintenance", "2026-07", "99.5968", 180), USD_1000))
                .isEqualTo(Money.of("96.77", "USD"));
    }

    /** A copy of a shipped policy with one line changed: the test shows the key decides. */
    static Policy edited(String name, String line, String replacement) {
        try (var in = CreditCalculatorTest.class.getResourceAsStream("/policies/" + name + ".yaml")) {
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(yaml).contains(line);
            return PolicyLoader.fromString(yaml.replace(line, replacement));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("CRD-6 the rounding scale is the policy's credits.rounding.scale: 10 % of 333.33 = 33.333 -> 33.33 at scale 2, 33.00 USD at scale 0, 122 JPY at scale 2 (never finer than the yen)")
    void roundingScaleFromThePolicy() {
        MonthlyAvailability m = month("Enterprise", "2026-06", "99.94", 26);
        Policy wholeUnits = edited("quantive", "  rounding:\n    scale: 2", "  rounding:\n    scale: 0");
        CreditDecision d = CreditCalculator.decide(wholeUnits, m, AccountCharges.of("333.33", "USD", BillingCycle.MONTHLY));
        assertThat(d.amount()).isEqualTo(Money.of("33.00", "USD"));
        assertThat(d.explanation().unrounded()).isEqualByComparingTo("33.333");
        assertThat(d.explanation().rounding()).isEqualTo("HALF_EVEN to 0 decimals (policy rounding scale 0, USD minor unit 2), once, on the final amount");
        assertThat(credit(wholeUnits, m, AccountCharges.of("1255.00", "USD", BillingCycle.MONTHLY)))
                .as("125.5 -> 126 HALF_EVEN at scale 0").isEqualTo(Money.of("126.00", "USD"));
        assertThat(credit(QUANTIVE, m, AccountCharges.of("1255.00", "USD", BillingCycle.MONTHLY)))
                .isEqualTo(Money.of("125.50", "USD"));
        CreditDecision yen = CreditCalculator.decide(QUANTIVE, m, AccountCharges.of("1225", "JPY", BillingCycle.MONTHLY));
        assertThat(yen.explanation().rounding()).isEqualTo("HALF_EVEN to 0 decimals (policy rounding scale 2, at most the JPY minor unit 0), once, on the final amount");
        Policy upOneDecimal = edited("quantive", "    scale: 2\n    mode: half-even", "    scale: 1\n    mode: half-up");
        assertThat(credit(upOneDecimal, m, AccountCharges.of("333.33", "USD", BillingCycle.MONTHLY)))
                .as("33.333 -> 33.3 at scale 1").isEqualTo(Money.of("33.30", "USD"));
    }

    static final AccountCharges WITH_SETUP_FEE = AccountCharges.of("1000.00", "USD", BillingCycle.MONTHLY)
            .withOneTimeFees(java.util.List.of(
                    new AccountCharges.OneTimeFee(new BigDecimal("500.00"), java.time.LocalDate.parse("2026-06-03")),
                    new AccountCharges.OneTimeFee(new BigDecimal("900.00"), java.time.LocalDate.parse("2026-05-31"))));

    @Test
    @DisplayName("QNT-CRD-1 one-time payments excluded (credits.oneTimeFeesExcluded: true): a June with a 500.00 setup fee earns 10 % of 1000.00 = 100.00 USD; a policy copy with false earns 10 % of 1500.00 = 150.00 USD")
    void oneTimeFeesExcludedByThePolicy() {
        MonthlyAvailability june = month("Enterprise", "2026-06", "99.94", 26);
        CreditDecision excluded = CreditCalculator.decide(QUANTIVE, june, WITH_SETUP_FEE);
        assertThat(excluded.amount()).isEqualTo(Money.of("100.00", "USD"));
        assertThat(excluded.explanation().basis()).isEqualByComparingTo("1000.00");
        assertThat(excluded.explanation().text()).contains("10 % of 1000.00 USD recurring charges of the monthly cycle "
                + "(one-time fees excluded, credits.oneTimeFeesExcluded: true: 500.00 USD charged in the cycle left out)");

        Policy included = edited("quantive", "oneTimeFeesExcluded: true", "oneTimeFeesExcluded: false");
        CreditDecision counted = CreditCalculator.decide(included, june, WITH_SETUP_FEE);
        assertThat(counted.amount()).as("May's 900.00 fee is another cycle's").isEqualTo(Money.of("150.00", "USD"));
        assertThat(counted.explanation().basis()).isEqualByComparingTo("1500.00");
        assertThat(counted.explanation().text()).contains("+ 500.00 USD one-time fees",
                "(one-time fees included, credits.oneTimeFeesExcluded: false)");
    }

    @Test
    @DisplayName("IS-CRD-4 one day's worth of fees excludes one-time fees (credits.oneTimeFeesExcluded: true): 2 hours of 3000.00/30 = 200.00 USD; with false, of (3000.00 + 600.00)/30 = 240.00 USD")
    void oneTimeFeesExcludedFromTheDaysWorth() {
        MonthlyAvailability june = month("Maintenance", "2026-06", "99.8495", 65);
        AccountCharges charges = AccountCharges.of("3000.00", "USD", BillingCycle.MONTHLY).withOneTimeFees(java.util.List.of(
                new AccountCharges.OneTimeFee(new BigDecimal("600.00"), java.time.LocalDate.parse("2026-06-15"))));
        assertThat(credit(INFOSTRETCH, june, charges)).isEqualTo(Money.of("200.00", "USD"));
        Policy included = edited("infostretch", "oneTimeFeesExcluded: true", "oneTimeFeesExcluded: false");
        CreditDecision counted = CreditCalculator.decide(included, june, charges);
        assertThat(counted.amount()).isEqualTo(Money.of("240.00", "USD"));
        assertThat(counted.explanation().text()).contains("3600.00 / 30 days", "credits.oneTimeFeesExcluded: false");
    }
}
