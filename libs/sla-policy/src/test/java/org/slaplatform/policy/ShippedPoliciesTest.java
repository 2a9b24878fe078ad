package org.slaplatform.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.policy.calendar.BusinessDayReading;

/** The four seed policies load, validate and answer as their documents read. */
class ShippedPoliciesTest {

    private final Policy is = PolicyLoader.fromClasspath("infostretch");
    private final Policy inf = PolicyLoader.fromClasspath("inflectra");
    private final Policy itc = PolicyLoader.fromClasspath("infotecs");
    private final Policy qnt = PolicyLoader.fromClasspath("quantive");

    @Test
    @DisplayName("POL-1 the catalog lists the four shipped policies and each loads")
    void catalogLoadsAll() {
        assertThat(PolicyCatalog.names()).containsExactly("infostretch", "inflectra", "infotecs", "quantive");
        assertThat(PolicyCatalog.loadAll()).hasSize(4).allSatisfy((name, p) -> {
            assertThat(p.id()).isEqualTo(name);
            assertThat(p.version()).isEqualTo(1);
        });
    }

    @Test
    @DisplayName("IS-SLA-1 targets per severity, on the calendars CAL-1 and CAL-3 name")
    void isTargets() {
        assertThat(is.target("sev1", TargetKind.FIRST_RESPONSE)).get()
                .satisfies(t -> {
                    assertThat(t.within().businessTime()).isEqualTo(Duration.ofHours(2));
                    assertThat(t.calendar()).isEqualTo("standard");
                });
        assertThat(is.target("sev1", TargetKind.WORKAROUND)).get().extracting(Target::calendar).isEqualTo("around-the-clock");
        assertThat(is.target("Severity 2", TargetKind.FIRST_RESPONSE)).get()
                .extracting(t -> t.within().businessTime()).isEqualTo(Duration.ofHours(4));
        assertThat(is.target("sev2", TargetKind.WORKAROUND)).get().extracting(t -> t.within().businessDays()).isEqualTo(2);
        assertThat(is.target("sev3", TargetKind.FIRST_RESPONSE)).get()
                .satisfies(t -> {
                    assertThat(t.within().businessDays()).isEqualTo(1);
                    assertThat(t.reading()).isEqualTo(BusinessDayReading.SAME_CLOCK_TIME);
                });
        assertThat(is.target("sev3", TargetKind.WORKAROUND)).get().extracting(t -> t.within().businessDays()).isEqualTo(5);
        assertThat(is.target("sev4", TargetKind.FIRST_RESPONSE)).isPresent();
        assertThat(is.target("sev4", TargetKind.WORKAROUND)).isEmpty();
        assertThat(is.target("Urgent", TargetKind.RESOLUTION)).isEmpty();
    }

    @Test
    @DisplayName("IS-SLA-3 only the workaround clock pauses while support waits on the licensee")
    void isPauses() {
        assertThat(is.pauses(TargetKind.WORKAROUND, TicketState.WAITING_ON_CUSTOMER)).isTrue();
        assertThat(is.pauses(TargetKind.FIRST_RESPONSE, TicketState.WAITING_ON_CUSTOMER)).isFalse();
        assertThat(is.pausingStates(TargetKind.WORKAROUND)).containsExactly(TicketState.WAITING_ON_CUSTOMER);
    }

    @Test
    @DisplayName("SLA-5 warnings at 50/75/90 and INF-TKT-7 escalation support, account manager, executive")
    void warningsAndEscalation() {
        assertThat(is.warningThresholds()).containsExactly(50, 75, 90);
        assertThat(inf.escalation()).extracting(EscalationStep::level).containsExactly(EscalationStep.Level.SUPPORT,
                EscalationStep.Level.ACCOUNT_MANAGER, EscalationStep.Level.EXECUTIVE);
    }

    @Test
    @DisplayName("QNT-CRD-1 tiers: below commitment >=97 10%, <97 >=96 20%, <96 30%, per plan commitment")
    void qntTiers() {
        assertThat(qnt.creditTierFor(new BigDecimal("99.95"), "Enterprise")).isEmpty();
        assertThat(qnt.creditTierFor(new BigDecimal("99.94"), "Enterprise")).get().extracting(CreditTier::percent)
                .isEqualTo(new BigDecimal("10"));
        assertThat(qnt.creditTierFor(new BigDecimal("99.94"), "Team")).isEmpty();
        assertThat(qnt.creditTierFor(new BigDecimal("99.89"), "Team")).get().extracting(CreditTier::percent)
                .isEqualTo(new BigDecimal("10"));
        assertThat(qnt.creditTierFor(new BigDecimal("97"), "Team")).get().extracting(CreditTier::percent)
                .isEqualTo(new BigDecimal("10"));
        assertThat(qnt.creditTierFor(new BigDecimal("96.999"), "Team")).get().extracting(CreditTier::percent)
                .isEqualTo(new BigDecimal("20"));
        assertThat(qnt.creditTierFor(new BigDecimal("96"), "Team")).get().extracting(CreditTier::percent)
                .isEqualTo(new BigDecimal("20"));
        assertThat(qnt.creditTierFor(new BigDecimal("95.99"), "Enterprise")).get().extracting(CreditTier::percent)
                .isEqualTo(new BigDecimal("30"));
        assertThat(qnt.creditTierFor(BigDecimal.ZERO, "Enterprise")).get().extracting(CreditTier::percent)
                .isEqualTo(new BigDecimal("30"));
        assertThat(qnt.plan("enterprise")).get().extracting(Plan::uptimeCommitment).isEqualTo(new BigDecimal("99.95"));
        assertThat(qnt.plan("Starter")).get().extracting(Plan::uptimeCommitment).isEqualTo(new BigDecimal("99.9"));
        assertThat(qnt.credits()).get().satisfies(c -> {
            assertThat(c.oneTimeFeesExcluded()).isTrue();
            assertThat(c.issue().refundable()).isFalse();
            assertThat(c.issue().transferable()).isFalse();
        });
    }

