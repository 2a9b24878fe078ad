package org.slaplatform.events.sla;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * NTF-1: a breached target, still not met, climbs one step of the policy's escalation chain; for
 * notification-service. Published once per ticket, target, cycle and level.
 *
 * @param level       SUPPORT, ACCOUNT_MANAGER or EXECUTIVE
 * @param breachedAt  when the target was breached (its due time)
 * @param escalatedAt the breach plus the step's {@code afterBreach} delay
 */
public record SlaEscalated(UUID ticketId, String accountId, String target, int cycle, int severity, String level,
        Instant breachedAt, Instant escalatedAt, String policy, int policyVersion) {

    public SlaEscalated {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(escalatedAt, "escalatedAt");
    }
}
