package org.slaplatform.slatimer.mapping;

import java.time.Instant;
import java.util.UUID;

import org.slaplatform.slatimer.domain.TrackedTicket;

/** What this service knows of a ticket's SLA. */
public record TicketSlaView(UUID ticketId, String accountId, int severity, Instant openedAt, Instant trackedAt) {

    public static TicketSlaView of(TrackedTicket ticket) {
        return new TicketSlaView(ticket.ticketId, ticket.accountId, ticket.severity, ticket.openedAt, ticket.recordedAt);
    }
}
