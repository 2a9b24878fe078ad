package org.slaplatform.ticket.policy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one policy decides at ticket intake: agreement, version and platform support, quota, feature
 * requests, triage scales, escalation tiers and the credit-claim marker. Built from the loaded
 * sla-policy {@code Policy} by {@link IntakeRulesCatalog}; nothing vendor-specific is in Java.
 */
public record IntakeRules(String policy, Integer version, Handling withoutValidAgreement, Handling unsupportedVersion,
        Handling extendedSupport, Handling unsupportedPlatform, VersionRules versionSupport, Map<String, PlanRules> plans,
        List<String> featureAnswers, List<String> escalation, Map<String, List<String>> triage,
        String claimSubjectMarker, List<String> timelineRequiredFor, List<String> reasonRequiredFor) {

    public IntakeRules {
        plans = plans == null ? Map.of() : Map.copyOf(plans);
        featureAnswers = featureAnswers == null ? List.of() : List.copyOf(featureAnswers);
        timelineRequiredFor = timelineRequiredFor == null ? List.of() : List.copyOf(timelineRequiredFor);
        reasonRequiredFor = reasonRequiredFor == null ? List.of() : List.copyOf(reasonRequiredFor);
        escalation = escalation == null || escalation.isEmpty() ? List.of("SUPPORT") : List.copyOf(escalation);
        triage = triage == null ? Map.of() : Map.copyOf(triage);
        withoutValidAgreement = withoutValidAgreement == null ? Handling.REFUSE : withoutValidAgreement;
        unsupportedVersion = unsupportedVersion == null ? Handling.ACCEPT : unsupportedVersion;
        extendedSupport = extendedSupport == null ? Handling.ACCEPT : extendedSupport;
        unsupportedPlatform = unsupportedPlatform == null ? Handling.ACCEPT : unsupportedPlatform;
    }

    /** The policy's handling of a finding, in intake's terms. */
    public static Handling handling(org.slaplatform.policy.Entitlements.Handling handling) {
        return handling == null ? null : Handling.valueOf(handling.name());
    }

    /** IS-TKT-5: what to do with a ticket that misses an entitlement. */
    public enum Handling {
        /** accepted as if nothing were wrong */
        ACCEPT,
        /** accepted with a flag naming the finding */
        FLAG,
        /** accepted with the flag UPGRADE_REQUIRED: support may ask for an upgrade first */
        REQUIRE_UPGRADE,
        /** refused with the reason */
        REFUSE
    }

    /**
     * IS-TKT-9: what an answer must carry under this policy ({@code timelineRequiredFor},
     * {@code reasonRequiredFor}); the name of the missing field, or null when the answer is complete.
     */
    public String missingForAnswer(String answer, String timeline, String reason) {
        if (timelineRequiredFor.contains(answer) && (timeline == null || timeline.isBlank())) {
            return "timeline";
        }
        if (reasonRequiredFor.contains(answer) && (reason == null || reason.isBlank())) {
            return "reason";
        }
        return null;
    }

    public Optional<PlanRules> plan(String name) {
        return Optional.ofNullable(plans.get(name));
    }

    /** ITC-TKT-6 quota; feature requests accepted on the plan (IS-TKT-9, ITC Premium only). */
    public record PlanRules(Boolean featureRequests, Quota quota) {
        public PlanRules {
            featureRequests = featureRequests == null || featureRequests;
        }
    }

    /**
     * @param tickets  included per contract year
     * @param rollover the unused remainder is added to the next contract year
     * @param beyond   REFUSE; CHARGEABLE: accepted and flagged as chargeable; FLAG: accepted and flagged
     */
    public record Quota(Integer tickets, Boolean rollover, Beyond beyond) {
        public Quota {
            rollover = Boolean.TRUE.equals(rollover);
            beyond = beyond == null ? Beyond.REFUSE : beyond;
        }

        public enum Beyond { REFUSE, CHARGEABLE, FLAG }
    }

    /**
     * IS-LIFE-2 ({@code majorSupportedFor} counted from the major's delivery or GA) or ITC-LIFE-3
     * ({@code lifecycle}); neither: every version is supported.
     */
    public record VersionRules(Period majorSupportedFor, From from, Lifecycle lifecycle) {
        public enum From { DELIVERY, GENERAL_AVAILABILITY }
    }

    /** ITC-LIFE-3 milestones. */
    public record Lifecycle(Period eomsAfterEos, Period eomsAfterNextMajorGa, Period extendedSupport,
            Period minimumTotal) {

        /** EOMS = later of EOS + eomsAfterEos and next major GA + eomsAfterNextMajorGa; EOL after extended support. */
        public LocalDate endOfMainstreamSupport(LocalDate eos, LocalDate nextMajorGa) {
            LocalDate eoms = eos.plus(eomsAfterEos);
            if (nextMajorGa != null) {
                LocalDate byNextMajor = nextMajorGa.plus(eomsAfterNextMajorGa);
                eoms = byNextMajor.isAfter(eoms) ? byNextMajor : eoms;
            }
            return eoms;
        }

        /** EOL = EOMS + extended support, never before GA + the minimum total (at least 5 years in ITC). */
        public LocalDate endOfLife(LocalDate ga, LocalDate eoms) {
            LocalDate eol = eoms.plus(extendedSupport);
            if (ga != null && minimumTotal != null && ga.plus(minimumTotal).isAfter(eol)) {
                eol = ga.plus(minimumTotal);
            }
            return eol;
        }
    }
}
