package org.slaplatform.credit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.credit.domain.ClaimJudge.ClaimInput;
import org.slaplatform.credit.domain.ClaimJudge.Verdict;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.policy.ClaimRules;
import org.slaplatform.policy.PolicyLoader;

class ClaimJudgeTest {

    static final Optional<ClaimRules> RULES = PolicyLoader.fromClasspath("quantive").claims();
    static final ClaimJudge.AccountView ACME = new ClaimJudge.AccountView("acme", ZoneId.of("UTC"),
            BillingCycle.MONTHLY, Set.of("acme-prod", "acme-eu"));
    static final Map<String, String> OWNERS = Map.of("acme-prod", "acme", "globex-prod", "globex");
    static final String INCIDENT = "Down from 2026-03-14T10:00Z to 2026-03-14T11:30Z on acme-prod";

    static Verdict judge(String subject, String description, String instance, String receivedAt) {
        return judge(ACME, subject, description, instance, receivedAt);
    }

    static Verdict judge(ClaimJudge.AccountView account, String subject, String description, String instance,
            String receivedAt) {
        return ClaimJudge.admit(RULES, new ClaimInput(account.accountId(), subject, description, instance, List.of(),
                Instant.parse(receivedAt)), account, id -> Optional.ofNullable(OWNERS.get(id)));
    }

    @Test
    @DisplayName("QNT-CRD-2 a March incident claimed on 31 May 23:59 UTC (last minute of the second monthly cycle after) is admitted")
    void lastMinuteAdmitted() {
        Verdict v = judge("SLA Credit Request: March outage", INCIDENT, null, "2026-05-31T23:59:00Z");
        assertThat(v.isAdmitted()).isTrue();
        assertThat(v.admitted().instanceId()).isEqualTo("acme-prod");
        assertThat(v.admitted().month()).hasToString("2026-03");
        assertThat(v.admitted().incidents()).containsExactly(new ClaimJudge.Incident(
                Instant.parse("2026-03-14T10:00:00Z"), Instant.parse("2026-03-14T11:30:00Z")));
        assertThat(v.admitted().deadline()).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
    }

    @Test
    @DisplayName("QNT-CRD-2 a March incident claimed on 1 June 00:01 UTC, one minute after the second cycle ends, is disqualified as late")
    void oneMinuteLate() {
        Verdict v = judge("SLA Credit Request", INCIDENT, "acme-prod", "2026-06-01T00:01:00Z");
        assertThat(v.refusal()).isEqualTo(ClaimRefusal.RECEIVED_TOO_LATE);
        assertThat(v.detail()).contains("deadline 2026-06-01T00:00:00Z");
        assertThat(judge("SLA Credit Request", INCIDENT, "acme-prod", "2026-06-01T00:00:00Z").refusal())
                .isEqualTo(ClaimRefusal.RECEIVED_TOO_LATE);
    }

    @Test
    @DisplayName("QNT-CRD-2 the deadline is the end of the cycle in the account's zone: New York, 1 June 03:59 UTC is still May there")
    void deadlineInAccountZone() {
        var ny = new ClaimJudge.AccountView("acme", ZoneId.of("America/New_York"), BillingCycle.MONTHLY, Set.of("acme-prod"));
        assertThat(judge(ny, "SLA Credit Request", INCIDENT, "acme-prod", "2026-06-01T03:59:00Z").isAdmitted()).isTrue();
        assertThat(judge(ny, "SLA Credit Request", INCIDENT, "acme-prod", "2026-06-01T04:01:00Z").refusal())
                .isEqualTo(ClaimRefusal.RECEIVED_TOO_LATE);
    }

    @Test
    @DisplayName("QNT-CRD-2 quarterly billing: a February incident may be claimed until the end of September")
    void quarterlyDeadline() {
        var quarterly = new ClaimJudge.AccountView("acme", ZoneId.of("UTC"), BillingCycle.QUARTERLY, Set.of("acme-prod"));
        String feb = "2026-02-10T10:00Z 2026-02-10T10:30Z";
        assertThat(judge(quarterly, "SLA Credit Request", feb, "acme-prod", "2026-09-30T23:59:00Z").isAdmitted()).isTrue();
        assertThat(judge(quarterly, "SLA Credit Request", feb, "acme-prod", "2026-10-01T00:01:00Z").refusal())
                .isEqualTo(ClaimRefusal.RECEIVED_TOO_LATE);
    }

    @Test
    @DisplayName("QNT-CRD-2 the subject must hold \"SLA Credit Request\" (any case): \"Credit please\" is disqualified")
    void subjectWords() {
        assertThat(judge("Credit please", INCIDENT, null, "2026-04-01T00:00:00Z").refusal())
                .isEqualTo(ClaimRefusal.SUBJECT_WORDS_MISSING);
        assertThat(judge("sla credit request", INCIDENT, null, "2026-04-01T00:00:00Z").isAdmitted()).isTrue();
    }