    @Test
    @DisplayName("QNT-CRD-2 QNT-TKT-10 a claim's subject holds \"SLA Credit Request\", due by the end of the 2nd cycle")
    void qntClaims() {
        ClaimRules c = qnt.claims().orElseThrow();
        assertThat(c.isClaimSubject("Re: SLA Credit Request for March")).isTrue();
        assertThat(c.isClaimSubject("sla credit request")).isTrue();
        assertThat(c.isClaimSubject("Credit please")).isFalse();
        assertThat(c.mustInclude()).containsExactly(ClaimRules.Field.INCIDENT_TIMES, ClaimRules.Field.INSTANCE);
        assertThat(c.deadlineBillingCyclesAfterIncident()).isEqualTo(2);
    }

    @Test
    @DisplayName("IS-CRD-4 a day's worth of fees is the month's recurring fees over its days; each hour or part counts")
    void isPerHourCredit() {
        CreditScheme.PerHour perHour = is.credits().orElseThrow().perHour();
        assertThat(perHour.dayWorth(new BigDecimal("3000"), YearMonth.of(2025, 6))).isEqualByComparingTo("100");
        assertThat(perHour.dayWorth(new BigDecimal("3100"), YearMonth.of(2025, 7))).isEqualByComparingTo("100");
        Duration june = Duration.ofDays(30);
        assertThat(perHour.creditedHours(Duration.ofMinutes(61), june, new BigDecimal("99.9"))).isEqualTo(2);
        assertThat(perHour.creditedHours(Duration.ofHours(1), june, new BigDecimal("99.9"))).isEqualTo(1);
        assertThat(perHour.creditedHours(Duration.ZERO, june, new BigDecimal("99.9"))).isZero();
        CreditScheme.PerHour excess = new CreditScheme.PerHour(CreditScheme.PerHour.DayWorth.MONTHLY_RECURRING_OVER_DAYS_IN_MONTH,
                CreditScheme.PerHour.CountedHours.EXCESS_OVER_ALLOWANCE);
        // 0.1 % of 30 days = 43.2 minutes allowed
        assertThat(excess.creditedHours(Duration.ofMinutes(104), june, new BigDecimal("99.9"))).isEqualTo(2);
        assertThat(excess.creditedHours(Duration.ofMinutes(40), june, new BigDecimal("99.9"))).isZero();
    }

    @Test
    @DisplayName("IS-CRD-5 termination: below 98 % in any month, or below 99 % in 2 of a rolling 4 months")
    void isTermination() {
        assertThat(is.termination()).extracting(t -> t.below().intValue(), TerminationCondition::months,
                TerminationCondition::window).containsExactly(org.assertj.core.groups.Tuple.tuple(98, 1, 1),
                org.assertj.core.groups.Tuple.tuple(99, 2, 4));
    }

    @Test
    @DisplayName("ITC-TKT-6 ITC-CRD-8 Basic: 40 resolved tickets a year with rollover, chargeable beyond; fees 12/20/30 %")
    void itcBasic() {
        Plan basic = itc.plan("Basic").orElseThrow();
        assertThat(basic.ticketQuota()).isEqualTo(new TicketQuota(40, TicketQuota.Counts.RESOLVED, true,
                TicketQuota.Beyond.CHARGEABLE));
        assertThat(basic.supportFees().percentForYear(1)).isEqualByComparingTo("12");
        assertThat(basic.supportFees().percentForYear(2)).isEqualByComparingTo("20");
        assertThat(basic.supportFees().majorUpgradePercent()).isEqualByComparingTo("30");
        assertThat(basic.featureRequests()).isFalse();
        assertThat(itc.plan("Premium").orElseThrow().featureRequests()).isTrue();
        assertThat(itc.plan("Gold")).isEmpty();
    }

