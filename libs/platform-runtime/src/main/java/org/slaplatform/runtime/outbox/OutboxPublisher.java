package org.slaplatform.runtime.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.Traceparent;

/**
 * Moves committed outbox rows to Kafka, in id order, and marks them published.
 *
 * <p>One batch is one database transaction holding a transaction-scoped advisory lock, so however
 * many instances run, one publishes at a time and the order per key is the commit order of the
 * aggregate's changes. Rows are marked only after the broker acknowledged every record of the batch
 * ({@code acks=all}, idempotent producer); a crash before the mark publishes the batch again: a
 * duplicate, which consumers drop by {@code ce_id}, never a loss.
 *
 * <p>A row the broker refuses (a record over {@code max.request.size}) ends its batch: the rows
 * acknowledged before it are marked, none behind it is sent, and the refusal is thrown, so that the
 * relay logs it and tries again while the outbox lag grows. Sending the rows behind it put them on
 * Kafka before it (order per key broken) and, unmarked, again on every retry.
 */
public class OutboxPublisher {

    private static final String SELECT = """
            select id, event_id, topic, record_key, type, source, subject, event_time, payload, traceparent
            from outbox where published_at is null order by id limit ?""";
    private static final String MARK = "update outbox set published_at = now() where id = any(?)";

    private final DataSource dataSource;
    private final Producer<String, byte[]> producer;
    private final int batchSize;

    public OutboxPublisher(DataSource dataSource, Producer<String, byte[]> producer, int batchSize) {
        this.dataSource = dataSource;
        this.producer = producer;
        this.batchSize = batchSize;
    }

    /**
     * Publishes one batch.
     *
     * @return the rows published, 0 when none were waiting or another instance holds the lock
     */
    public int publishBatch() throws SQLException, InterruptedException, ExecutionException {
        Batch batch;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                batch = publishBatch(connection);
                connection.commit();
            } catch (SQLException | InterruptedException | ExecutionException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        if (batch.refused() != null) {
            throw batch.refused(); // after the commit: the rows published before the refused one stay marked
        }
        return batch.published();
    }

    /** What one batch did: the rows marked published, and the broker's refusal of the row after them, if any. */
    private record Batch(int published, ExecutionException refused) {
    }

    private Batch publishBatch(Connection connection) throws SQLException, InterruptedException, ExecutionException {
        if (!relayLock(connection)) {
            return new Batch(0, null);
        }
        List<Long> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        ExecutionException refused = null;
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setInt(1, batchSize);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(rs.getString("topic"), null,
                            rs.getString("record_key"), rs.getString("payload").getBytes(StandardCharsets.UTF_8),
                            CloudEventCodec.headers(rs.getString("event_id"), rs.getString("type"),
                                    rs.getString("source"), rs.getString("subject"),
                                    rs.getTimestamp("event_time").toInstant(), traceparent(rs.getString("traceparent")))));
                    refused = refusedAtOnce(ack);
                    if (refused != null) {
                        break; // nothing behind a refused row is sent: the order per key holds
                    }
                    ids.add(rs.getLong("id"));
                    acks.add(ack);
                }
            }
        }
        if (ids.isEmpty()) {
            return new Batch(0, refused);
        }
        producer.flush();
        List<Long> acknowledged = new ArrayList<>(ids.size());
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
            } catch (ExecutionException e) {
                if (acknowledged.isEmpty()) {
                    throw e;
                }
                refused = e; // the rows acknowledged before it are marked; it and the rest are tried again
                break;
            }
            acknowledged.add(ids.get(i));
        }
        beforeMark(acknowledged);
        try (PreparedStatement mark = connection.prepareStatement(MARK)) {
            Array idArray = connection.createArrayOf("bigint", acknowledged.toArray());
            mark.setArray(1, idArray);
            mark.executeUpdate();
        }
        return new Batch(acknowledged.size(), refused);
    }

    /** The producer's refusal of a record it did not even send (too large, unserializable), else null. */
    private static ExecutionException refusedAtOnce(Future<RecordMetadata> ack) throws InterruptedException {
        if (!ack.isDone()) {
            return null;
        }
        try {
            ack.get();
            return null;
        } catch (ExecutionException e) {
            return e;
        }
    }

    /**
     * The event's {@code ce_traceparent}: the producing span's context as stored with the row; a row
     * written outside any request or consumed event (a scheduled job, a row older than the column)
     * starts a trace of its own, so every event on Kafka has one.
     */
    static String traceparent(String stored) {
        return Traceparent.parse(stored).orElseGet(Traceparent::newTrace).toString();
    }

    /** A seam for the crash tests: runs after the broker acknowledged a batch, before it is marked. */
    protected void beforeMark(List<Long> ids) {
    }

    /** Whether this transaction may publish: one relay per schema at a time. */
    private static boolean relayLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))");
                ResultSet rs = lock.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** Age in seconds of the oldest unpublished row, 0 when none waits: the outbox lag. */
    public double lagSeconds() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select coalesce(extract(epoch from now() - min(created_at)), 0) from outbox where published_at is null");
                ResultSet rs = query.executeQuery()) {
            return rs.next() ? rs.getDouble(1) : 0;
        }
    }
}
