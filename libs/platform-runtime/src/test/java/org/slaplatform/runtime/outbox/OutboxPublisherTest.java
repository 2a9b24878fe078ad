package org.slaplatform.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.runtime.testing.Published;
import org.slaplatform.runtime.testing.RuntimeBroker;
import org.slaplatform.runtime.testing.RuntimeDatabase;
import org.slaplatform.runtime.testing.TicketEvents;

/**
 * DESIGN-2 "nothing lost, nothing doubled" and DESIGN-3 (CloudEvents in binary mode): what
 * {@link OutboxPublisher} moves from a real PostgreSQL outbox to a real Kafka broker.
 */
class OutboxPublisherTest {

    private static final String TOPIC = "tickets.v1";
    private static RuntimeDatabase db;
    private static Producer<String, byte[]> producer;

    @BeforeAll
    static void infrastructure() {
        db = RuntimeDatabase.migrated();
        producer = RuntimeBroker.relayProducer("outbox-publisher-test");
    }

    @AfterAll
    static void close() {
        producer.close();
        db.close();
    }

    @BeforeEach
    void emptyOutbox() {
        // each test starts with nothing waiting, so that what a batch holds is what the test wrote
        db.execute("update outbox set published_at = now() where published_at is null");
    }

    @Test
    @DisplayName("DESIGN-2/3: every row is published once, keyed by its aggregate id, with ce_id, ce_type, ce_source, ce_time, in commit order per key")
    void everyRowOnceWithCloudEventHeadersInOrderPerKey() throws Exception {
        Map<String, List<EventEnvelope<TicketStateChanged>>> byTicket = appendInterleaved(3, 7);
        OutboxPublisher publisher = new OutboxPublisher(db.dataSource(), producer, 4); // batches cut across keys

        int published = drain(publisher);

        assertThat(published).isEqualTo(21);
        List<ConsumerRecord<String, byte[]>> records = Published.records(TOPIC, byTicket.keySet(), 21);
        assertThat(records).as("each row once, none twice").hasSize(21);
        Map<String, EventEnvelope<TicketStateChanged>> byId = byTicket.values().stream().flatMap(List::stream)
                .collect(Collectors.toMap(EventEnvelope::id, e -> e));
        for (ConsumerRecord<String, byte[]> record : records) {
            EventEnvelope<TicketStateChanged> event = byId.get(Published.ceId(record));
            assertThat(record.key()).as("the record key is the aggregate id").isEqualTo(event.key());
            assertThat(header(record, CloudEventCodec.CE_SPECVERSION)).isEqualTo("1.0");
            assertThat(header(record, CloudEventCodec.CE_TYPE)).isEqualTo(event.type().type());
            assertThat(header(record, CloudEventCodec.CE_SOURCE)).isEqualTo("/runtime-test");
            assertThat(Instant.parse(header(record, CloudEventCodec.CE_TIME))).isEqualTo(event.time());
            assertThat(header(record, CloudEventCodec.CE_SUBJECT)).isEqualTo(event.subject());
            assertThat(header(record, CloudEventCodec.CE_TRACEPARENT)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
            assertThat(CloudEventCodec.fromRecord(record).data()).as("the data round-trips").isEqualTo(event.data());
        }
        byTicket.forEach((ticket, events) -> assertThat(Published.ceIds(records, ticket)).as("order of " + ticket)
                .containsExactlyElementsOf(events.stream().map(EventEnvelope::id).toList()));
        assertThat(db.count("select count(*) from outbox where published_at is null")).isZero();
        assertThat(publisher.publishBatch()).as("an acknowledged and marked row is not published again").isZero();
    }

    @Test
    @DisplayName("DESIGN-2: a publish that fails (broker unreachable) marks nothing; the rows wait and the next try publishes them, none lost")
    void aFailedPublishLeavesTheRowsToBeRetried() throws Exception {
        Map<String, List<EventEnvelope<TicketStateChanged>>> byTicket = appendInterleaved(2, 3);
        Properties unreachable = new Properties();
        unreachable.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"); // nothing listens there
        unreachable.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1000");
        unreachable.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "1500");
        unreachable.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000");
        unreachable.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        KafkaProducer<String, byte[]> down = new KafkaProducer<>(unreachable, new StringSerializer(),
                new ByteArraySerializer());
        try {
            OutboxPublisher failing = new OutboxPublisher(db.dataSource(), down, 500);
            assertThatThrownBy(failing::publishBatch).isInstanceOf(ExecutionException.class);
        } finally {
            down.close(Duration.ZERO);
        }
        assertThat(db.count("select count(*) from outbox where published_at is null")).as("nothing marked").isEqualTo(6);

        assertThat(drain(new OutboxPublisher(db.dataSource(), producer, 500))).isEqualTo(6);

        List<ConsumerRecord<String, byte[]>> records = Published.records(TOPIC, byTicket.keySet(), 6);
        byTicket.forEach((ticket, events) -> assertThat(Published.ceIds(records, ticket))
                .containsExactlyElementsOf(events.stream().map(EventEnvelope::id).toList()));
    }

