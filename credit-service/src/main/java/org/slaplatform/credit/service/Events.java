package org.slaplatform.credit.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.credit.config.ServiceName;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventType;
import org.slaplatform.runtime.outbox.Outbox;

import io.smallrye.mutiny.Uni;

/** credit-service's events into the outbox of the current transaction, keyed by account (credits.v1). */
@ApplicationScoped
public class Events {

    private final Outbox outbox;

    Events(Outbox outbox) {
        this.outbox = outbox;
    }

    public <T> Uni<Void> publish(EventType<T> type, String accountId, Instant at, T data) {
        return outbox.append(EventEnvelope.of(type, ServiceName.VALUE, accountId, at, data));
    }
}
