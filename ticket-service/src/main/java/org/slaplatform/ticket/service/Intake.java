package org.slaplatform.ticket.service;

import java.util.List;

import org.slaplatform.ticket.domain.Category;
import org.slaplatform.ticket.domain.Channel;

/**
 * A ticket to file, whatever the channel (IS-TKT-1), once the account it is for is known.
 *
 * @param severity  a level of the policy's scale; null where the channel carries none (the policy's default applies)
 * @param createdBy who filed it: the token's subject, or the sender's address for email
 * @param platform  the platform the installation runs on (IS-TKT-5), when named or attached from the instance
 * @param bySupport filed by support (an agent or admin) rather than by the customer or a partner
 * @param severityMarkers words the channel carries that may name a severity (an email subject's
 *                  {@code [Sev2]} or {@code [Critical]}), judged on the policy's scale where {@code severity} is null
 * @param topics    IS-TKT-5 what the ticket says it concerns that support may not include:
 *                  {@code third-party-application}, {@code non-english-language}, {@code professional-services}
 * @param byPartner INF-TKT-8 filed by a partner for a customer's account (not the partner's own), which the
 *                  policy's {@code entitlements.intake.partnersMayFile} must allow
 */
public record Intake(String accountId, String subject, String description, Integer severity, Category category,
        String priority, String risk, String productId, String version, String instanceId, Channel channel,
        String createdBy, String platform, boolean bySupport, List<String> severityMarkers, List<String> topics,
        boolean byPartner) {

    public Intake {
        severityMarkers = severityMarkers == null ? List.of() : List.copyOf(severityMarkers);
        topics = topics == null ? List.of() : List.copyOf(topics);
    }

    public Intake(String accountId, String subject, String description, Integer severity, Category category,
            String priority, String risk, String productId, String version, String instanceId, Channel channel,
            String createdBy, String platform, boolean bySupport, List<String> severityMarkers, List<String> topics) {
        this(accountId, subject, description, severity, category, priority, risk, productId, version, instanceId,
                channel, createdBy, platform, bySupport, severityMarkers, topics, false);
    }

    public Intake(String accountId, String subject, String description, Integer severity, Category category,
            String priority, String risk, String productId, String version, String instanceId, Channel channel,
            String createdBy, String platform, boolean bySupport, List<String> severityMarkers) {
        this(accountId, subject, description, severity, category, priority, risk, productId, version, instanceId,
                channel, createdBy, platform, bySupport, severityMarkers, List.of());
    }

    public Intake(String accountId, String subject, String description, Integer severity, Category category,
            String priority, String risk, String productId, String version, String instanceId, Channel channel,
            String createdBy, String platform, boolean bySupport) {
        this(accountId, subject, description, severity, category, priority, risk, productId, version, instanceId,
                channel, createdBy, platform, bySupport, List.of());
    }

    /** An intake that names no platform (IS-TKT-5), filed by the customer. */
    public Intake(String accountId, String subject, String description, Integer severity, Category category,
            String priority, String risk, String productId, String version, String instanceId, Channel channel,
            String createdBy) {
        this(accountId, subject, description, severity, category, priority, risk, productId, version, instanceId,
                channel, createdBy, null, false);
    }
}
