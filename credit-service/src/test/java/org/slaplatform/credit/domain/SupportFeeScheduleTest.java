package org.slaplatform.credit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.policy.PolicyLoader;
import org.slaplatform.policy.SupportFees;

class SupportFeeScheduleTest {

    static final SupportFees BASIC = PolicyLoader.fromClasspath("infotecs").plan("Basic").orElseThrow().supportFees();

    @Test
    @DisplayName("ITC-CRD-8 licence 10000.00 USD: year 1 12 % = 1200.00, year 2 and year 5 20 % = 2000.00, major upgrade 30 % = 3000.00")
    void basicFees() {
        Money price = Money.of("10000.00", "USD");
        assertThat(SupportFeeSchedule.forYear(BASIC, price, 1).amount()).isEqualTo(Money.of("1200.00", "USD"));
        assertThat(SupportFeeSchedule.forYear(BASIC, price, 2).amount()).isEqualTo(Money.of("2000.00", "USD"));
        assertThat(SupportFeeSchedule.forYear(BASIC, price, 5).amount()).isEqualTo(Money.of("2000.00", "USD"));
        assertThat(SupportFeeSchedule.majorUpgrade(BASIC, price).amount()).isEqualTo(Money.of("3000.00", "USD"));
        assertThat(SupportFeeSchedule.forYear(BASIC, price, 1).explanation())
                .isEqualTo("contract year 1: 12 % of the licence price 10000.00 USD = 1200.00 USD (ITC-CRD-8)");
    }

    @Test
    @DisplayName("ITC-CRD-8 contract years count from the start: 2025-03-01..2026-02-28 is year 1, 2026-03-01 year 2")
    void contractYears() {
        LocalDate start = LocalDate.parse("2025-03-01");
        assertThat(SupportFeeSchedule.contractYear(start, LocalDate.parse("2026-02-28"))).isEqualTo(1);
        assertThat(SupportFeeSchedule.contractYear(start, LocalDate.parse("2026-03-01"))).isEqualTo(2);
    }

    @Test
    @DisplayName("ITC-CRD-8 12 % of 999.99 USD = 119.9988 -> 120.00 (HALF_EVEN once); a zero or negative price is refused")
    void roundingAndBadPrice() {
        assertThat(SupportFeeSchedule.forYear(BASIC, Money.of("999.99", "USD"), 1).amount())
                .isEqualTo(Money.of("120.00", "USD"));
        assertThatThrownBy(() -> SupportFeeSchedule.forYear(BASIC, Money.of("-1", "USD"), 1))
                .hasMessageContaining("must be positive");
    }
}
