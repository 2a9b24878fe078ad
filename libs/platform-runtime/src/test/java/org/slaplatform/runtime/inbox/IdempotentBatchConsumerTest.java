package org.slaplatform.runtime.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.PoisonEventException;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.runtime.health.TestHeartbeats;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.outbox.OutboxPublisher;
import org.slaplatform.runtime.testing.PolledBatch;
import org.slaplatform.runtime.testing.Published;
import org.slaplatform.runtime.testing.RuntimeBroker;
import org.slaplatform.runtime.testing.RuntimeDatabase;
import org.slaplatform.runtime.testing.TicketEvents;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * DESIGN-2 "consumers record processed event ids in the same transaction as their effect (insert-first,
 * ON CONFLICT DO NOTHING)" and DESIGN-6 "a poison record goes to a dead-letter topic and the consumer goes
 * on": {@link IdempotentBatchConsumer} on batches polled from a real broker, over a real PostgreSQL.
 */
class IdempotentBatchConsumerTest {

    private static RuntimeDatabase db;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private IdempotentBatchConsumer consumer;
    private final String name = "consumer-" + UUID.randomUUID();

    @BeforeAll
    static void database() {
        db = RuntimeDatabase.migrated(); // with the table "effects": one row per event applied
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private IdempotentBatchConsumer consumer() throws SQLException {
        if (consumer == null) {
            consumer = new IdempotentBatchConsumer(db.dataSource(), meters, TestHeartbeats.of(meters));
        }
        return consumer;
    }

    @Test
    @DisplayName("DESIGN-2: a batch holding the same event id twice applies it once, in record order")
    void aDuplicateInsideABatchIsAppliedOnce() throws Exception {
        UUID ticket = UUID.randomUUID();
        EventEnvelope<TicketStateChanged> first = TicketEvents.change(ticket, 1);
        EventEnvelope<TicketStateChanged> second = TicketEvents.change(ticket, 2);
        PolledBatch batch = new PolledBatch();
        batch.send(List.of(CloudEventCodec.toRecord(first), CloudEventCodec.toRecord(second), CloudEventCodec.toRecord(first)));
        List<List<String>> calls = new ArrayList<>();

        consumer().consume(name, batch.poll(3), (connection, events) -> {
            calls.add(events.stream().map(EventEnvelope::id).toList());
            record(connection, events);
        }).await().atMost(Duration.ofSeconds(30));

        assertThat(calls).containsExactly(List.of(first.id(), second.id()));
        assertThat(effects()).containsExactly(first.id(), second.id());
        assertThat(db.count("select count(*) from inbox where consumer = '" + name + "'")).isEqualTo(2);
        assertThat(count(ConsumedEvents.PROCESSED)).isEqualTo(2);
        assertThat(count(ConsumedEvents.DUPLICATE)).isEqualTo(1);
        assertThat(batch.acked).as("the batch is acknowledged after its commit").containsExactly(2L);
        assertThat(batch.nacked).isEmpty();
    }

    @Test
    @DisplayName("DESIGN-2: a batch delivered again (the relay's at-least-once window, a rebalance) has no effect the second time")
    void aRedeliveredBatchChangesNothing() throws Exception {
        UUID ticket = UUID.randomUUID();
        PolledBatch batch = new PolledBatch();
        batch.send(List.of(CloudEventCodec.toRecord(TicketEvents.change(ticket, 1)),
                CloudEventCodec.toRecord(TicketEvents.change(ticket, 2))));
        AtomicInteger calls = new AtomicInteger();

        for (int delivery = 0; delivery < 2; delivery++) {
            consumer().consume(name, batch.poll(2), (connection, events) -> {
                calls.incrementAndGet();
                record(connection, events);
            }).await().atMost(Duration.ofSeconds(30));
        }

        assertThat(calls).as("the second delivery finds every id in the inbox and calls no effect").hasValue(1);
        assertThat(effects()).hasSize(2);
        assertThat(count(ConsumedEvents.PROCESSED)).isEqualTo(2);
        assertThat(count(ConsumedEvents.DUPLICATE)).isEqualTo(2);
        assertThat(batch.acked).containsExactly(1L, 1L);
    }

    @Test
    @DisplayName("DESIGN-2: an effect that fails rolls back its inbox rows with it, so the retry applies every event, once")
    void aFailedEffectRollsBackTheInboxAndIsRetried() throws Exception {
        UUID ticket = UUID.randomUUID();
        PolledBatch batch = new PolledBatch();
        batch.send(List.of(CloudEventCodec.toRecord(TicketEvents.change(ticket, 1)),
                CloudEventCodec.toRecord(TicketEvents.change(ticket, 2))));
        AtomicInteger tries = new AtomicInteger();

        consumer().consume(name, batch.poll(2), (connection, events) -> {
            record(connection, events);
            if (tries.incrementAndGet() == 1) {
                throw new SQLException("the database went away mid-batch");
            }
        }).await().atMost(Duration.ofSeconds(30));

        // had the inbox rows of the failed try stayed, the retry would have found them and skipped the effect
        assertThat(tries).hasValue(2);
        assertThat(effects()).hasSize(2).doesNotHaveDuplicates();
        assertThat(db.count("select count(*) from inbox where consumer = '" + name + "'")).isEqualTo(2);
        assertThat(count(ConsumedEvents.PROCESSED)).isEqualTo(2);
        assertThat(batch.acked).containsExactly(1L);
    }

    @Test
    @DisplayName("DESIGN-6: a record that is no CloudEvent is nacked for the dead-letter topic; the rest of its batch is applied")
    void anUndecodableRecordIsDeadLetteredAndTheOthersApplied() throws Exception {
        UUID ticket = UUID.randomUUID();
        EventEnvelope<TicketStateChanged> good = TicketEvents.change(ticket, 1);
        EventEnvelope<TicketStateChanged> alsoGood = TicketEvents.change(ticket, 3);
        PolledBatch batch = new PolledBatch();
        batch.send(List.of(CloudEventCodec.toRecord(good),
                new ProducerRecord<>("any", null, ticket.toString(), "{not json".getBytes(StandardCharsets.UTF_8),
                        new RecordHeaders()),
                CloudEventCodec.toRecord(alsoGood)));

        consumer().consume(name, batch.poll(3), IdempotentBatchConsumerTest::record).await().atMost(Duration.ofSeconds(30));

        assertThat(effects()).containsExactly(good.id(), alsoGood.id());
        assertThat(batch.nacked).singleElement().satisfies(nack -> {
            assertThat(nack.offset()).isEqualTo(1L);
            assertThat(nack.reason()).isInstanceOf(PoisonEventException.class).hasMessageContaining("ce_specversion");
        });
        assertThat(count(ConsumedEvents.DEAD_LETTERED)).isEqualTo(1);
        assertThat(batch.acked).as("the consumer goes on").containsExactly(2L);
    }

    @Test
    @DisplayName("DESIGN-6: an event the effect refuses as poison is nacked alone; the others of its batch are applied, each once")
    void anEventRefusedByTheEffectCostsOnlyItself() throws Exception {
        UUID ticket = UUID.randomUUID();
        List<EventEnvelope<TicketStateChanged>> events = List.of(TicketEvents.change(ticket, 1),
                TicketEvents.change(ticket, 2), TicketEvents.change(ticket, 3));
        String poison = events.get(1).id();
        PolledBatch batch = new PolledBatch();
        batch.send(events.stream().map(CloudEventCodec::toRecord).toList());

        consumer().consume(name, batch.poll(3), (connection, applied) -> {
            record(connection, applied);
            if (applied.stream().anyMatch(e -> e.id().equals(poison))) {
                throw new PoisonEventException("refers to a contract that can never exist");
            }
        }).await().atMost(Duration.ofSeconds(30));

        assertThat(effects()).containsExactly(events.get(0).id(), events.get(2).id());
        assertThat(db.count("select count(*) from inbox where consumer = '" + name + "' and event_id = '" + poison + "'"))
                .as("the poison event's inbox row went with its rollback").isZero();
        assertThat(batch.nacked).singleElement().satisfies(nack -> assertThat(nack.offset()).isEqualTo(1L));
        assertThat(count(ConsumedEvents.PROCESSED)).isEqualTo(2);
        assertThat(count(ConsumedEvents.DEAD_LETTERED)).isEqualTo(1);
        assertThat(batch.acked).containsExactly(2L);
    }

    @Test
    @DisplayName("DESIGN-2: the relay's at-least-once window (a crash between the broker's ack and the mark publishes a batch again) is covered by the consumer: each event applied once, in order")
    void theRelaysCrashWindowIsCoveredByTheInbox() throws Exception {
        UUID ticket = UUID.randomUUID();
        List<EventEnvelope<TicketStateChanged>> events = new ArrayList<>();
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            for (int n = 0; n < 6; n++) {
                events.add(TicketEvents.change(ticket, n));
                Outbox.append(connection, events.get(n));
            }
            connection.commit();
        }
        try (Producer<String, byte[]> producer = RuntimeBroker.relayProducer("crash-window-test")) {
            OutboxPublisher crashing = new OutboxPublisher(db.dataSource(), producer, 4) {
                @Override
                protected void beforeMark(List<Long> ids) {
                    throw new IllegalStateException("the relay's process dies after the broker acknowledged");
                }
            };
            assertThatThrownBy(crashing::publishBatch).isInstanceOf(IllegalStateException.class);
            OutboxPublisher restarted = new OutboxPublisher(db.dataSource(), producer, 4);
            while (restarted.publishBatch() > 0) {
                // drain
            }
        }
        List<ConsumerRecord<String, byte[]>> onKafka = Published.records("tickets.v1", Set.of(ticket.toString()), 10);
        assertThat(onKafka).as("6 events, the first 4 twice").hasSize(10);
        List<String> applied = new ArrayList<>();

        consumer().consume(name, new PolledBatch().batchOf(onKafka), (connection, first) -> {
            first.forEach(e -> applied.add(e.id()));
            record(connection, first);
        }).await().atMost(Duration.ofSeconds(30));

        assertThat(applied).containsExactlyElementsOf(events.stream().map(EventEnvelope::id).toList());
        assertThat(effects()).hasSize(6);
        assertThat(count(ConsumedEvents.DUPLICATE)).isEqualTo(4);
    }

    private static void record(Connection connection, List<EventEnvelope<?>> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into effects (consumer, event_id, note) "
                + "values ((select consumer from inbox where event_id = ? limit 1), ?, ?)")) {
            for (EventEnvelope<?> event : events) {
                insert.setString(1, event.id());
                insert.setString(2, event.id());
                insert.setString(3, ((TicketStateChanged) event.data()).note());
                insert.executeUpdate();
            }
        }
    }

    private List<String> effects() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = db.connect();
                PreparedStatement select = connection.prepareStatement(
                        "select event_id from effects where consumer = ? order by ctid")) {
            select.setString(1, name);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private double count(String outcome) {
        return ConsumedEvents.counter(meters, name, outcome).count();
    }
}
