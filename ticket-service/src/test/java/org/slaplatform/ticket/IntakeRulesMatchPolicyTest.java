package org.slaplatform.ticket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slaplatform.policy.Entitlements;
import org.slaplatform.policy.Plan;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyCatalog;
import org.slaplatform.policy.TicketQuota;
import org.slaplatform.ticket.policy.IntakeRules;
import org.slaplatform.ticket.policy.IntakeRulesCatalogAccess;

/**
 * ticket-service reads its intake rules from an adapter file until it maps sla-policy's loaded
 * policies directly: this test fails as soon as the two say different things.
 */
class IntakeRulesMatchPolicyTest {

    static List<String> policies() {
        return PolicyCatalog.names();
    }

    private static String key(Object value) {
        return String.valueOf(value).toLowerCase(Locale.ROOT).replace('-', '_');
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    @DisplayName("POL-1 IS-TKT-5 ITC-TKT-6 IS-TKT-9 INF-TKT-3 INF-TKT-7 QNT-TKT-10 the intake rules say what the shipped policy says")
    void intakeRulesFollowThePolicy(String name) {
        Policy policy = PolicyCatalog.loadAll().get(name);
        IntakeRules rules = IntakeRulesCatalogAccess.load(name);
        assertThat(rules.version()).as("version").isEqualTo(policy.version());

        Map<String, Plan> plans = policy.plans().stream()
                .collect(Collectors.toMap(p -> p.name().toLowerCase(Locale.ROOT), p -> p));
        assertThat(rules.plans().keySet()).as("plan names").isEqualTo(plans.keySet());
        plans.forEach((planName, plan) -> {
            IntakeRules.PlanRules mine = rules.plans().get(planName);
            assertThat(mine.featureRequests()).as(planName + " feature requests").isEqualTo(plan.featureRequests());
            TicketQuota quota = plan.ticketQuota();
            if (quota == null || quota.tickets() == null) {
                assertThat(mine.quota()).as(planName + " quota").isNull();
            } else {
                assertThat(mine.quota().tickets()).as(planName + " quota").isEqualTo(quota.tickets());
                assertThat(mine.quota().rollover()).as(planName + " rollover").isEqualTo(quota.rollover());
                assertThat(mine.quota().beyond() == IntakeRules.Quota.Beyond.REFUSE)
                        .as(planName + " beyond the quota").isEqualTo(quota.beyond() == TicketQuota.Beyond.REFUSE);
            }
        });

        Entitlements entitlements = policy.entitlements().orElse(null);
        if (entitlements != null) {
            assertThat(rules.withoutValidAgreement() == IntakeRules.Handling.REFUSE).as("valid agreement required")
                    .isEqualTo(entitlements.requiresValidAgreement());
            if (entitlements.unsupportedVersion() != null) {
                assertThat(rules.unsupportedVersion().name()).as("unsupported version")
                        .isEqualTo(entitlements.unsupportedVersion().name());
            }
            if (entitlements.featureRequests() != null && !entitlements.featureRequests().answers().isEmpty()) {
                assertThat(rules.featureAnswers()).as("feature answers")
                        .isEqualTo(entitlements.featureRequests().answers().stream().map(Enum::name).toList());
            }
            var versions = entitlements.versionSupport();
            if (versions != null && (versions.majorSupportedFor() != null || versions.lifecycle() != null)) {
                assertThat(rules.versionSupport()).as("version support").isNotNull();
                assertThat(rules.versionSupport().majorSupportedFor()).isEqualTo(versions.majorSupportedFor());
                if (versions.lifecycle() != null) {
                    var mine = rules.versionSupport().lifecycle();
                    assertThat(List.of(mine.eomsAfterEos(), mine.eomsAfterNextMajorGa(), mine.extendedSupport(),
                            mine.minimumTotal())).as("lifecycle").isEqualTo(List.of(versions.lifecycle().eomsAfterEos(),
                                    versions.lifecycle().eomsAfterNextMajorGa(), versions.lifecycle().extendedSupport(),
                                    versions.lifecycle().minimumTotal()));
                }
            }
        }
        if (!policy.escalation().isEmpty()) {
            assertThat(rules.escalation()).as("escalation tiers")
                    .isEqualTo(policy.escalation().stream().map(s -> s.level().name()).toList());
        }
        policy.document().triage().forEach(scale -> assertThat(rules.triage().get(scale.name()))
                .as("triage scale " + scale.name())
                .isEqualTo(scale.values().stream().map(v -> key(v).toUpperCase(Locale.ROOT)).toList()));
        assertThat(rules.claimSubjectMarker()).as("claim marker")
                .isEqualTo(policy.claims().map(c -> c.subjectMustContain()).orElse(null));
    }
}
