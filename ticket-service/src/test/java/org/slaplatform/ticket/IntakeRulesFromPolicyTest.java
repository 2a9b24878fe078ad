package org.slaplatform.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Period;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.policy.PolicyCatalog;
import org.slaplatform.policy.PolicyLoader;
import org.slaplatform.ticket.domain.IntakeRules;
import org.slaplatform.ticket.domain.IntakeRules.Handling;
import org.slaplatform.ticket.domain.IntakeRulesCatalog;

/** The intake rules read from the shipped policy files (libs/sla-policy), as the policies state them. */
class IntakeRulesFromPolicyTest {

    private static final Map<String, IntakeRules> RULES = Map.of(
            "infostretch", rules("infostretch"), "inflectra", rules("inflectra"),
            "infotecs", rules("infotecs"), "quantive", rules("quantive"));

    private static IntakeRules rules(String name) {
        return IntakeRulesCatalog.of(PolicyCatalog.loadAll().get(name));
    }

    @Test
    @DisplayName("POL-1 every shipped policy has intake rules, with its version (the test class path adds fifthvendor)")
    void everyShippedPolicy() {
        assertThat(PolicyCatalog.names()).containsExactlyInAnyOrder("infostretch", "inflectra", "infotecs", "quantive",
                "fifthvendor");
        RULES.values().forEach(r -> assertThat(r.version()).as(r.policy()).isEqualTo(1));
    }

    @Test
    @DisplayName("IS-TKT-5 InfoStretch: valid agreement required, unsupported version may require an upgrade,"
            + " unsupported platform refused, a major supported one year from delivery (IS-LIFE-2)")
    void infostretch() {
        IntakeRules r = RULES.get("infostretch");
        assertThat(r.withoutValidAgreement()).isEqualTo(Handling.REFUSE);
        assertThat(r.unsupportedVersion()).isEqualTo(Handling.REQUIRE_UPGRADE);
        assertThat(r.unsupportedPlatform()).isEqualTo(Handling.REFUSE);
        // IS-TKT-5 "Support Does Not Include: ... Third-party application support; Non-English language support;
        // Items covered by Professional Services": flagged
        assertThat(r.notCovered(IntakeRules.THIRD_PARTY_APPLICATION)).isEqualTo(Handling.FLAG);
        assertThat(r.notCovered(IntakeRules.NON_ENGLISH_LANGUAGE)).isEqualTo(Handling.FLAG);
        assertThat(r.notCovered(IntakeRules.PROFESSIONAL_SERVICES)).isEqualTo(Handling.FLAG);
        assertThat(r.extendedSupportFree()).isNull();
        assertThat(r.versionSupport().majorSupportedFor()).isEqualTo(Period.ofYears(1));
        assertThat(r.versionSupport().from()).isEqualTo(IntakeRules.VersionRules.From.DELIVERY);
        assertThat(r.versionSupport().lifecycle()).isNull();
        assertThat(r.versionSupport().scheme()).containsExactly("major", "minor", "build", "patch");
        assertThat(r.severities()).extracting(IntakeRules.SeverityScale::levels, IntakeRules.SeverityScale::defaultLevel)
                .containsExactly(List.of(1, 2, 3, 4), 3);
        assertThat(r.channels().offered()).containsExactly("portal", "api", "email", "feedback");
        assertThat(r.plans()).containsOnlyKeys("maintenance");
        assertThat(r.plan("maintenance").orElseThrow().quota()).isNull();
        assertThat(r.featureAnswers()).containsExactly("ON_ROADMAP", "ADDED_TO_ROADMAP", "NOT_ON_ROADMAP", "DENIED");
        assertThat(r.claimSubjectMarker()).isNull();
    }

    @Test
    @DisplayName("ITC-TKT-6 ITC-LIFE-3 IS-TKT-1 IS-TKT-2 Infotecs: 40 resolved tickets a contract year with rollover,"
            + " chargeable beyond; feature requests on Premium only; unsupported version refused, extended support"
            + " flagged; versions major.minor; three severities; no Feedback button")
    void infotecs() {
        IntakeRules r = RULES.get("infotecs");
        assertThat(r.plans()).containsOnlyKeys("basic", "premium");
        IntakeRules.PlanRules basic = r.plan("basic").orElseThrow();
        assertThat(basic.featureRequests()).isFalse();
        assertThat(basic.quota()).isEqualTo(new IntakeRules.Quota(40, IntakeRules.Quota.Counts.RESOLVED, true,
                IntakeRules.Quota.Beyond.CHARGEABLE));
        assertThat(basic.quota().atIntake()).isFalse();
        assertThat(r.versionSupport().scheme()).containsExactly("major", "minor");
        assertThat(r.versionSupport().schemeRefusal("4.0")).isNull();
        assertThat(r.versionSupport().schemeRefusal("4.0.0.0")).contains("major.minor");
        assertThat(r.severities()).extracting(IntakeRules.SeverityScale::levels, IntakeRules.SeverityScale::defaultLevel)
                .containsExactly(List.of(1, 2, 3), 3);
        assertThat(r.channels().offers("feedback")).isFalse();
        assertThat(r.channels().offered()).containsExactly("portal", "api", "email", "phone");
        assertThat(r.plan("premium").orElseThrow().featureRequests()).isTrue();
        assertThat(r.unsupportedVersion()).isEqualTo(Handling.REFUSE);
        assertThat(r.extendedSupport()).isEqualTo(Handling.FLAG);
        assertThat(r.unsupportedPlatform()).isEqualTo(Handling.FLAG);
        assertThat(r.versionSupport().lifecycle()).isEqualTo(new IntakeRules.Lifecycle(Period.ofYears(1),
                Period.ofYears(2), Period.ofYears(1), Period.ofYears(5)));
        // ITC-LIFE-3: vulnerability (1) and critical (2) are fixed free in extended support
        assertThat(r.extendedSupportFree()).containsExactly(1, 2);
        assertThat(r.fixedFreeInExtendedSupport(3)).isFalse();
        assertThat(r.notCovered(IntakeRules.THIRD_PARTY_APPLICATION)).isEqualTo(Handling.ACCEPT);
        // IS-TKT-2 email subjects: ids, names
        assertThat(r.severities().named("Critical bug")).contains(2);
        assertThat(r.severities().named("vulnerability")).contains(1);
    }

