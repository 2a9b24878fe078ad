package org.slaplatform.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.product.ProductChanged;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.notification.delivery.DeliveryWorker;
import org.slaplatform.notification.repository.ContactDirectory;
import org.slaplatform.notification.repository.LifecycleSchedule;
import org.slaplatform.notification.repository.TicketTargets;
import org.slaplatform.notification.service.NoticePlanner;
import org.slaplatform.runtime.inbox.IdempotentConsumer;

import io.smallrye.mutiny.Uni;

/**
 * Reads every notice-worthy topic and the compacted contracts.v1 (the channel's {@code topics}
 * list, one consumer group) and applies each event once, in the transaction of its inbox row,
 * whatever the redeliveries: deliveries planned, or the contacts view updated.
 */
@ApplicationScoped
public class NoticeEventsConsumer {

    public static final String CHANNEL = "notice-events";
    public static final String CONSUMER = "notification.notice-events";

    private final IdempotentConsumer consumer;
    private final NoticePlanner planner;
    private final DeliveryWorker worker;
    private final ContactDirectory contacts;
    private final TicketTargets targets;
    private final LifecycleSchedule lifecycle;

    NoticeEventsConsumer(IdempotentConsumer consumer, NoticePlanner planner, DeliveryWorker worker,
            ContactDirectory contacts, TicketTargets targets, LifecycleSchedule lifecycle) {
        this.consumer = consumer;
        this.planner = planner;
        this.worker = worker;
        this.contacts = contacts;
        this.targets = targets;
        this.lifecycle = lifecycle;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onEvent(Message<byte[]> message) {
        // after the commit, so the worker finds the new deliveries instead of waiting for its next look
        return consumer.consume(CONSUMER, message, this::apply).invoke(worker::wakeUp);
    }

    /**
     * A contract revision updates the contacts view and the licensed products (compacted contracts.v1),
     * a product revision the lifecycle dates (products.v1), a ticket's transition the targets it met;
     * any other event may be a notice.
     */
    private Uni<Void> apply(EventEnvelope<?> event) {
        if (event.data() instanceof ContractChanged contract) {
            return contacts.apply(contract)
                    .chain(newer -> newer ? lifecycle.apply(contract) : Uni.createFrom().voidItem());
        }
        if (event.data() instanceof ProductChanged product) {
            return lifecycle.apply(product);
        }
        if (event.data() instanceof TicketStateChanged change) {
            return targets.apply(change);
        }
        return planner.plan(event);
    }
}