    @Test
    @DisplayName("ITC-LIFE-3 EOMS is the later of EOS + 1y and next major GA + 2y; EOL a year later, never before GA + 5y")
    void itcLifecycle() {
        VersionSupport.Lifecycle l = itc.entitlements().orElseThrow().versionSupport().lifecycle();
        LocalDate ga = LocalDate.of(2020, 1, 15);
        LocalDate eos = LocalDate.of(2023, 6, 1);
        VersionSupport.Milestones m = l.milestones(ga, eos, Optional.of(LocalDate.of(2023, 3, 1)));
        assertThat(m.eoms()).isEqualTo(LocalDate.of(2025, 3, 1));
        assertThat(m.eol()).isEqualTo(LocalDate.of(2026, 3, 1));
        VersionSupport.Milestones early = l.milestones(ga, LocalDate.of(2021, 1, 1), Optional.of(LocalDate.of(2020, 6, 1)));
        assertThat(early.eoms()).isEqualTo(LocalDate.of(2022, 6, 1));
        assertThat(early.eol()).isEqualTo(LocalDate.of(2025, 1, 15)); // ITC "at least 5 years"
        assertThat(l.milestones(ga, eos, Optional.empty()).provisional()).isTrue();
        assertThat(l.noticeLead()).isEqualTo(Period.ofMonths(6)); // ITC-LIFE-4
    }

    @Test
    @DisplayName("IS-LIFE-2 a major release is supported one year from delivery")
    void isVersionSupport() {
        VersionSupport v = is.entitlements().orElseThrow().versionSupport();
        assertThat(v.supportedUntil(LocalDate.of(2025, 3, 10))).contains(LocalDate.of(2026, 3, 10));
        assertThat(v.from()).isEqualTo(VersionSupport.From.DELIVERY);
        assertThat(v.scheme()).isEqualTo("major.minor.build.patch");
    }

    @Test
    @DisplayName("AVL-3 IS planned maintenance needs 48 h notice inside 00:00-03:00 Eastern; INF second Saturday 09:00-11:00 Eastern; who excludes what")
    void maintenanceWindows() {
        MaintenanceRules m = is.maintenance().orElseThrow();
        assertThat(m.notice()).isEqualTo(Duration.ofHours(48));
        assertThat(m.windows().get(0).occurrences(java.time.Instant.parse("2025-07-01T00:00:00Z"),
                java.time.Instant.parse("2025-07-02T00:00:00Z"))).first().satisfies(r -> {
                    assertThat(r.start()).isEqualTo(java.time.Instant.parse("2025-07-01T04:00:00Z"));
                    assertThat(r.end()).isEqualTo(java.time.Instant.parse("2025-07-01T07:00:00Z"));
                });
        MaintenanceWindow monthly = inf.maintenance().orElseThrow().windows().get(0);
        assertThat(monthly.occurrences(java.time.Instant.parse("2025-03-01T00:00:00Z"),
                java.time.Instant.parse("2025-04-01T00:00:00Z"))).containsExactly(new org.slaplatform.policy.calendar.InstantRange(
                        java.time.Instant.parse("2025-03-08T14:00:00Z"), java.time.Instant.parse("2025-03-08T16:00:00Z")));
        assertThat(is.excludes(Exclusion.Kind.EMERGENCY_MAINTENANCE)).isTrue();
        assertThat(m.emergencyNeedsJustification()).isTrue();
        assertThat(qnt.excludes(Exclusion.Kind.SUSPENSION)).isTrue();
        assertThat(inf.excludes(Exclusion.Kind.FORCE_MAJEURE)).isFalse();
    }

    @Test
    @DisplayName("IS-AVL-4 IS maintenance longer than 15 minutes inside a window is announced before it starts; 15 minutes or less need not be; moving the window needs 5 days")
    void isAnnouncementThresholdAndWindowChange() {
        MaintenanceRules m = is.maintenance().orElseThrow();
        assertThat(m.announceIfLongerThan()).isEqualTo(Duration.ofMinutes(15));
        assertThat(m.mustAnnounceBeforeStart(Duration.ofMinutes(16))).isTrue();
        assertThat(m.mustAnnounceBeforeStart(Duration.ofMinutes(15))).isFalse();
        assertThat(m.windowChangeNotice()).isEqualTo(Duration.ofDays(5));
        // INF states no threshold: all its maintenance is announced before it starts
        assertThat(inf.maintenance().orElseThrow().mustAnnounceBeforeStart(Duration.ofMinutes(1))).isTrue();
        assertThat(inf.maintenance().orElseThrow().windowChangeNotice()).isNull();
    }

    @Test
    @DisplayName("NTF-2 IS announces SaaS upgrades in advance; INF states no such promise")
    void upgradesAnnounced() {
        assertThat(is.maintenance().orElseThrow().upgradesAnnounced()).isTrue();
        assertThat(inf.maintenance().orElseThrow().upgradesAnnounced()).isFalse();
    }

    @Test
    @DisplayName("POL-1 an unknown calendar id is refused by the policy, not silently defaulted")
    void unknownCalendar() {
        assertThatThrownBy(() -> is.calendar("nope")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("standard");
        assertThat(is.calendarIds()).containsExactly("standard", "around-the-clock");
        assertThat(List.of(inf.calendarIds())).isNotEmpty();
    }
}
