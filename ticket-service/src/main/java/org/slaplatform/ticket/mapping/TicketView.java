package org.slaplatform.ticket.mapping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slaplatform.ticket.domain.Ticket;

/** A ticket as the API shows it. */
public record TicketView(UUID id, String accountId, String subject, String description, int severity, String state,
        String channel, String category, String priority, String risk, String policy, int policyVersion,
        String productId, String version, String instanceId, String environment, List<String> flags,
        String escalationLevel, String featureAnswer, String featureTimeline, String featureReason, String createdBy,
        Instant createdAt, Instant updatedAt, String platform) {

    public static TicketView of(Ticket t) {
        return new TicketView(t.id, t.accountId, t.subject, t.description, t.severity, t.state.name(), t.channel.name(),
                t.category.name(), t.priority, t.risk, t.policy, t.policyVersion, t.productId, t.version, t.instanceId,
                t.environment, t.flagList(), t.escalationLevel.name(), t.featureAnswer == null ? null : t.featureAnswer.name(),
                t.featureTimeline, t.featureReason, t.createdBy, t.createdAt, t.updatedAt, t.platform);
    }
}
