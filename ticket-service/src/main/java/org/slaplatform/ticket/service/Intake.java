package org.slaplatform.ticket.service;

import org.slaplatform.ticket.domain.Category;
import org.slaplatform.ticket.domain.Channel;

/**
 * A ticket to file, whatever the channel (IS-TKT-1), once the account it is for is known.
 *
 * @param severity  a level of the policy's scale; null where the channel carries none (the policy's default applies)
 * @param createdBy who filed it: the token's subject, or the sender's address for email
 * @param platform  the platform the installation runs on (IS-TKT-5), when named or attached from the instance
 * @param bySupport filed by support (an agent or admin) rather than by the customer or a partner
 */
public record Intake(String accountId, String subject, String description, Integer severity, Category category,
        String priority, String risk, String productId, String version, String instanceId, Channel channel,
        String createdBy, String platform, boolean bySupport) {

    /** An intake that names no platform (IS-TKT-5), filed by the customer. */
    public Intake(String accountId, String subject, String description, Integer severity, Category category,
            String priority, String risk, String productId, String version, String instanceId, Channel channel,
            String createdBy) {
        this(accountId, subject, description, severity, category, priority, risk, productId, version, instanceId,
                channel, createdBy, null, false);
    }
}
