package org.slaplatform.events.ticket;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Support changed a ticket's severity (IS-TKT-2); the running targets are recomputed from the
 * ticket's start (SLA-4).
 *
 * @param state the ticket's state when it happened
 */
public record TicketSeverityChanged(UUID ticketId, String accountId, String policy, int policyVersion,
        int fromSeverity, int toSeverity, String state, Instant occurredAt, String actor, String reason) {

    public TicketSeverityChanged {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
