package org.slaplatform.ticket.service;

import org.slaplatform.ticket.domain.Category;
import org.slaplatform.ticket.domain.Channel;

/**
 * A ticket to file, whatever the channel (IS-TKT-1), once the account it is for is known.
 *
 * @param createdBy who filed it: the token's subject, or the sender's address for email
 */
public record Intake(String accountId, String subject, String description, int severity, Category category,
        String priority, String risk, String productId, String version, String instanceId, Channel channel,
        String createdBy) {
}