    @Test
    @DisplayName("QNT-CRD-2 no date and time of an incident: disqualified; an end before its start: disqualified")
    void incidentTimes() {
        assertThat(judge("SLA Credit Request", "it was down a lot in March on acme-prod", null, "2026-04-01T00:00:00Z")
                .refusal()).isEqualTo(ClaimRefusal.NO_INCIDENT_TIMES);
        assertThat(judge("SLA Credit Request", "2026-03-14T11:00Z to 2026-03-14T10:00Z", "acme-prod",
                "2026-04-01T00:00:00Z").refusal()).isEqualTo(ClaimRefusal.INVALID_INCIDENT_TIMES);
        assertThat(judge("SLA Credit Request", "2026-03-14 10:00 to 2026-03-14 11:00, 2026-04-02 10:00 to 2026-04-02 11:00", "acme-prod",
                "2026-04-03T00:00:00Z").refusal()).isEqualTo(ClaimRefusal.INCIDENTS_SPAN_MONTHS);
    }

    @Test
    @DisplayName("QNT-CRD-2 no instance, an unknown instance, another account's instance: each disqualified with its own reason")
    void instances() {
        String times = "2026-03-14T10:00Z to 2026-03-14T11:30Z";
        assertThat(judge("SLA Credit Request", times, null, "2026-04-01T00:00:00Z").refusal())
                .isEqualTo(ClaimRefusal.NO_INSTANCE);
        assertThat(judge("SLA Credit Request", times, "nope-1", "2026-04-01T00:00:00Z").refusal())
                .isEqualTo(ClaimRefusal.UNKNOWN_INSTANCE);
        Verdict foreign = judge("SLA Credit Request", times, "globex-prod", "2026-04-01T00:00:00Z");
        assertThat(foreign.refusal()).isEqualTo(ClaimRefusal.FOREIGN_INSTANCE);
        assertThat(foreign.detail()).isEqualTo("instance globex-prod is not an instance of account acme")
                .doesNotContain("globex\u0020");
    }

    @Test
    @DisplayName("QNT-CRD-2 times without an offset are in the account's zone; a lone time is a moment")
    void parsing() {
        assertThat(ClaimJudge.parseIncidents("at 2026-03-14 10:00", ZoneId.of("America/New_York")))
                .containsExactly(new ClaimJudge.Incident(Instant.parse("2026-03-14T14:00:00Z"),
                        Instant.parse("2026-03-14T14:00:00Z")));
    }

    // September 2026 (30 days, 43,200 minutes), Quantive Enterprise, 1000.00 USD, worked by hand:
    //  14 Sep 10:00-10:20Z PROBES counted 20, 10:20-10:26Z OUTAGE (ours) counted 6,
    //  20 Sep 01:00-01:30Z PROBES excluded (planned maintenance) 30
    //  counted 26, excluded 30: (43,200 - 26) x 100 / 43,200 = 99.93981.. -> 99.9398 < 99.95: 10 % = 100.00 USD
    static final List<MonthlyAvailability.UnavailableInterval> SEPTEMBER = List.of(
            new MonthlyAvailability.UnavailableInterval(Instant.parse("2026-09-14T10:00:00Z"),
                    Instant.parse("2026-09-14T10:20:00Z"), "PROBES", null, false, null),
            new MonthlyAvailability.UnavailableInterval(Instant.parse("2026-09-14T10:20:00Z"),
                    Instant.parse("2026-09-14T10:26:00Z"), "OUTAGE", "OURS", false, null),
            new MonthlyAvailability.UnavailableInterval(Instant.parse("2026-09-20T01:00:00Z"),
                    Instant.parse("2026-09-20T01:30:00Z"), "PROBES", null, true, "PLANNED_MAINTENANCE"));

    static MonthlyAvailability september(List<MonthlyAvailability.UnavailableInterval> intervals) {
        return new MonthlyAvailability("acme-prod", "acme", "2026-09", "UTC", 1, "quantive", 1, "Enterprise",
                new BigDecimal("99.95"), new BigDecimal("99.9398"), 43_200, 26, 30,
                Map.of("PLANNED_MAINTENANCE", 30L), false, Instant.parse("2026-10-03T00:00:00Z"), intervals);
    }

    static ClaimJudge.Confirmation confirm(MonthlyAvailability month, String description) {
        CreditDecision decision = CreditCalculator.decide(PolicyLoader.fromClasspath("quantive"), month,
                AccountCharges.of("1000.00", "USD", BillingCycle.MONTHLY));
        return ClaimJudge.confirmation(month, ClaimJudge.parseIncidents(description, ZoneId.of("UTC")), decision);
    }

