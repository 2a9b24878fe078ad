package org.slaplatform.runtime.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.PoisonEventException;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.runtime.testing.PolledBatch;
import org.slaplatform.runtime.testing.TicketEvents;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * DESIGN-2 (inbox row and effect in one transaction) and DESIGN-6 (poison to the dead-letter topic) for
 * {@link IdempotentBatchConsumer#consumeReactive}: an effect on Hibernate Reactive, in the library's small
 * application, on batches polled from the real broker and a real PostgreSQL. The blocking variant has the
 * same cases in {@link IdempotentBatchConsumerTest}.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class IdempotentBatchConsumerReactiveTest {

    @Inject
    IdempotentBatchConsumer consumer;

    @Inject
    MeterRegistry registry;

    @Inject
    Mutiny.SessionFactory sessionFactory;

    private final String name = "reactive-" + UUID.randomUUID();

    @Test
    @DisplayName("DESIGN-2: a batch holding the same event id twice applies it once; delivered again, it changes nothing")
    void duplicatesInsideAndAcrossBatchesAreAppliedOnce() throws Throwable {
        UUID ticket = UUID.randomUUID();
        EventEnvelope<TicketStateChanged> first = TicketEvents.change(ticket, 1);
        EventEnvelope<TicketStateChanged> second = TicketEvents.change(ticket, 2);
        PolledBatch batch = new PolledBatch();
        batch.send(List.of(CloudEventCodec.toRecord(first), CloudEventCodec.toRecord(second), CloudEventCodec.toRecord(first)));
        List<List<String>> calls = new CopyOnWriteArrayList<>();

        for (int delivery = 0; delivery < 2; delivery++) {
            consume(batch.poll(3), events -> {
                calls.add(events.stream().map(EventEnvelope::id).toList());
                return record(events);
            });
        }

        assertThat(calls).as("the second delivery finds every id in the inbox").containsExactly(List.of(first.id(), second.id()));
        assertThat(effects()).isEqualTo(2);
        assertThat(ConsumedEvents.counter(registry, name, ConsumedEvents.PROCESSED).count()).isEqualTo(2);
        assertThat(ConsumedEvents.counter(registry, name, ConsumedEvents.DUPLICATE).count()).isEqualTo(4);
        assertThat(batch.acked).containsExactly(2L, 2L);
    }

    @Test
    @DisplayName("DESIGN-2: an effect that fails rolls back its inbox rows, so the retry applies every event, once")
    void aFailedEffectIsRolledBackAndRetried() throws Throwable {
        UUID ticket = UUID.randomUUID();
        PolledBatch batch = new PolledBatch();
        batch.send(List.of(CloudEventCodec.toRecord(TicketEvents.change(ticket, 1)),
                CloudEventCodec.toRecord(TicketEvents.change(ticket, 2))));
        AtomicInteger tries = new AtomicInteger();

        consume(batch.poll(2), events -> record(events).chain(() -> tries.incrementAndGet() == 1
                ? Uni.createFrom().failure(new IllegalStateException("the database went away mid-batch"))
                : Uni.createFrom().voidItem()));

        assertThat(tries).hasValue(2);
        assertThat(effects()).isEqualTo(2);
        assertThat(ServiceDatabase.count("select count(*) from inbox where consumer = '" + name + "'")).isEqualTo(2);
        assertThat(batch.acked).containsExactly(1L);
    }

    @Test
    @DisplayName("DESIGN-6: an undecodable record and an event the effect refuses are nacked alone; the others are applied, each once")
    void poisonCostsOnlyItself() throws Throwable {
        UUID ticket = UUID.randomUUID();
        List<EventEnvelope<TicketStateChanged>> events = List.of(TicketEvents.change(ticket, 1),
                TicketEvents.change(ticket, 2), TicketEvents.change(ticket, 3));
        String refused = events.get(1).id();
        PolledBatch batch = new PolledBatch();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events.stream().map(CloudEventCodec::toRecord).toList());
        records.add(new ProducerRecord<>("any", null, ticket.toString(), "{not json".getBytes(StandardCharsets.UTF_8),
                new RecordHeaders()));
        batch.send(records);
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();

        consume(batch.poll(4), applied -> {
            batchSizes.add(applied.size());
            return record(applied).chain(() -> applied.stream().anyMatch(e -> e.id().equals(refused))
                    ? Uni.createFrom().failure(new PoisonEventException("refers to a contract that can never exist"))
                    : Uni.createFrom().voidItem());
        });

        assertThat(batchSizes).as("the batch once, then one event per transaction").containsExactly(3, 1, 1, 1);
        assertThat(effects()).as("the refused event's effect went with its rollback").isEqualTo(2);
        assertThat(ServiceDatabase.count("select count(*) from inbox where event_id = '" + refused + "'")).isZero();
        assertThat(batch.nacked).extracting(PolledBatch.Nacked::offset).containsExactlyInAnyOrder(1L, 3L);
        assertThat(batch.nacked).allSatisfy(nack -> assertThat(nack.reason()).isInstanceOf(PoisonEventException.class));
        assertThat(ConsumedEvents.counter(registry, name, ConsumedEvents.PROCESSED).count()).isEqualTo(2);
        assertThat(ConsumedEvents.counter(registry, name, ConsumedEvents.DEAD_LETTERED).count()).isEqualTo(2);
        assertThat(batch.acked).as("the consumer goes on").containsExactly(3L);
    }

    @Test
    @DisplayName("Redelivered batches add no plan to Hibernate's query plan cache")
    void redeliveriesAddNoQueryPlans() throws Throwable {
        Statistics statistics = sessionFactory.getStatistics();
        statistics.setStatisticsEnabled(true);
        try {
            PolledBatch topic = new PolledBatch();
            topic.send(List.of(CloudEventCodec.toRecord(TicketEvents.change(UUID.randomUUID(), 1))));
            KafkaRecordBatch<String, byte[]> batch = topic.poll(1);
            consume(batch, this::record);
            long missesAfterFirst = statistics.getQueryPlanCacheMissCount();

            for (int redelivery = 0; redelivery < 20; redelivery++) {
                consume(batch, this::record);
            }

            // Each redelivery runs the inbox statement again. Run as a native query of Hibernate Reactive, each run
            // was a miss that stored one more plan (see SessionSql): 20 here.
            assertThat(statistics.getQueryPlanCacheMissCount() - missesAfterFirst).as("plans made again").isZero();
            assertThat(effects()).isEqualTo(1);
        } finally {
            statistics.setStatisticsEnabled(false);
        }
    }

    private void consume(KafkaRecordBatch<String, byte[]> batch, IdempotentBatchConsumer.ReactiveBatchEffect effect)
            throws Throwable {
        VertxContextSupport.subscribeAndAwait(() -> consumer.consumeReactive(name, batch, effect));
    }

    private Uni<Void> record(List<EventEnvelope<?>> events) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> Panache.getSession().chain(session -> session
                        .createNativeQuery("insert into effects (consumer, event_id, note) values (:consumer, :id, :note)")
                        .setParameter("consumer", name).setParameter("id", event.id())
                        .setParameter("note", ((TicketStateChanged) event.data()).note()).executeUpdate()))
                .collect().last().replaceWithVoid();
    }

    private long effects() {
        return ServiceDatabase.count("select count(*) from effects where consumer = '" + name + "'");
    }
}
