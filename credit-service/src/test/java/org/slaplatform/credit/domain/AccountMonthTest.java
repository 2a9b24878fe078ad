package org.slaplatform.credit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.events.availability.MonthlyAvailability.UnavailableInterval;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyLoader;

/** March 2026 has 31 x 1440 = 44,640 minutes. */
class AccountMonthTest {

    static final Policy QUANTIVE = PolicyLoader.fromClasspath("quantive");
    static final AccountCharges USD_1000 = AccountCharges.of("1000.00", "USD", BillingCycle.MONTHLY);

    static UnavailableInterval counted(String from, String to) {
        return new UnavailableInterval(Instant.parse(from), Instant.parse(to), "PROBES", null, false, null);
    }

    static UnavailableInterval excluded(String from, String to) {
        return new UnavailableInterval(Instant.parse(from), Instant.parse(to), "PROBES", null, true, "PLANNED_MAINTENANCE");
    }

    static MonthlyAvailability march(String instance, String uptime, long unavailable, long excluded,
            List<UnavailableInterval> intervals) {
        return new MonthlyAvailability(instance, "acme", "2026-03", "UTC", 1, "quantive", 1, "Enterprise",
                new BigDecimal("99.95"), new BigDecimal(uptime), 44_640, unavailable, excluded,
                excluded == 0 ? Map.of() : Map.of("PLANNED_MAINTENANCE", excluded), false,
                Instant.parse("2026-04-03T00:00:00Z"), intervals);
    }

    @Test
    @DisplayName("QNT-CRD-1 two instances each 30 minutes down in March at different times: the account is Unavailable 60 minutes, 99.8655 %, one credit of 10 % of 1000.00 = 100.00 USD, not two")
    void twoInstancesOneCredit() {
        AccountMonth month = AccountMonth.of(List.of(
                march("db-1", "99.9327", 30, 0, List.of(counted("2026-03-10T10:00:00Z", "2026-03-10T10:30:00Z"))),
                march("db-2", "99.9327", 30, 0, List.of(counted("2026-03-20T10:00:00Z", "2026-03-20T10:30:00Z")))), 2);
        assertThat(month.unavailableMinutes()).isEqualTo(60);
        assertThat(month.uptimePercent()).isEqualByComparingTo("99.8655");
        CreditDecision d = CreditCalculator.decide(QUANTIVE, month, USD_1000);
        assertThat(d.amount()).isEqualTo(Money.of("100.00", "USD"));
        assertThat(d.sourceVersion()).isEqualTo(2);
        assertThat(d.explanation().text()).contains("account uptime 99.8655 %", "any of its 2 instances",
                "db-1 v1, db-2 v1", "10 % of 1000.00 USD", "= 100.00 USD");
    }

    @Test
    @DisplayName("QNT-CRD-1 the same 30 minutes down on two instances count once for the account; a minute excluded on one instance but counted on the other counts")
    void overlapsCountOnce() {
        AccountMonth month = AccountMonth.of(List.of(
                march("db-1", "99.9327", 30, 0, List.of(counted("2026-03-10T10:00:00Z", "2026-03-10T10:30:00Z"))),
                march("db-2", "99.9775", 10, 30, List.of(excluded("2026-03-10T10:00:00Z", "2026-03-10T10:30:00Z"),
                        counted("2026-03-10T10:30:00Z", "2026-03-10T10:40:00Z")))), 2);
        assertThat(month.unavailableMinutes()).isEqualTo(40);
        assertThat(month.excludedMinutes()).isZero();
        assertThat(month.excludedByCause()).isEmpty();
        AccountMonth apart = AccountMonth.of(List.of(
                march("db-1", "99.9327", 30, 0, List.of(counted("2026-03-10T10:00:00Z", "2026-03-10T10:30:00Z"))),
                march("db-2", "100.0000", 0, 30, List.of(excluded("2026-03-11T01:00:00Z", "2026-03-11T01:30:00Z")))), 2);
        assertThat(apart.unavailableMinutes()).isEqualTo(30);
        assertThat(apart.excludedMinutes()).isEqualTo(30);
        assertThat(apart.excludedByCause()).containsEntry("PLANNED_MAINTENANCE", 30L);
    }

    @Test
    @DisplayName("QNT-CRD-1 N instances never exceed the cap: 50 instances each down 3 days earn one credit of 30 % of 1000.00 = 300.00 USD, at most the month's charges")
    void manyInstancesOneCappedCredit() {
        List<MonthlyAvailability> months = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String day = String.format("2026-03-%02d", 1 + (i % 28));
            months.add(march("db-" + i, "90.3225", 4320, 0, List.of(counted(day + "T00:00:00Z",
                    Instant.parse(day + "T00:00:00Z").plusSeconds(3 * 86_400).toString()))));
        }
        AccountMonth month = AccountMonth.of(months, 50);
        assertThat(month.unavailableMinutes()).isLessThanOrEqualTo(month.totalMinutes());
        CreditDecision d = CreditCalculator.decide(QUANTIVE, month, USD_1000);
        assertThat(d.amount()).isEqualTo(Money.of("300.00", "USD"));
        assertThat(d.amount().amount()).isLessThanOrEqualTo(USD_1000.monthPart());
    }

    @Test
    @DisplayName("QNT-CRD-1 an instance month without intervals: the instances' minutes are added up (overlap unknown), capped at the month, and the explanation says so")
    void withoutIntervalsMinutesAreAdded() {
        AccountMonth month = AccountMonth.of(List.of(march("db-1", "99.9327", 30, 0, List.of()),
                march("db-2", "99.9327", 30, 0, List.of(counted("2026-03-10T10:00:00Z", "2026-03-10T10:30:00Z")))), 2);
        assertThat(month.unavailableMinutes()).isEqualTo(60);
        assertThat(month.reading()).contains("added up", "db-1 carries no Unavailable intervals");
    }

    @Test
    @DisplayName("QNT-CRD-1 one instance: its month as published, uptime and all")
    void oneInstanceAsPublished() {
        AccountMonth month = AccountMonth.of(List.of(march("db-1", "99.94", 26, 0, List.of())), 3);
        assertThat(month.uptimePercent()).isEqualByComparingTo("99.94");
        assertThat(month.revision()).isEqualTo(3);
        assertThat(month.combined()).isFalse();
    }
}
