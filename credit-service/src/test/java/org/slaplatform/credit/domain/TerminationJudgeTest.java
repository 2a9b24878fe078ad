package org.slaplatform.credit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.policy.PolicyLoader;
import org.slaplatform.policy.TerminationCondition;

class TerminationJudgeTest {

    static final List<TerminationCondition> IS = PolicyLoader.fromClasspath("infostretch").termination();

    static Optional<TerminationJudge.TerminationRight> judge(Map<String, String> months, String month) {
        Map<YearMonth, BigDecimal> m = new java.util.HashMap<>();
        months.forEach((k, v) -> m.put(YearMonth.parse(k), new BigDecimal(v)));
        return TerminationJudge.judge(IS, m, YearMonth.parse(month));
    }

    @Test
    @DisplayName("IS-CRD-5 one month at 97.99 % (below 98 %) grants termination")
    void oneMonthBelow98() {
        var right = judge(Map.of("2026-03", "97.99"), "2026-03").orElseThrow();
        assertThat(right.below()).isEqualByComparingTo("98");
        assertThat(right.monthsBelow()).containsExactly(YearMonth.parse("2026-03"));
        assertThat(right.explanation()).contains("2026-03 at 97.99 %", "below 98 %", "IS-CRD-5");
    }

    @Test
    @DisplayName("IS-CRD-5 one month at exactly 98.00 % and one at 98.50 % alone grant nothing")
    void oneMonthAt98() {
        assertThat(judge(Map.of("2026-03", "98.00"), "2026-03")).isEmpty();
        assertThat(judge(Map.of("2026-03", "98.50"), "2026-03")).isEmpty();
    }

    @Test
    @DisplayName("IS-CRD-5 98.50 % in January and 98.70 % in April (rolling four Jan..Apr) grant termination")
    void twoMonthsBelow99InFour() {
        var right = judge(Map.of("2026-01", "98.50", "2026-02", "99.95", "2026-03", "99.95", "2026-04", "98.70"),
                "2026-04").orElseThrow();
        assertThat(right.below()).isEqualByComparingTo("99");
        assertThat(right.monthsBelow()).containsExactly(YearMonth.parse("2026-01"), YearMonth.parse("2026-04"));
        assertThat(right.windowStart()).isEqualTo(YearMonth.parse("2026-01"));
        assertThat(right.key()).isEqualTo("99/2/4:2026-01,2026-04");
    }

    @Test
    @DisplayName("IS-CRD-5 98.50 % in January and 98.70 % in May are five months apart: no termination")
    void twoMonthsBelow99TooFarApart() {
        assertThat(judge(Map.of("2026-01", "98.50", "2026-05", "98.70"), "2026-05")).isEmpty();
    }

    @Test
    @DisplayName("IS-CRD-5 a year boundary: 98.90 % in November 2025 and 98.90 % in February 2026 are within four months")
    void acrossTheYear() {
        assertThat(judge(Map.of("2025-11", "98.90", "2026-02", "98.90"), "2026-02")).isPresent();
    }
}
