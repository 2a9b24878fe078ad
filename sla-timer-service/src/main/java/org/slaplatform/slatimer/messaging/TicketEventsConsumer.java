package org.slaplatform.slatimer.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.runtime.inbox.IdempotentConsumer;
import org.slaplatform.slatimer.service.ClockKeeping;
import org.slaplatform.slatimer.service.TicketTracking;

import io.smallrye.mutiny.Uni;

/** Reads tickets.v1; each event is applied once, whatever the redeliveries. */
@ApplicationScoped
public class TicketEventsConsumer {

    public static final String CHANNEL = "ticket-events";
    static final String CONSUMER = "sla-timer.ticket-events";

    private final IdempotentConsumer consumer;
    private final TicketTracking tracking;
    private final ClockKeeping clocks;

    TicketEventsConsumer(IdempotentConsumer consumer, TicketTracking tracking, ClockKeeping clocks) {
        this.consumer = consumer;
        this.tracking = tracking;
        this.clocks = clocks;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onTicketEvent(Message<byte[]> message) {
        return consumer.consume(CONSUMER, message, this::apply);
    }

    private Uni<Void> apply(EventEnvelope<?> event) {
        Uni<Void> tracked = event.data() instanceof TicketCreated created
                ? tracking.track(created, event.id())
                : Uni.createFrom().voidItem();
        return tracked.chain(() -> clocks.apply(event));
    }
}