    static ClaimJudge.IncidentWindow window(String start, String end) {
        return ClaimJudge.IncidentWindow.of(new ClaimJudge.Incident(Instant.parse(start), Instant.parse(end)));
    }

    @Test
    @DisplayName("QNT-CRD-2 a span stands for every minute it touches (10:00:30-10:05:10 = 10:00-10:06, 6 minutes); a moment for its minute +-5 (10:28:30 = 10:23-10:34, 11 minutes)")
    void incidentWindows() {
        assertThat(window("2026-09-14T10:00:00Z", "2026-09-14T11:30:00Z"))
                .isEqualTo(new ClaimJudge.IncidentWindow(Instant.parse("2026-09-14T10:00:00Z"), Instant.parse("2026-09-14T11:30:00Z")))
                .extracting(ClaimJudge.IncidentWindow::minutes).isEqualTo(90L);
        assertThat(window("2026-09-14T10:00:30Z", "2026-09-14T10:05:10Z"))
                .isEqualTo(new ClaimJudge.IncidentWindow(Instant.parse("2026-09-14T10:00:00Z"), Instant.parse("2026-09-14T10:06:00Z")));
        assertThat(window("2026-09-14T10:28:30Z", "2026-09-14T10:28:30Z"))
                .isEqualTo(new ClaimJudge.IncidentWindow(Instant.parse("2026-09-14T10:23:00Z"), Instant.parse("2026-09-14T10:34:00Z")))
                .extracting(ClaimJudge.IncidentWindow::minutes).isEqualTo(11L);
    }

    @Test
    @DisplayName("QNT-CRD-2 September at 99.9398 %: a claim for 09:50-10:10 and 16 Sep 08:00-09:00 is confirmed for 10 of the first incident's 20 minutes (10:00-10:10) and names the second as not shown")
    void partialMatchSaysWhichMinutes() {
        ClaimJudge.Confirmation c = confirm(september(SEPTEMBER),
                "2026-09-14T09:50Z to 2026-09-14T10:10Z and 2026-09-16T08:00Z to 2026-09-16T09:00Z");
        assertThat(c.confirmed()).isTrue();
        assertThat(c.matches()).extracting(ClaimJudge.IncidentMatch::countedMinutes).containsExactly(10L, 0L);
        assertThat(c.detail()).isEqualTo("measured Unavailable minutes of 2026-09 (version 1) confirm incident "
                + "2026-09-14T09:50:00Z to 2026-09-14T10:10:00Z: 10 of its 20 minutes measured Unavailable "
                + "(2026-09-14T10:00:00Z to 2026-09-14T10:10:00Z); not shown by measurement: incident "
                + "2026-09-16T08:00:00Z to 2026-09-16T09:00:00Z: no measured Unavailable minute");
    }

    @Test
    @DisplayName("QNT-CRD-2 the probes' 20 minutes and our outage's 6 read as one span: a claim for 10:00-10:26 matches 26 of 26 minutes")
    void adjacentCountedIntervalsReadAsOneSpan() {
        ClaimJudge.Confirmation c = confirm(september(SEPTEMBER), "2026-09-14T10:00Z to 2026-09-14T10:26Z");
        assertThat(c.confirmed()).isTrue();
        assertThat(c.matches()).singleElement().satisfies(m -> {
            assertThat(m.countedMinutes()).isEqualTo(26);
            assertThat(m.counted()).containsExactly(new ClaimJudge.IncidentWindow(Instant.parse("2026-09-14T10:00:00Z"),
                    Instant.parse("2026-09-14T10:26:00Z")));
        });
    }

    @Test
    @DisplayName("QNT-CRD-2 an incident over 30 excluded minutes (planned maintenance 20 Sep 01:00-01:30) and a moment with nothing within 5 minutes are NOT_SHOWN_BY_MEASUREMENT, each named")
    void excludedOrUnmeasuredIncidentsRefused() {
        ClaimJudge.Confirmation c = confirm(september(SEPTEMBER),
                "2026-09-20T01:00Z to 2026-09-20T01:30Z, and again at 2026-09-14T10:32Z");
        assertThat(c.confirmed()).isFalse();
        assertThat(c.detail()).isEqualTo("no claimed incident is shown by the measured minutes of 2026-09 (version 1): "
                + "incident 2026-09-20T01:00:00Z to 2026-09-20T01:30:00Z: no measured Unavailable minute, 30 measured "
                + "minutes excluded (PLANNED_MAINTENANCE 30); incident at 2026-09-14T10:32:00Z (within 5 minutes): "
                + "no measured Unavailable minute");
        // 10:28 +-5 minutes reaches back to 10:23: 3 counted minutes (10:23-10:26) confirm it
        assertThat(confirm(september(SEPTEMBER), "at 2026-09-14T10:28Z").matches()).singleElement()
                .extracting(ClaimJudge.IncidentMatch::countedMinutes).isEqualTo(3L);
    }