    @Test
    @DisplayName("INF-TKT-3 INF-TKT-7 Inflectra: priority and risk scales, three escalation tiers, one plan without quota")
    void inflectra() {
        IntakeRules r = RULES.get("inflectra");
        assertThat(r.triage()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "priority", List.of("CRITICAL", "HIGH", "MEDIUM", "LOW"),
                "risk", List.of("DEEP_AND_WIDE", "WIDE", "LOCAL", "HYPER_LOCAL")));
        assertThat(r.escalation()).containsExactly("SUPPORT", "ACCOUNT_MANAGER", "EXECUTIVE");
        assertThat(r.plans()).containsOnlyKeys("standard");
        assertThat(r.plan("standard").orElseThrow().quota()).isNull();
        assertThat(r.withoutValidAgreement()).isEqualTo(Handling.REFUSE);
        assertThat(r.unsupportedVersion()).isEqualTo(Handling.ACCEPT);
    }

    @Test
    @DisplayName("QNT-TKT-10 Quantive: a subject holding \"SLA Credit Request\" is a credit claim; two plans")
    void quantive() {
        IntakeRules r = RULES.get("quantive");
        assertThat(r.claimSubjectMarker()).isEqualTo("SLA Credit Request");
        assertThat(r.plans()).containsOnlyKeys("enterprise", "other");
        assertThat(r.triage()).isEmpty();
        // the policy names no escalation chain and no feature answers: the platform's defaults
        assertThat(r.escalation()).containsExactly("SUPPORT", "ACCOUNT_MANAGER", "EXECUTIVE");
        assertThat(r.featureAnswers()).containsExactly("ON_ROADMAP", "ADDED_TO_ROADMAP", "NOT_ON_ROADMAP", "DENIED");
    }

    @Test
    @DisplayName("IS-TKT-9 InfoStretch's policy lists which answers need a timeline (added) and a reason (denied);"
            + " policies that list none get the same requirement by default")
    void featureAnswerRequirementsFromThePolicy() {
        IntakeRules is = RULES.get("infostretch");
        assertThat(is.timelineRequiredFor()).containsExactly("ADDED_TO_ROADMAP");
        assertThat(is.reasonRequiredFor()).containsExactly("DENIED");
        assertThat(is.missingForAnswer("DENIED", null, " ")).isEqualTo("reason");
        assertThat(is.missingForAnswer("ADDED_TO_ROADMAP", "", "because")).isEqualTo("timeline");
        assertThat(is.missingForAnswer("NOT_ON_ROADMAP", null, null)).isNull();
        assertThat(RULES.get("quantive").timelineRequiredFor()).containsExactly("ADDED_TO_ROADMAP");
        assertThat(RULES.get("quantive").reasonRequiredFor()).containsExactly("DENIED");
    }

    @Test
    @DisplayName("IS-TKT-9 the requirements are data: a policy that also wants a reason for NOT_ON_ROADMAP and a"
            + " timeline for ON_ROADMAP gets them, and one that requires nothing requires nothing")
    void featureAnswerRequirementsAreData() throws Exception {
        String yaml;
        try (var in = PolicyLoader.class.getClassLoader().getResourceAsStream("policies/infostretch.yaml")) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String stricter = yaml.replace("timelineRequiredFor: [added-to-roadmap]", "timelineRequiredFor: [added-to-roadmap, on-roadmap]")
                .replace("reasonRequiredFor: [denied]", "reasonRequiredFor: [denied, not-on-roadmap]");
        assertThat(stricter).isNotEqualTo(yaml);
        IntakeRules r = IntakeRulesCatalog.of(PolicyLoader.fromString(stricter, "stricter"));
        assertThat(r.missingForAnswer("ON_ROADMAP", null, null)).isEqualTo("timeline");
        assertThat(r.missingForAnswer("NOT_ON_ROADMAP", null, null)).isEqualTo("reason");
        assertThat(r.missingForAnswer("NOT_ON_ROADMAP", null, "out of scope")).isNull();
        String lax = yaml.replace("timelineRequiredFor: [added-to-roadmap]", "timelineRequiredFor: []")
                .replace("reasonRequiredFor: [denied]", "reasonRequiredFor: []");
        IntakeRules none = IntakeRulesCatalog.of(PolicyLoader.fromString(lax, "lax"));
        assertThat(none.missingForAnswer("DENIED", null, null)).isNull();
        assertThat(none.missingForAnswer("ADDED_TO_ROADMAP", null, null)).isNull();
    }
}
