package org.slaplatform.availability.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.availability.domain.UptimeCalculator.ExcludedSpan;
import org.slaplatform.availability.domain.UptimeCalculator.Inputs;
import org.slaplatform.availability.domain.UptimeCalculator.OutageSpan;
import org.slaplatform.policy.Exclusion;
import org.slaplatform.policy.calendar.InstantRange;

/** QNT-AVL-2 minute arithmetic, without infrastructure. */
class UptimeCalculatorTest {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

    private static InstantRange range(String from, String to) {
        return new InstantRange(Instant.parse(from), Instant.parse(to));
    }

    @Test
    @DisplayName("QNT-AVL-2 overlapping outages and probe minutes count once; a partly touched minute counts")
    void overlapsCountOnce() {
        MonthlyUptime u = UptimeCalculator.compute(FROM, TO, new Inputs(
                List.of(Instant.parse("2026-11-02T10:05:00Z"), Instant.parse("2026-11-02T10:30:00Z")),
                List.of(new OutageSpan(range("2026-11-02T10:00:00Z", "2026-11-02T10:20:00Z"), null),
                        new OutageSpan(range("2026-11-02T10:10:00Z", "2026-11-02T10:29:30Z"), null)),
                List.of()));
        assertThat(u.totalMinutes()).isEqualTo(43_200);
        assertThat(u.unavailableMinutes()).isEqualTo(31); // 10:00-10:30 (the 10:29 minute touched) + 10:30
        assertThat(u.explanation()).singleElement().satisfies(run -> {
            assertThat(run.from()).isEqualTo(Instant.parse("2026-11-02T10:00:00Z"));
            assertThat(run.to()).isEqualTo(Instant.parse("2026-11-02T10:31:00Z"));
        });
        // (43,200 - 31) * 100 / 43,200 = 99.92824..., rounded down
        assertThat(u.uptimePercent()).isEqualByComparingTo(new BigDecimal("99.9282"));
    }

    @Test
    @DisplayName("AVL-3 an exclusion removes only whole minutes, never one an outage of ours touches")
    void exclusionsAreWholeMinutesAndYieldToOurs() {
        MonthlyUptime u = UptimeCalculator.compute(FROM, TO, new Inputs(List.of(),
                List.of(new OutageSpan(range("2026-11-03T06:00:00Z", "2026-11-03T07:00:00Z"), Exclusion.Kind.FORCE_MAJEURE),
                        new OutageSpan(range("2026-11-03T06:50:00Z", "2026-11-03T07:10:00Z"), null)),
                List.of(new ExcludedSpan(range("2026-11-03T05:59:30Z", "2026-11-03T06:05:00Z"),
                        Exclusion.Kind.PLANNED_MAINTENANCE))));
        assertThat(u.unavailableMinutes()).isEqualTo(20); // 06:50-07:10 is ours
        assertThat(u.excludedMinutes()).isEqualTo(50);
        assertThat(u.excludedByCause()).containsEntry("PLANNED_MAINTENANCE", 5L).containsEntry("FORCE_MAJEURE", 45L);
        assertThat(u.explanation()).extracting(MonthlyUptime.Run::cause, MonthlyUptime.Run::minutes).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PLANNED_MAINTENANCE", 5L),
                org.assertj.core.groups.Tuple.tuple("FORCE_MAJEURE", 45L),
                org.assertj.core.groups.Tuple.tuple("UNAVAILABLE", 20L));
    }

    @Test
    @DisplayName("QNT-CRD-2 intervals split runs by source, cause and fate and add up to 20 counted + 50 excluded minutes")
    void intervalsBySourceCauseAndFate() {
        MonthlyUptime u = UptimeCalculator.compute(FROM, TO, new Inputs(
                List.of(Instant.parse("2026-11-03T06:49:00Z"), Instant.parse("2026-11-03T06:50:00Z")),
                List.of(new OutageSpan(range("2026-11-03T06:00:00Z", "2026-11-03T07:00:00Z"), Exclusion.Kind.FORCE_MAJEURE,
                        "FORCE_MAJEURE"),
                        new OutageSpan(range("2026-11-03T06:50:00Z", "2026-11-03T07:10:00Z"), null, "OURS")),
                List.of(new ExcludedSpan(range("2026-11-03T05:59:30Z", "2026-11-03T06:05:00Z"),
                        Exclusion.Kind.PLANNED_MAINTENANCE))));
        assertThat(u.intervals()).extracting(i -> i.start().toString(), i -> i.end().toString(), i -> i.source(),
                i -> i.cause(), i -> i.excluded(), i -> i.exclusion()).containsExactly(
                org.assertj.core.groups.Tuple.tuple("2026-11-03T06:00:00Z", "2026-11-03T06:05:00Z", "OUTAGE", "FORCE_MAJEURE",
                        true, "PLANNED_MAINTENANCE"),
                org.assertj.core.groups.Tuple.tuple("2026-11-03T06:05:00Z", "2026-11-03T06:49:00Z", "OUTAGE", "FORCE_MAJEURE",
                        true, "FORCE_MAJEURE"),
                org.assertj.core.groups.Tuple.tuple("2026-11-03T06:49:00Z", "2026-11-03T06:50:00Z", "PROBES_AND_OUTAGE",
                        "FORCE_MAJEURE", true, "FORCE_MAJEURE"),
                // from 06:50 ours touches the minutes: counted, blamed on ours
                org.assertj.core.groups.Tuple.tuple("2026-11-03T06:50:00Z", "2026-11-03T06:51:00Z", "PROBES_AND_OUTAGE", "OURS",
                        false, null),
                org.assertj.core.groups.Tuple.tuple("2026-11-03T06:51:00Z", "2026-11-03T07:10:00Z", "OUTAGE", "OURS", false, null));
        assertThat(u.intervals().stream().mapToLong(i -> i.minutes()).sum())
                .isEqualTo(u.unavailableMinutes() + u.excludedMinutes()).isEqualTo(70);
        assertThat(UptimeCalculator.compute(FROM, TO, new Inputs(List.of(), List.of(), List.of())).intervals()).isEmpty();
    }

    @Test
    @DisplayName("QNT-AVL-2 a month without Unavailable minutes is 100.0000 %")
    void cleanMonth() {
        MonthlyUptime u = UptimeCalculator.compute(FROM, TO, new Inputs(List.of(), List.of(), List.of()));
        assertThat(u.uptimePercent()).isEqualByComparingTo("100");
        assertThat(u.explanation()).isEmpty();
    }
}
