package org.slaplatform.events.ticket;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A ticket was escalated on request to the next tier (INF-TKT-7): SUPPORT, ACCOUNT_MANAGER, EXECUTIVE.
 *
 * @param contactName  the contract's contact for that tier, when the contract names one
 * @param contactEmail that contact's address
 */
public record TicketEscalated(UUID ticketId, String accountId, String fromLevel, String level, String contactName,
        String contactEmail, Instant occurredAt, String actor, String reason) {

    public TicketEscalated {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
