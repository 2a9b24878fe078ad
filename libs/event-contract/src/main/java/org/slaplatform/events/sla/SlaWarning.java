package org.slaplatform.events.sla;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * SLA-5: a target's clock reached one of the policy's warning thresholds. Published once per ticket,
 * target, cycle and threshold.
 *
 * @param target        the target kind: FIRST_RESPONSE, WORKAROUND, RESOLUTION, NEXT_RESPONSE
 * @param cycle         0 for the first cycle; a reopen under {@code reopen.behaviour: new-cycle} starts the next
 * @param percent       the threshold reached, e.g. 75
 * @param reachedAt     the instant the clock reached the threshold (the timer's deadline)
 * @param dueAt         when the target is due (100 %)
 */
public record SlaWarning(UUID ticketId, String accountId, String target, int cycle, int severity, int percent,
        Instant reachedAt, Instant dueAt, String calendar, String policy, int policyVersion) {

    public SlaWarning {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(reachedAt, "reachedAt");
    }
}
