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
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int published = publishBatch(connection);
                connection.commit();
                return published;
            } catch (SQLException | InterruptedException | ExecutionException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private int publishBatch(Connection connection) throws SQLException, InterruptedException, ExecutionException {
        if (!relayLock(connection)) {
            return 0;
        }
        List<Long> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setInt(1, batchSize);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong("id"));
                    acks.add(producer.send(new ProducerRecord<>(rs.getString("topic"), null, rs.getString("record_key"),
                            rs.getString("payload").getBytes(StandardCharsets.UTF_8),
                            CloudEventCodec.headers(rs.getString("event_id"), rs.getString("type"),
                                    rs.getString("source"), rs.getString("subject"),
                                    rs.getTimestamp("event_time").toInstant(), traceparent(rs.getString("traceparent"))))));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        beforeMark(ids);
        try (PreparedStatement mark = connection.prepareStatement(MARK)) {
            Array idArray = connection.createArrayOf("bigint", ids.toArray());
            mark.setArray(1, idArray);
            mark.executeUpdate();
        }
        return ids.size();
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
