package org.slaplatform.events.ticket;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Support answered a feature request (IS-TKT-9): ON_ROADMAP, ADDED_TO_ROADMAP (with a timeline),
 * NOT_ON_ROADMAP or DENIED (with a reason).
 */
public record FeatureRequestAnswered(UUID ticketId, String accountId, String answer, String timeline, String reason,
        Instant occurredAt, String actor) {

    public FeatureRequestAnswered {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
