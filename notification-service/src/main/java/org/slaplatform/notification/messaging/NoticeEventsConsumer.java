package org.slaplatform.notification.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.product.ProductChanged;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.notification.delivery.DeliveryWorker;
import org.slaplatform.notification.repository.ContactDirectory;
import org.slaplatform.notification.repository.LifecycleSchedule;
import org.slaplatform.notification.repository.TicketTargets;
import org.slaplatform.notification.service.NoticePlanner;
import org.slaplatform.runtime.inbox.IdempotentBatchConsumer;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Reads every notice-worthy topic and the compacted contracts.v1 and products.v1 (the channel's
 * {@code topics} list, one consumer group) a polled batch at a time, and applies each event once,
 * whatever the redeliveries: deliveries planned, the contacts view, the lifecycle schedule or the
 * targets a ticket met updated.
 *
 * <p>A batch is one transaction of the platform's batch inbox ({@link IdempotentBatchConsumer#consumeReactive}:
 * the inbox rows first, then these effects in record order, consecutive notices planned together by
 * {@link NoticePlanner#planAll}); dead letters, the one-event-per-transaction replay around a poison
 * event and the retries are the inbox's. After the commit the delivery worker is woken.
 */
@ApplicationScoped
public class NoticeEventsConsumer {

    public static final String CHANNEL = "notice-events";
    public static final String CONSUMER = "notification.notice-events";

    private final IdempotentBatchConsumer inbox;
    private final NoticePlanner planner;
    private final DeliveryWorker worker;
    private final ContactDirectory contacts;
    private final TicketTargets targets;
    private final LifecycleSchedule lifecycle;

    NoticeEventsConsumer(IdempotentBatchConsumer inbox, NoticePlanner planner, DeliveryWorker worker,
            ContactDirectory contacts, TicketTargets targets, LifecycleSchedule lifecycle) {
        this.inbox = inbox;
        this.planner = planner;
        this.worker = worker;
        this.contacts = contacts;
        this.targets = targets;
        this.lifecycle = lifecycle;
    }

    @Incoming(CHANNEL)
    public Uni<Void> onBatch(KafkaRecordBatch<String, byte[]> batch) {
        return inbox.consumeReactive(CONSUMER, batch, this::applyInOrder)
                // after the commit, so the worker finds the new deliveries instead of waiting for its next look
                .invoke(worker::wakeUp);
    }

    /** Effects in record order; runs of consecutive notices are planned together. */
    private Uni<Void> applyInOrder(List<EventEnvelope<?>> events) {
        List<List<EventEnvelope<?>>> runs = new ArrayList<>();
        List<EventEnvelope<?>> notices = new ArrayList<>();
        for (EventEnvelope<?> event : events) {
            if (updatesAView(event)) {
                if (!notices.isEmpty()) {
                    runs.add(notices);
                    notices = new ArrayList<>();
                }
                runs.add(List.of(event));
            } else {
                notices.add(event);
            }
        }
        if (!notices.isEmpty()) {
            runs.add(notices);
        }
        return Multi.createFrom().iterable(runs)
                .onItem().transformToUniAndConcatenate(run -> run.size() == 1 && updatesAView(run.get(0))
                        ? apply(run.get(0)) : planner.planAll(run))
                .collect().asList().replaceWithVoid();
    }

    private static boolean updatesAView(EventEnvelope<?> event) {
        return event.data() instanceof ContractChanged || event.data() instanceof ProductChanged
                || event.data() instanceof TicketStateChanged;
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