    @Test
    @DisplayName("DESIGN-2 at-least-once window: a relay that dies after the broker's ack and before the mark publishes that one batch again, same ce_id, in order; nothing else twice")
    void aCrashBetweenAckAndMarkRepublishesOnlyThatBatch() throws Exception {
        Map<String, List<EventEnvelope<TicketStateChanged>>> byTicket = appendInterleaved(2, 5); // 10 rows
        OutboxPublisher first = new OutboxPublisher(db.dataSource(), producer, 4);
        assertThat(first.publishBatch()).isEqualTo(4); // rows 1-4 acknowledged and marked
        List<Long> crashedOn = new ArrayList<>();
        OutboxPublisher crashing = new OutboxPublisher(db.dataSource(), producer, 4) {
            @Override
            protected void beforeMark(List<Long> ids) {
                crashedOn.addAll(ids);
                throw new IllegalStateException("the relay's process dies here");
            }
        };
        assertThatThrownBy(crashing::publishBatch).hasMessageContaining("dies here"); // rows 5-8 on Kafka, not marked

        int afterRestart = drain(new OutboxPublisher(db.dataSource(), producer, 4));

        assertThat(crashedOn).hasSize(4);
        assertThat(afterRestart).as("the unmarked batch and the rest").isEqualTo(6);
        List<ConsumerRecord<String, byte[]>> records = Published.records(TOPIC, byTicket.keySet(), 14);
        assertThat(records).as("10 events + the 4 of the crashed batch again").hasSize(14);
        List<String> appendOrder = byTicket.values().stream().flatMap(List::stream).map(EventEnvelope::id).toList();
        Set<String> crashedIds = Set.copyOf(eventIdsOf(crashedOn));
        Map<String, Long> copies = records.stream().collect(Collectors.groupingBy(Published::ceId, Collectors.counting()));
        copies.forEach((id, n) -> assertThat(n).as(id).isEqualTo(crashedIds.contains(id) ? 2L : 1L));
        assertThat(copies.keySet()).containsExactlyInAnyOrderElementsOf(appendOrder);
        // per key, the stream is the commit order, with the crashed rows repeated: a consumer that drops a
        // ce_id it has seen (IdempotentConsumer, IdempotentBatchConsumer) sees each event once, in order
        byTicket.forEach((ticket, events) -> assertThat(
                Published.ceIds(records, ticket).stream().distinct().toList())
                .containsExactlyElementsOf(events.stream().map(EventEnvelope::id).toList()));
    }

    @Test
    @DisplayName("DESIGN-9: two relays on one outbox (advisory lock) publish every row exactly once and in order per key")
    void twoRelaysPublishEachRowOnce() throws Exception {
        Map<String, List<EventEnvelope<TicketStateChanged>>> byTicket = appendInterleaved(4, 50); // 200 rows
        OutboxPublisher a = new OutboxPublisher(db.dataSource(), producer, 7);
        OutboxPublisher b = new OutboxPublisher(db.dataSource(), producer, 7);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> byA = pool.submit(() -> drainUntilEmpty(a));
            Future<Integer> byB = pool.submit(() -> drainUntilEmpty(b));
            assertThat(byA.get() + byB.get()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }

        List<ConsumerRecord<String, byte[]>> records = Published.records(TOPIC, byTicket.keySet(), 200);
        assertThat(records).hasSize(200);
        byTicket.forEach((ticket, events) -> assertThat(Published.ceIds(records, ticket))
                .containsExactlyElementsOf(events.stream().map(EventEnvelope::id).toList()));
    }

