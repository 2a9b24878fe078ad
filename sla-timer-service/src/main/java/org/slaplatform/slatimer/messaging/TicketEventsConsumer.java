package org.slaplatform.slatimer.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.slaplatform.runtime.inbox.IdempotentBatchConsumer;
import org.slaplatform.slatimer.service.ClockKeeping;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Reads tickets.v1 a polled batch at a time (channel {@code batch=true}); each batch is applied in one
 * transaction, each event once whatever the redeliveries, poison records to the dead-letter topic.
 */
@ApplicationScoped
public class TicketEventsConsumer {

    public static final String CHANNEL = "ticket-events";
    static final String CONSUMER = "sla-timer.ticket-events";

    private final IdempotentBatchConsumer consumer;
    private final ClockKeeping clocks;

    TicketEventsConsumer(IdempotentBatchConsumer consumer, ClockKeeping clocks) {
        this.consumer = consumer;
        this.clocks = clocks;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onTicketEvents(KafkaRecordBatch<String, byte[]> batch) {
        return consumer.consume(CONSUMER, batch, clocks::applyBatch);
    }
}
