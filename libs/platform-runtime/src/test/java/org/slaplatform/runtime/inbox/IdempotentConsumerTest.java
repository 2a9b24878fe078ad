package org.slaplatform.runtime.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.PoisonEventException;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.testing.PolledBatch;
import org.slaplatform.runtime.testing.TicketEvents;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * DESIGN-2 "consumers record processed event ids in the same transaction as their effect (insert-first,
 * ON CONFLICT DO NOTHING)" and DESIGN-6 (poison to the dead-letter topic): {@link IdempotentConsumer}, which
 * needs Hibernate Reactive's session, in a small application of the library's own beans, on records polled
 * from the real broker and a real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class IdempotentConsumerTest {

    @Inject
    IdempotentConsumer consumer;

    @Inject
    MeterRegistry registry;

    @Inject
    Outbox outbox;

    private final String name = "consumer-" + UUID.randomUUID();

    @Test
    @DisplayName("DESIGN-2: the same event id delivered twice has its effect once")
    void theSameEventTwiceIsAppliedOnce() throws Throwable {
        EventEnvelope<TicketStateChanged> event = TicketEvents.change(UUID.randomUUID(), 1);
        PolledBatch records = new PolledBatch();
        records.send(List.of(CloudEventCodec.toRecord(event), CloudEventCodec.toRecord(event)));
        AtomicInteger calls = new AtomicInteger();

        for (var record : records.poll(2).getRecords()) {
            consume(record, e -> {
                calls.incrementAndGet();
                return effect(e);
            });
        }

        assertThat(calls).hasValue(1);
        assertThat(ServiceDatabase.count(effects(event))).isEqualTo(1);
        assertThat(ServiceDatabase.count("select count(*) from inbox where consumer = '" + name + "'")).isEqualTo(1);
        assertThat(ConsumedEvents.counter(registry, name, ConsumedEvents.PROCESSED).count()).isEqualTo(1);
        assertThat(ConsumedEvents.counter(registry, name, ConsumedEvents.DUPLICATE).count()).isEqualTo(1);
        assertThat(records.acked).containsExactly(0L, 1L);
    }

    @Test
    @DisplayName("DESIGN-2: an effect that fails rolls back its inbox row (and its outbox event), so the retry applies it, once")
    void aFailedEffectIsRolledBackWithItsInboxRowAndRetried() throws Throwable {
        EventEnvelope<TicketStateChanged> event = TicketEvents.change(UUID.randomUUID(), 1);
        EventEnvelope<TicketStateChanged> caused = TicketEvents.change(UUID.randomUUID(), 2);
        PolledBatch records = new PolledBatch();
        records.send(List.of(CloudEventCodec.toRecord(event)));
        AtomicInteger tries = new AtomicInteger();

        consume(records.poll(1).getRecords().get(0), e -> effect(e)
                .chain(() -> outbox.append(caused)) // the event this effect publishes, in the same transaction
                .chain(() -> tries.incrementAndGet() == 1
                        ? Uni.createFrom().failure(new IllegalStateException("the database went away"))
                        : Uni.createFrom().voidItem()));

        // had the first try's inbox row stayed, the retry would have skipped the effect
        assertThat(tries).hasValue(2);
        assertThat(ServiceDatabase.count(effects(event))).isEqualTo(1);
        assertThat(ServiceDatabase.count("select count(*) from outbox where event_id = '" + caused.id() + "'"))
                .as("Outbox.append (Panache) commits and rolls back with the effect").isEqualTo(1);
        assertThat(records.acked).containsExactly(0L);
    }

    @Test
    @DisplayName("DESIGN-6: a record that is no CloudEvent is nacked for the dead-letter topic, before any transaction")
    void anUndecodableRecordIsDeadLettered() throws Throwable {
        PolledBatch records = new PolledBatch();
        records.send(List.of(new ProducerRecord<>("any", null, "k", "garbage".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders())));
        AtomicInteger calls = new AtomicInteger();

        consume(records.poll(1).getRecords().get(0), e -> {
            calls.incrementAndGet();
            return Uni.createFrom().voidItem();
        });

        assertThat(calls).hasValue(0);
        assertThat(records.nacked).singleElement()
                .satisfies(nack -> assertThat(nack.reason()).isInstanceOf(PoisonEventException.class));
        assertThat(ConsumedEvents.counter(registry, name, ConsumedEvents.DEAD_LETTERED).count()).isEqualTo(1);
        assertThat(records.acked).as("the dead-letter queue acknowledges it").isEmpty();
    }

    @Test
    @DisplayName("DESIGN-6: an event the effect refuses as poison is nacked (not also acked), its inbox row and effect rolled back; the next record is applied")
    void anEventRefusedByTheEffectIsDeadLetteredAndTheConsumerGoesOn() throws Throwable {
        EventEnvelope<TicketStateChanged> poison = TicketEvents.change(UUID.randomUUID(), 1);
        EventEnvelope<TicketStateChanged> next = TicketEvents.change(UUID.randomUUID(), 2);
        PolledBatch records = new PolledBatch();
        records.send(List.of(CloudEventCodec.toRecord(poison), CloudEventCodec.toRecord(next)));

        for (var record : records.poll(2).getRecords()) {
            consume(record, e -> effect(e).chain(() -> e.id().equals(poison.id())
                    ? Uni.createFrom().failure(new PoisonEventException("refers to a contract that can never exist"))
                    : Uni.createFrom().voidItem()));
        }

        assertThat(records.nacked).singleElement().satisfies(nack -> assertThat(nack.offset()).isZero());
        assertThat(ServiceDatabase.count(effects(poison))).isZero();
        assertThat(ServiceDatabase.count("select count(*) from inbox where event_id = '" + poison.id() + "'")).isZero();
        assertThat(ServiceDatabase.count(effects(next))).isEqualTo(1);
        assertThat(records.acked).as("the nacked record is the dead-letter queue's to acknowledge, once").containsExactly(1L);
    }

    private void consume(Message<byte[]> record, Function<EventEnvelope<?>, Uni<Void>> effect) throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> consumer.consume(name, record, effect));
    }

    private Uni<Void> effect(EventEnvelope<?> event) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into effects (consumer, event_id, note) values (:consumer, :id, :note)")
                .setParameter("consumer", name).setParameter("id", event.id())
                .setParameter("note", ((TicketStateChanged) event.data()).note()).executeUpdate()).replaceWithVoid();
    }

    private String effects(EventEnvelope<?> event) {
        return "select count(*) from effects where consumer = '" + name + "' and event_id = '" + event.id() + "'";
    }
}
