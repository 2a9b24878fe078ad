package org.slaplatform.notification.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.PoisonEventException;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.product.ProductChanged;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.notification.delivery.DeliveryWorker;
import org.slaplatform.notification.repository.ContactDirectory;
import org.slaplatform.notification.repository.LifecycleSchedule;
import org.slaplatform.notification.repository.TicketTargets;
import org.slaplatform.notification.service.NoticePlanner;
import org.slaplatform.runtime.health.Heartbeats;
import org.slaplatform.runtime.inbox.IdempotentBatchConsumer;
import org.slaplatform.runtime.trace.TraceContext;
import org.slaplatform.runtime.inbox.ConsumedEvents;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Reads every notice-worthy topic and the compacted contracts.v1 and products.v1 (the channel's
 * {@code topics} list, one consumer group) a polled batch at a time, and applies each event once,
 * whatever the redeliveries: deliveries planned, the contacts view, the lifecycle schedule or the
 * targets a ticket met updated.
 *
 * <p>A batch is one transaction: the inbox rows of all its events (insert-first: an event whose row
 * exists is a redelivery and changes nothing), then the effects in record order, consecutive notices
 * planned together ({@link NoticePlanner#planAll}). The batch is acknowledged after the commit, so a
 * crash before it replays the batch and the inbox makes the replay change nothing. A record that
 * cannot be decoded goes to the dead-letter topic; an event whose effect is poison
 * ({@link PoisonEventException}) makes the batch roll back and be applied again one event per
 * transaction, so that only the poison one is dead-lettered. Any other failure (database down)
 * retries the batch with back-off: nothing is skipped, order per key holds.
 */
@ApplicationScoped
public class NoticeEventsConsumer {

    private static final Logger LOG = Logger.getLogger(NoticeEventsConsumer.class);

    public static final String CHANNEL = "notice-events";
    public static final String CONSUMER = "notification.notice-events";

    private final NoticePlanner planner;
    private final DeliveryWorker worker;
    private final ContactDirectory contacts;
    private final TicketTargets targets;
    private final LifecycleSchedule lifecycle;
    private final MeterRegistry registry;
    private final Heartbeats heartbeats;

    NoticeEventsConsumer(NoticePlanner planner, DeliveryWorker worker, ContactDirectory contacts,
            TicketTargets targets, LifecycleSchedule lifecycle, MeterRegistry registry, Heartbeats heartbeats) {
        this.planner = planner;
        this.worker = worker;
        this.contacts = contacts;
        this.targets = targets;
        this.lifecycle = lifecycle;
        this.registry = registry;
        this.heartbeats = heartbeats;
    }

    /** One decoded record of the batch. */
    private record Decoded(KafkaRecord<String, byte[]> record, EventEnvelope<?> event) {
    }

    @Incoming(CHANNEL)
    public Uni<Void> onBatch(KafkaRecordBatch<String, byte[]> batch) {
        if (batch.getRecords().isEmpty()) {
            return handle(batch);
        }
        // in hand until acknowledged: a batch held past its bound makes the service not live
        Heartbeats.InHand inHand = heartbeats.inHand(IdempotentBatchConsumer.channel(CHANNEL, batch.getRecords().get(0)));
        return handle(batch).onItem().invoke(inHand::handled).onTermination().invoke(inHand::release);
    }

    private Uni<Void> handle(KafkaRecordBatch<String, byte[]> batch) {
        List<Decoded> events = new ArrayList<>();
        List<KafkaRecord<String, byte[]>> poison = new ArrayList<>();
        List<PoisonEventException> reasons = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
            try {
                events.add(new Decoded(record, CloudEventCodec.decode(record.getHeaders(), record.getKey(),
                        record.getPayload())));
            } catch (PoisonEventException e) {
                poison.add(record);
                reasons.add(e);
            }
        }
        // each event in this hop's span: its deliveries (and so their webhooks) continue its trace
        List<EventEnvelope<?>> traced = TraceContext.continueBatch(events.stream().<EventEnvelope<?>>map(Decoded::event)
                .toList());
        for (int i = 0; i < events.size(); i++) {
            events.set(i, new Decoded(events.get(i).record(), traced.get(i)));
        }
        Uni<Void> applied = Panache.withTransaction(() -> applyAll(events))
                .onFailure(PoisonEventException.class).recoverWithUni(e -> {
                    LOG.warnf("a batch of %d events holds a poison one (%s): applying them one by one", events.size(),
                            e.getMessage());
                    return Multi.createFrom().iterable(events)
                            .onItem().transformToUniAndConcatenate(this::applyAlone)
                            .collect().asList().replaceWithVoid();
                })
                .onFailure().invoke(e -> LOG.warnf("consumer %s failed on a batch of %d events, retrying: %s", CONSUMER,
                        events.size(), e))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely();
        return applied
                .chain(() -> deadLetter(poison, reasons))
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                // after the commit, so the worker finds the new deliveries instead of waiting for its next look
                .invoke(worker::wakeUp);
    }

    /** The inbox rows of the whole batch, then the effects of the first deliveries in record order. */
    private Uni<Void> applyAll(List<Decoded> events) {
        Set<String> ids = new LinkedHashSet<>();
        events.forEach(d -> ids.add(d.event().id()));
        return firstDeliveries(ids).chain(first -> {
            List<EventEnvelope<?>> fresh = new ArrayList<>();
            for (Decoded d : events) {
                // an event twice in one batch counts once, like a redelivery
                if (first.remove(d.event().id())) {
                    fresh.add(d.event());
                }
            }
            ConsumedEvents.counter(registry, CONSUMER, ConsumedEvents.PROCESSED).increment(fresh.size());
            ConsumedEvents.counter(registry, CONSUMER, ConsumedEvents.DUPLICATE)
                    .increment(events.size() - fresh.size());
            return applyInOrder(fresh);
        });
    }

    /**
     * Inserts the inbox rows of these event ids; answers those that were not there yet. Runs in the
     * caller's transaction: the rows are taken first, so an instance that reads the same batch after a
     * rebalance waits on them and then finds them.
     */
    private Uni<Set<String>> firstDeliveries(Set<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(new LinkedHashSet<>());
        }
        // one JSON parameter for the batch's ids, not one named parameter each
        return Panache.getSession().chain(session -> session.createNativeQuery("insert into inbox (consumer, event_id)"
                        + " select cast(:consumer as text), e from jsonb_array_elements_text(cast(cast(:ids as text) as jsonb)) as e"
                        + " on conflict do nothing returning event_id", String.class)
                .setParameter("consumer", CONSUMER)
                .setParameter("ids", new io.vertx.core.json.JsonArray(new ArrayList<>(ids)).encode())
                .getResultList()).map(LinkedHashSet::new);
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

    /** One event in its own transaction, after a batch met a poison one: the poison one is dead-lettered. */
    private Uni<Void> applyAlone(Decoded decoded) {
        EventEnvelope<?> event = decoded.event();
        return Panache.withTransaction(() -> firstDeliveries(Set.of(event.id()))
                        .chain(first -> first.isEmpty() ? Uni.createFrom().voidItem() : apply(event)))
                .onFailure(PoisonEventException.class).recoverWithUni(poison -> deadLetter(
                        List.of(decoded.record()), List.of((PoisonEventException) poison)));
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

    /** The channel's failure strategy sends each nacked record to the dead-letter topic with the reason. */
    private Uni<Void> deadLetter(List<KafkaRecord<String, byte[]>> records, List<PoisonEventException> reasons) {
        return Multi.createFrom().range(0, records.size())
                .onItem().transformToUniAndConcatenate(i -> {
                    LOG.errorf("consumer %s sends a poison record to the dead-letter topic: %s", CONSUMER,
                            reasons.get(i).getMessage());
                    ConsumedEvents.counter(registry, CONSUMER, ConsumedEvents.DEAD_LETTERED).increment();
                    return Uni.createFrom().completionStage(records.get(i).nack(reasons.get(i)));
                })
                .collect().asList().replaceWithVoid();
    }
}
