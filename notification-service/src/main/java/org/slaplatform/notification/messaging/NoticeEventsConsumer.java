package org.slaplatform.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.slaplatform.notification.delivery.DeliveryWorker;
import org.slaplatform.notification.service.NoticePlanner;
import org.slaplatform.runtime.inbox.IdempotentConsumer;

import io.smallrye.mutiny.Uni;

/**
 * Reads every notice-worthy topic (the channel's {@code topics} list) and plans each event's
 * deliveries once, in the transaction of its inbox row, whatever the redeliveries.
 */
@ApplicationScoped
public class NoticeEventsConsumer {

    public static final String CHANNEL = "notice-events";
    public static final String CONSUMER = "notification.notice-events";

    private final IdempotentConsumer consumer;
    private final NoticePlanner planner;
    private final DeliveryWorker worker;

    NoticeEventsConsumer(IdempotentConsumer consumer, NoticePlanner planner, DeliveryWorker worker) {
        this.consumer = consumer;
        this.planner = planner;
        this.worker = worker;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onEvent(Message<byte[]> message) {
        // after the commit, so the worker finds the new deliveries instead of waiting for its next look
        return consumer.consume(CONSUMER, message, planner::plan).invoke(worker::wakeUp);
    }
}
