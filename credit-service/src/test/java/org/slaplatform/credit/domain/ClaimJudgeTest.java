package org.slaplatform.credit.domain;

import static org.assertj.core.api.Assertions.assertThat;

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
}
