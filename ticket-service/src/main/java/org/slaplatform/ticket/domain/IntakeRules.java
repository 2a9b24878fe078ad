package org.slaplatform.ticket.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one policy decides at ticket intake: agreement, version and platform support, quota, feature
 * requests, triage scales, escalation tiers and the credit-claim marker. Built from the loaded
 * sla-policy {@code Policy} by {@link IntakeRulesCatalog}; nothing vendor-specific is in Java.
 *
 * @param partnersMayFile INF-TKT-8: a partner the contract names may file for the customer
 */
public record IntakeRules(String policy, Integer version, Handling withoutValidAgreement, Handling unsupportedVersion,
        Handling extendedSupport, Handling unsupportedPlatform, VersionRules versionSupport, Map<String, PlanRules> plans,
        List<String> featureAnswers, List<String> escalation, Map<String, List<String>> triage,
        String claimSubjectMarker, List<String> timelineRequiredFor, List<String> reasonRequiredFor,
        SeverityScale severities, Channels channels, Map<String, Handling> notCovered, List<Integer> extendedSupportFree,
        boolean partnersMayFile) {

    public IntakeRules {
        severities = severities == null ? new SeverityScale(List.of(), null) : severities;
        channels = channels == null ? new Channels(List.of()) : channels;
        notCovered = notCovered == null ? Map.of() : Map.copyOf(notCovered);
        // null: the policy names no free fixes, so nothing is charged for extended support
        extendedSupportFree = extendedSupportFree == null ? null : List.copyOf(extendedSupportFree);
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

    /** IS-TKT-5 what support does not include. */
    public static final String THIRD_PARTY_APPLICATION = "third-party-application";
    public static final String NON_ENGLISH_LANGUAGE = "non-english-language";
    public static final String PROFESSIONAL_SERVICES = "professional-services";

    /**
     * IS-TKT-5: how the policy handles a ticket about a topic support does not include
     * ({@code entitlements.notCovered}); a topic the policy does not list is covered (ACCEPT).
     */
    public Handling notCovered(String topic) {
        return notCovered.getOrDefault(topic, Handling.ACCEPT);
    }

    /**
     * ITC-LIFE-3 "During the Extended Support period, Infotecs shall release software updates, where
     * vulnerabilities are eliminated and critical bugs are fixed. Other bugs can be fixed only under
     * additional agreements and are subject to payment": whether a defect of {@code severity} in
     * extended support is fixed free. A policy that names no free fixes charges nothing.
     */
    public boolean fixedFreeInExtendedSupport(int severity) {
        return extendedSupportFree == null || extendedSupportFree.contains(severity);
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

    /**
     * IS-TKT-2: the policy's severity levels (1 = most severe) and the level a ticket gets where its
     * channel carries none. A policy with no scale (an uptime-only policy) judges no severity: any
     * level from 1 up is recorded as given, and it has no default.
     */
    public record SeverityScale(List<Integer> levels, Integer defaultLevel, Map<String, Integer> names) {
        /** "Sev2", "Severity 2", "sev 2": a level by number. */
        private static final java.util.regex.Pattern BY_NUMBER =
                java.util.regex.Pattern.compile("(?i)sev(?:erity)?\\s*([0-9]{1,2})");

        public SeverityScale {
            levels = levels == null ? List.of() : List.copyOf(levels);
            names = names == null ? Map.of() : Map.copyOf(names);
        }

        public SeverityScale(List<Integer> levels, Integer defaultLevel) {
            this(levels, defaultLevel, Map.of());
        }

        /**
         * IS-TKT-2, email: the level a word names on this scale: a severity's id, name or alias (any case,
         * e.g. IS {@code sev2}, {@code Critical}; ITC {@code vulnerability}), or "Sev N" / "Severity N" for a
         * level N on the scale (any N from 1 where the policy has no scale); empty when it names none.
         */
        public java.util.Optional<Integer> named(String word) {
            if (word == null) {
                return java.util.Optional.empty();
            }
            String key = word.strip().toLowerCase(java.util.Locale.ROOT);
            Integer level = names.get(key);
            if (level != null) {
                return java.util.Optional.of(level);
            }
            java.util.regex.Matcher m = BY_NUMBER.matcher(key);
            if (m.matches()) {
                int n = Integer.parseInt(m.group(1));
                if (n >= 1 && (levels.isEmpty() || levels.contains(n))) {
                    return java.util.Optional.of(n);
                }
            }
            return java.util.Optional.empty();
        }

        /** Null when {@code level} is on the scale, else why not. */
        public String refusal(int level) {
            if (level < 1) {
                return "must be 1 or more";
            }
            return levels.isEmpty() || levels.contains(level) ? null : "must be one of " + levels;
        }
    }

    /**
     * IS-TKT-1: the intake channels the policy offers, as it names them (portal, api, email, phone,
     * feedback); none named: the policy restricts none.
     */
    public record Channels(List<String> offered) {
        public Channels {
            offered = offered == null ? List.of() : List.copyOf(offered);
        }

        public boolean restricted() {
            return !offered.isEmpty();
        }

        public boolean offers(String channel) {
            return offered.isEmpty() || offered.contains(channel);
        }
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
     * @param counts   RESOLVED: a unit is taken when a ticket is first resolved, in the contract year of
     *                 that day (ITC-TKT-6 "resolving of up to 40 Tickets per year"); OPENED: at intake
     * @param rollover the unused remainder is added to the next contract year
     * @param beyond   REFUSE; CHARGEABLE: accepted and flagged as chargeable; FLAG: accepted and flagged
     */
    public record Quota(Integer tickets, Counts counts, Boolean rollover, Beyond beyond) {
        public Quota {
            counts = counts == null ? Counts.OPENED : counts;
            rollover = Boolean.TRUE.equals(rollover);
            beyond = beyond == null ? Beyond.REFUSE : beyond;
        }

        public boolean atIntake() {
            return counts == Counts.OPENED;
        }

        public enum Counts { RESOLVED, OPENED }

        public enum Beyond { REFUSE, CHARGEABLE, FLAG }
    }

    /**
     * IS-LIFE-2 ({@code majorSupportedFor} counted from the major's delivery or GA) or ITC-LIFE-3
     * ({@code lifecycle}); neither: every version is supported.
     */
    public record VersionRules(Period majorSupportedFor, From from, Lifecycle lifecycle, List<String> scheme) {
        public VersionRules {
            scheme = scheme == null ? List.of() : List.copyOf(scheme);
        }

        public enum From { DELIVERY, GENERAL_AVAILABILITY }

        /**
         * IS-LIFE-1, ITC-LIFE-3: null when {@code version} follows the policy's scheme (as many numbers as
         * the scheme names; any count when it names none), else why not.
         */
        public String schemeRefusal(String version) {
            if (!ReleaseVersion.isValid(version)) {
                return "must be numbers separated by dots, e.g. 4.0 or 7.4.2.1";
            }
            if (!scheme.isEmpty() && ReleaseVersion.parse(version).numbers().size() != scheme.size()) {
                return "must be a version " + String.join(".", scheme) + " (" + scheme.size() + " numbers)";
            }
            return null;
        }
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
