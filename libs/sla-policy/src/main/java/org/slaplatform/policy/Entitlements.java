package org.slaplatform.policy;

import java.util.List;

/**
 * What a customer is entitled to file (IS-TKT-5, IS-TKT-9, INF-TKT-8).
 *
 * @param requiresValidAgreement no support without a valid maintenance agreement
 * @param unsupportedVersion     handling of a ticket about a version out of support
 * @param unsupportedPlatform    handling of a ticket about an unsupported platform
 * @param notCovered             IS-TKT-5: what support does not include beyond agreement, version and
 *                               platform (third-party applications, other languages than English,
 *                               professional services), each with its handling; none listed: all covered
 */
public record Entitlements(Boolean requiresValidAgreement, Handling unsupportedVersion, Handling unsupportedPlatform,
        FeatureRequests featureRequests, Intake intake, VersionSupport versionSupport, List<NotCovered> notCovered) {

    public Entitlements {
        requiresValidAgreement = Boolean.TRUE.equals(requiresValidAgreement);
        notCovered = notCovered == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(notCovered));
    }

    /**
     * IS-TKT-5 "Support Does Not Include: ... Third-party application support; Non-English language
     * support; Items covered by Professional Services": a kind of request support does not cover, and
     * what intake does with a ticket about it ({@code accept}, {@code flag}, {@code refuse}).
     */
    public record NotCovered(Topic topic, Handling handling) {

        public enum Topic { THIRD_PARTY_APPLICATION, NON_ENGLISH_LANGUAGE, PROFESSIONAL_SERVICES }
    }

    public enum Handling { ACCEPT, FLAG, REQUIRE_UPGRADE, REFUSE }

    /** IS-TKT-9: the answers a feature request may get, and which need a timeline or a reason. */
    public record FeatureRequests(List<Answer> answers, List<Answer> timelineRequiredFor, List<Answer> reasonRequiredFor) {
        public FeatureRequests {
            answers = answers == null ? List.of() : List.copyOf(answers);
            timelineRequiredFor = timelineRequiredFor == null ? List.of() : List.copyOf(timelineRequiredFor);
            reasonRequiredFor = reasonRequiredFor == null ? List.of() : List.copyOf(reasonRequiredFor);
        }

        public enum Answer { ON_ROADMAP, ADDED_TO_ROADMAP, NOT_ON_ROADMAP, DENIED }
    }

    /**
     * IS-TKT-1, INF-TKT-8: how tickets may arrive and who may file them. No key allows anonymous tickets
     * (IS-TKT-1 "Licensee cannot log a ticket anonymously"): the platform files none, whatever the policy
     * (DESIGN-7: every API call carries a token; a mail is filed only for a contact of a contract).
     *
     * @param channels        the intake channels the policy offers; none listed: the policy restricts none
     * @param partnersMayFile INF-TKT-8: a partner the contract names may file tickets for the customer;
     *                        absent: no
     * @param defaultSeverity IS-TKT-2: the id of the severity a ticket gets where its channel carries
     *                        none (the Feedback button); absent: the least severe of the policy's scale
     */
    public record Intake(List<Channel> channels, Boolean partnersMayFile, String defaultSeverity) {
        public Intake {
            channels = channels == null ? List.of() : List.copyOf(channels);
            partnersMayFile = Boolean.TRUE.equals(partnersMayFile);
        }

        public enum Channel { PORTAL, API, EMAIL, PHONE, FEEDBACK }
    }
}