    @Test
    @DisplayName("DESIGN-8 outbox lag: the age of the oldest unpublished row, 0 when none waits")
    void lagIsTheAgeOfTheOldestWaitingRow() throws Exception {
        OutboxPublisher publisher = new OutboxPublisher(db.dataSource(), producer, 500);
        assertThat(publisher.lagSeconds()).isZero();
        appendInterleaved(1, 1);
        db.execute("update outbox set created_at = now() - interval '90 seconds' where published_at is null");
        assertThat(publisher.lagSeconds()).isBetween(90.0, 120.0);
        drain(publisher);
        assertThat(publisher.lagSeconds()).isZero();
    }

    @Test
    @DisplayName("DESIGN-2: a row the broker can never take (over its 1 MB limit) stops the relay at that row: the rows before it are published once, none behind it is sent, and it waits (the lag grows) instead of being lost")
    void aRowTheBrokerRefusesStopsTheRelayAtThatRow() throws Exception {
        UUID ticket = UUID.randomUUID();
        List<EventEnvelope<TicketStateChanged>> events = new ArrayList<>();
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            for (int n = 0; n < 5; n++) {
                EventEnvelope<TicketStateChanged> event = TicketEvents.change(ticket, n);
                if (n == 2) {
                    TicketStateChanged d = event.data();
                    event = new EventEnvelope<>(event.id(), event.type(), event.source(), event.subject(), event.time(),
                            event.key(), new TicketStateChanged(d.ticketId(), d.accountId(), d.policy(), d.policyVersion(),
                                    d.fromState(), d.toState(), d.reopened(), d.severity(), d.occurredAt(), d.actor(),
                                    "x".repeat(1_100_000)));
                }
                Outbox.append(connection, event);
                events.add(event);
            }
            connection.commit();
        }
        OutboxPublisher publisher = new OutboxPublisher(db.dataSource(), producer, 500);

        for (int attempt = 0; attempt < 3; attempt++) { // the relay logs the refusal and tries again, forever
            assertThatThrownBy(publisher::publishBatch).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RecordTooLargeException.class);
        }

        List<ConsumerRecord<String, byte[]>> records = Published.records(TOPIC, Set.of(ticket.toString()), 2);
        assertThat(Published.ceIds(records, ticket.toString())).as("the rows before it, once; none behind it")
                .containsExactly(events.get(0).id(), events.get(1).id());
        assertThat(db.count("select count(*) from outbox where record_key = '" + ticket + "' and published_at is null"))
                .as("the refused row and the rows behind it wait, in order").isEqualTo(3);
        assertThat(publisher.lagSeconds()).as("the outbox lag shows it").isPositive();
    }

    /** {@code events} changes of each of {@code tickets} tickets, appended interleaved in one transaction. */
    private static Map<String, List<EventEnvelope<TicketStateChanged>>> appendInterleaved(int tickets, int events)
            throws Exception {
        Map<String, List<EventEnvelope<TicketStateChanged>>> byTicket = new LinkedHashMap<>();
        List<UUID> ids = new ArrayList<>();
        for (int t = 0; t < tickets; t++) {
            UUID ticket = UUID.randomUUID();
            ids.add(ticket);
            byTicket.put(ticket.toString(), new ArrayList<>());
        }
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            for (int n = 0; n < events; n++) {
                for (UUID ticket : ids) {
                    EventEnvelope<TicketStateChanged> event = TicketEvents.change(ticket, n);
                    Outbox.append(connection, event);
                    byTicket.get(ticket.toString()).add(event);
                }
            }
            connection.commit();
        }
        return byTicket;
    }

    private static int drain(OutboxPublisher publisher) throws Exception {
        int total = 0;
        int count;
        while ((count = publisher.publishBatch()) > 0) {
            total += count;
        }
        return total;
    }

    /** Publishes until no row waits: a 0 from a lock held by the other relay is not the end. */
    private static int drainUntilEmpty(OutboxPublisher publisher) throws Exception {
        int total = 0;
        while (db.count("select count(*) from outbox where published_at is null") > 0) {
            total += publisher.publishBatch();
        }
        return total;
    }

    private static List<String> eventIdsOf(List<Long> rowIds) {
        return rowIds.stream().map(id -> {
            try (Connection connection = db.connect();
                    var select = connection.prepareStatement("select event_id from outbox where id = ?")) {
                select.setLong(1, id);
                try (var rs = select.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return CloudEventCodec.header(record.headers(), name);
    }
}