    @Test
    @DisplayName("QNT-CRD-2 a month published without intervals (26 Unavailable minutes, 99.9398 %) is judged on its figures, and says so")
    void monthWithoutIntervalsJudgedOnFigures() {
        ClaimJudge.Confirmation c = confirm(september(null), "2026-09-16T08:00Z to 2026-09-16T09:00Z");
        assertThat(c.confirmed()).isTrue();
        assertThat(c.detail()).contains("carries no Unavailable intervals", "on the month's figures, not per incident");
    }

    static Optional<ClaimRules> mustInclude(String list) {
        return CreditCalculatorTest.edited("quantive", "mustInclude: [incident-times, instance]", "mustInclude: " + list)
                .claims();
    }

    static Verdict judge(Optional<ClaimRules> rules, ClaimJudge.AccountView account, String description, String instance) {
        return ClaimJudge.admit(rules, new ClaimInput(account.accountId(), "SLA Credit Request", description, instance,
                List.of(), Instant.parse("2026-04-10T12:00:00Z")), account, id -> Optional.ofNullable(OWNERS.get(id)));
    }

    @Test
    @DisplayName("QNT-CRD-2 the claim must include exactly what claims.mustInclude lists: [incident-times, instance] refuses a claim without times or without instance, naming the key")
    void mustIncludeAsShipped() {
        Verdict noTimes = judge(RULES, ACME, "down a lot in April on acme-prod", "acme-prod");
        assertThat(noTimes.refusal()).isEqualTo(ClaimRefusal.NO_INCIDENT_TIMES);
        assertThat(noTimes.detail()).endsWith("the policy requires them (claims.mustInclude: incident-times)");
        Verdict noInstance = judge(RULES, ACME, "2026-04-02T10:00Z to 2026-04-02T11:00Z", null);
        assertThat(noInstance.refusal()).isEqualTo(ClaimRefusal.NO_INSTANCE);
        assertThat(noInstance.detail()).endsWith("the policy requires it (claims.mustInclude: instance)");
    }

    @Test
    @DisplayName("QNT-CRD-2 a policy copy with mustInclude: [instance] admits a claim without times as its month so far (1 April 00:00 to its receipt on 10 April 12:00, account zone)")
    void mustIncludeWithoutIncidentTimes() {
        Verdict v = judge(mustInclude("[instance]"), ACME, "down a lot this month on acme-prod", "acme-prod");
        assertThat(v.isAdmitted()).as(String.valueOf(v.detail())).isTrue();
        assertThat(v.admitted().month()).isEqualTo(java.time.YearMonth.of(2026, 4));
        assertThat(v.admitted().incidents()).containsExactly(new ClaimJudge.Incident(
                Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-04-10T12:00:00Z")));
        assertThat(judge(mustInclude("[instance]"), ACME, "down on 2026-04-02T10:00Z", null).refusal())
                .as("the instance is still required").isEqualTo(ClaimRefusal.NO_INSTANCE);
    }

    @Test
    @DisplayName("QNT-CRD-2 a policy copy with mustInclude: [incident-times] admits a claim without instance for an account's only instance; with two instances it cannot be judged and says why")
    void mustIncludeWithoutInstance() {
        ClaimJudge.AccountView single = new ClaimJudge.AccountView("acme", ZoneId.of("UTC"), BillingCycle.MONTHLY,
                Set.of("acme-prod"));
        Verdict v = judge(mustInclude("[incident-times]"), single, "2026-04-02T10:00Z to 2026-04-02T11:00Z", null);
        assertThat(v.isAdmitted()).as(String.valueOf(v.detail())).isTrue();
        assertThat(v.admitted().instanceId()).isEqualTo("acme-prod");
        Verdict two = judge(mustInclude("[incident-times]"), ACME, "2026-04-02T10:00Z to 2026-04-02T11:00Z", null);
        assertThat(two.refusal()).isEqualTo(ClaimRefusal.NO_INSTANCE);
        assertThat(two.detail()).contains("has 2 instances", "the policy does not require one (claims.mustInclude)");
        assertThat(judge(mustInclude("[incident-times]"), single, "no times at all", null).refusal())
                .as("the times are still required").isEqualTo(ClaimRefusal.NO_INCIDENT_TIMES);
    }
}
