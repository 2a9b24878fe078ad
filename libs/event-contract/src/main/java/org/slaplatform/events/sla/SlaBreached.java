package org.slaplatform.events.sla;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * SLA-5: a target was not met by its due time. Published once per ticket, target and cycle.
 *
 * @param dueAt the deadline that passed; also the event's {@code ce_time}
 */
public record SlaBreached(UUID ticketId, String accountId, String target, int cycle, int severity, Instant dueAt,
        String calendar, String policy, int policyVersion) {

    public SlaBreached {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(dueAt, "dueAt");
    }
}
