package org.slaplatform.runtime.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.PoisonEventException;
import org.slaplatform.runtime.db.SessionSql;
import org.slaplatform.runtime.health.Heartbeats;
import org.slaplatform.runtime.trace.TraceContext;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * The batch variant of {@link IdempotentConsumer}: one polled batch of Kafka records is applied in
 * <em>one</em> transaction (plain JDBC), so the commit (a WAL flush, several milliseconds on a real
 * disk) and the round trips are paid once per batch instead of once per record.
 * <p>
 * The guarantees are those of {@link IdempotentConsumer}:
 * <ul>
 * <li>idempotent: the batch's event ids are inserted into the inbox first, in one statement
 * ({@code ON CONFLICT DO NOTHING ... RETURNING}); only the ids that were new (and each id once,
 * even if the batch holds it twice) reach the effect, in the same transaction;</li>
 * <li>poison records go to the channel's dead-letter topic with the reason (they are nacked, and the
 * channel's {@code failure-strategy=dead-letter-queue} sends them): records that cannot be decoded are
 * set aside before the transaction; if the effect refuses a record as poison, the batch is rolled back
 * and its records are applied one per transaction, so one poison record never costs the others;</li>
 * <li>any other failure (database down) rolls the batch back and retries it with back-off, so nothing
 * is skipped and the order per key holds. The batch is acknowledged only after its commit.</li>
 * </ul>
 * The channel needs {@code batch=true}; the method takes a {@link KafkaRecordBatch}. An effect written
 * on Hibernate Reactive uses {@link #consumeReactive}: the same guarantees, the transaction the session's.
 */
@ApplicationScoped
public class IdempotentBatchConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentBatchConsumer.class);

    private static final String INBOX = "insert into inbox (consumer, event_id) select ?, unnest(?::text[]) "
            + "on conflict do nothing returning event_id";

    /** {@link #INBOX} with the PostgreSQL client's placeholders ({@link SessionSql}). */
    private static final String INBOX_REACTIVE = "insert into inbox (consumer, event_id) select $1::text,"
            + " unnest($2::text[]) on conflict do nothing returning event_id";

    /** The change to make for a batch's first deliveries, inside the batch's transaction. */
    @FunctionalInterface
    public interface BatchEffect {
        /**
         * @param connection the batch's connection, auto-commit off; the caller commits or rolls back
         * @param events     the first deliveries of the batch, each event id once, in record order
         * @throws PoisonEventException when an event can never be applied (sent to the dead-letter topic)
         */
        void apply(Connection connection, List<EventEnvelope<?>> events) throws SQLException;
    }

    /** The change to make for a batch's first deliveries, in the batch's Hibernate Reactive transaction. */
    @FunctionalInterface
    public interface ReactiveBatchEffect {
        /**
         * @param events the first deliveries of the batch, each event id once, in record order
         * @return fails with {@link PoisonEventException} when an event can never be applied
         */
        Uni<Void> apply(List<EventEnvelope<?>> events);
    }

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final Heartbeats heartbeats;

    IdempotentBatchConsumer(AgroalDataSource dataSource, MeterRegistry registry, Heartbeats heartbeats) {
        this.dataSource = dataSource;
        this.registry = registry;
        this.heartbeats = heartbeats;
    }

    /**
     * @param consumer the name the inbox records this consumer under (one per logical consumer)
     * @param batch    the polled records, read as bytes from Kafka
     * @param effect   the change to make for the first deliveries, run inside the transaction
     */
    public Uni<Void> consume(String consumer, KafkaRecordBatch<?, byte[]> batch, BatchEffect effect) {
        return consumeWith(consumer, batch, records -> Uni.createFrom().item(() -> {
                    Decoded decoded = decode(records);
                    if (decoded.events().isEmpty()) {
                        return decoded.poison();
                    }
                    try {
                        return decoded.and(applyBlocking(consumer, TraceContext.continueBatch(decoded.events()),
                                decoded.records(), effect));
                    } finally {
                        TraceContext.clear(); // a pooled worker thread: the next batch starts without this one's trace
                    }
                })
                // decoding and JDBC: off the event loop. The channel waits for this Uni before the next batch.
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /**
     * As {@link #consume}, for an effect on Hibernate Reactive: the inbox rows and the effect run in one
     * {@code Panache.withTransaction}, on the caller's event loop.
     */
    public Uni<Void> consumeReactive(String consumer, KafkaRecordBatch<?, byte[]> batch, ReactiveBatchEffect effect) {
        return consumeWith(consumer, batch, records -> {
            Decoded decoded = decode(records);
            if (decoded.events().isEmpty()) {
                return Uni.createFrom().item(decoded.poison());
            }
            List<EventEnvelope<?>> traced = TraceContext.continueBatch(decoded.events());
            return Uni.createFrom().deferred(() -> applyReactive(consumer, traced, decoded.records(), effect))
                    .map(decoded::and);
        });
    }

    /** The channel a record or batch came in on, as the Kafka connector names it; else the consumer's name. */
    public static String channel(String consumer, Message<?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getChannel)
                .orElse(consumer);
    }

    /**
     * The steps both variants share: {@code apply} decodes the records and applies the events (answering
     * the poison: records that are no CloudEvent and events the effect refused); any other failure is
     * retried with back-off; then the poison is dead-lettered and the batch acknowledged. The batch is in
     * hand until acknowledged: a batch held past its bound makes the service not live.
     */
    private Uni<Void> consumeWith(String consumer, KafkaRecordBatch<?, byte[]> batch,
            Function<List<? extends KafkaRecord<?, byte[]>>, Uni<List<Poison>>> apply) {
        List<? extends KafkaRecord<?, byte[]>> records = batch.getRecords();
        if (records.isEmpty()) {
            return Uni.createFrom().completionStage(batch::ack);
        }
        Heartbeats.InHand inHand = heartbeats.inHand(channel(consumer, records.get(0)));
        return Uni.createFrom().deferred(() -> apply.apply(records))
                .onFailure().invoke(e -> LOG.warnf("consumer %s failed on a batch of %d records, retrying: %s",
                        consumer, records.size(), e))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely()
                .chain(poison -> Multi.createFrom().iterable(poison)
                        .onItem().transformToUniAndConcatenate(p -> deadLetter(consumer, p))
                        .collect().last())
                .chain(() -> Uni.createFrom().completionStage(batch::ack))
                .onItem().invoke(inHand::handled)
                .onTermination().invoke(inHand::release);
    }

    /** Decodes the records; those that cannot be decoded are set aside as poison. */
    private static Decoded decode(List<? extends KafkaRecord<?, byte[]>> records) {
        Decoded decoded = new Decoded(new ArrayList<>(records.size()), new ArrayList<>(records.size()), new ArrayList<>());
        for (KafkaRecord<?, byte[]> record : records) {
            try {
                Object key = record.getKey();
                decoded.events().add(CloudEventCodec.decode(record.getHeaders(), key == null ? null : key.toString(),
                        record.getPayload()));
                decoded.records().add(record);
            } catch (PoisonEventException e) {
                decoded.poison().add(new Poison(record, e));
            }
        }
        return decoded;
    }

    /** The batch in one JDBC transaction; on a poison event, each event in its own. Answers the poison ones. */
    private List<Poison> applyBlocking(String consumer, List<EventEnvelope<?>> events,
            List<KafkaRecord<?, byte[]>> decodedRecords, BatchEffect effect) {
        List<Poison> refused = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int processed = applyInTransaction(connection, consumer, events, effect);
                connection.commit();
                count(consumer, processed, events.size() - processed);
            } catch (PoisonEventException e) {
                connection.rollback();
                logOnePerTransaction(consumer, events.size(), e);
                for (int i = 0; i < events.size(); i++) {
                    try {
                        int processed = applyInTransaction(connection, consumer, List.of(events.get(i)), effect);
                        connection.commit();
                        count(consumer, processed, 1 - processed);
                    } catch (PoisonEventException single) {
                        connection.rollback();
                        refused.add(new Poison(decodedRecords.get(i), single));
                    }
                }
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("consumer " + consumer + " could not apply a batch: " + e.getMessage(), e);
        }
        return refused;
    }

    /** As {@link #applyBlocking}, each transaction the Hibernate Reactive session's. */
    private Uni<List<Poison>> applyReactive(String consumer, List<EventEnvelope<?>> events,
            List<KafkaRecord<?, byte[]>> decodedRecords, ReactiveBatchEffect effect) {
        return Panache.withTransaction(() -> applyInSession(consumer, events, effect))
                .invoke(processed -> count(consumer, processed, events.size() - processed))
                .replaceWith(List.<Poison>of())
                .onFailure(PoisonEventException.class).recoverWithUni(e -> {
                    logOnePerTransaction(consumer, events.size(), e);
                    List<Poison> refused = new ArrayList<>();
                    return Multi.createFrom().range(0, events.size())
                            .onItem().transformToUniAndConcatenate(i -> Panache.withTransaction(
                                            () -> applyInSession(consumer, List.of(events.get(i)), effect))
                                    .invoke(processed -> count(consumer, processed, 1 - processed))
                                    .replaceWithVoid()
                                    .onFailure(PoisonEventException.class).recoverWithItem(single -> {
                                        refused.add(new Poison(decodedRecords.get(i), (PoisonEventException) single));
                                        return null;
                                    }))
                            .collect().last()
                            .replaceWith(refused);
                });
    }

    private static void logOnePerTransaction(String consumer, int size, Throwable poison) {
        LOG.warnf("consumer %s: a record of a batch of %d is poison (%s); applying them one per transaction",
                consumer, size, poison.getMessage());
    }

    /** Inserts the ids into the inbox, hands the new ones to the effect; returns how many were new. */
    private static int applyInTransaction(Connection connection, String consumer, List<EventEnvelope<?>> events,
            BatchEffect effect) throws SQLException {
        Map<String, EventEnvelope<?>> byId = byId(events);
        Set<String> inserted = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(INBOX)) {
            statement.setString(1, consumer);
            statement.setArray(2, connection.createArrayOf("text", byId.keySet().toArray()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    inserted.add(rs.getString(1));
                }
            }
        }
        List<EventEnvelope<?>> first = firstDeliveries(byId, inserted);
        if (!first.isEmpty()) {
            effect.apply(connection, first);
        }
        return first.size();
    }

    /** As {@link #applyInTransaction}, in the session's transaction. */
    private static Uni<Integer> applyInSession(String consumer, List<EventEnvelope<?>> events,
            ReactiveBatchEffect effect) {
        Map<String, EventEnvelope<?>> byId = byId(events);
        return Panache.getSession().chain(session -> SessionSql.column(session, INBOX_REACTIVE, String.class, consumer,
                        byId.keySet().toArray(String[]::new)))
                .chain(ids -> {
                    List<EventEnvelope<?>> first = firstDeliveries(byId, new HashSet<>(ids));
                    return first.isEmpty() ? Uni.createFrom().item(0)
                            : effect.apply(first).replaceWith(first.size());
                });
    }

    /** Each event id once, the first of its deliveries in the batch, in record order. */
    private static Map<String, EventEnvelope<?>> byId(List<EventEnvelope<?>> events) {
        Map<String, EventEnvelope<?>> byId = new LinkedHashMap<>();
        for (EventEnvelope<?> event : events) {
            byId.putIfAbsent(event.id(), event);
        }
        return byId;
    }

    /** The events whose id the inbox insert returned (new to this consumer), in record order. */
    private static List<EventEnvelope<?>> firstDeliveries(Map<String, EventEnvelope<?>> byId, Set<String> inserted) {
        return byId.values().stream().filter(event -> inserted.contains(event.id())).toList();
    }

    private void count(String consumer, int processed, int duplicates) {
        ConsumedEvents.counter(registry, consumer, ConsumedEvents.PROCESSED).increment(processed);
        ConsumedEvents.counter(registry, consumer, ConsumedEvents.DUPLICATE).increment(duplicates);
    }

    private Uni<Void> deadLetter(String consumer, Poison poison) {
        LOG.errorf("consumer %s sends a poison record to the dead-letter topic: %s", consumer,
                poison.reason().getMessage());
        ConsumedEvents.counter(registry, consumer, ConsumedEvents.DEAD_LETTERED).increment();
        return Uni.createFrom().completionStage(() -> poison.record().nack(poison.reason()));
    }

    private record Poison(KafkaRecord<?, byte[]> record, PoisonEventException reason) {
    }

    /** A batch decoded: the events with their records (same index), and the records that were not CloudEvents. */
    private record Decoded(List<EventEnvelope<?>> events, List<KafkaRecord<?, byte[]>> records, List<Poison> poison) {

        /** The poison of the batch: the records that were not CloudEvents, then the events the effect refused. */
        List<Poison> and(List<Poison> refused) {
            List<Poison> all = new ArrayList<>(poison);
            all.addAll(refused);
            return all;
        }
    }
}
