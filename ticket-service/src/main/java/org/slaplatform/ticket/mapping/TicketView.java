package org.slaplatform.ticket.mapping;

import java.time.Instant;
import java.util.UUID;

import org.slaplatform.ticket.domain.Ticket;

/** A ticket as the API shows it. */
public record TicketView(UUID id, String accountId, String subject, String description, int severity, String state,
        String channel, String createdBy, Instant createdAt, Instant updatedAt) {

    public static TicketView of(Ticket ticket) {
        return new TicketView(ticket.id, ticket.accountId, ticket.subject, ticket.description, ticket.severity,
                ticket.state.name(), ticket.channel.name(), ticket.createdBy, ticket.createdAt, ticket.updatedAt);
    }
}
