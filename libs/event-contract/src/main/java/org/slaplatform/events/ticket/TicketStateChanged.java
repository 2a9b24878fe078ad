package org.slaplatform.events.ticket;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A ticket moved from one TKT-4 state to another. Together with {@link TicketCreated} and
 * {@link TicketSeverityChanged} these events are the whole history a clock is derived from: pauses
 * (IS-SLA-3), first response, workaround, resolution and reopening.
 *
 * @param policy        the policy and version the ticket was created under (POL-3), repeated here so
 *                      that a consumer needs no other event to judge this one
 * @param severity      the severity in force at the transition
 * @param reopened      true when the ticket left RESOLVED or CLOSED
 * @param occurredAt    when the transition happened
 */
public record TicketStateChanged(UUID ticketId, String accountId, String policy, int policyVersion, String fromState,
        String toState, boolean reopened, int severity, Instant occurredAt, String actor, String note) {

    public TicketStateChanged {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(fromState, "fromState");
        Objects.requireNonNull(toState, "toState");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
