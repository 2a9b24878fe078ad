package org.slaplatform.runtime.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.EventEnvelope;

import io.smallrye.mutiny.Uni;

/**
 * Writes events into the outbox table of the current reactive transaction, so that an event exists
 * exactly when the business change that caused it committed (DESIGN: no dual write).
 */
@ApplicationScoped
public class Outbox {

    /** Must run inside {@code Panache.withTransaction}; the relay publishes after the commit. */
    public Uni<Void> append(EventEnvelope<?> event) {
        return OutboxRecord.of(event).persist().replaceWithVoid();
    }
}
