package org.slaplatform.runtime.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.EventEnvelope;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes events into the outbox table of the current reactive transaction, so that an event exists
 * exactly when the business change that caused it committed (DESIGN: no dual write).
 */
@ApplicationScoped
public class Outbox {

    /** Must run inside {@code Panache.withTransaction}; the relay publishes after the commit. */
    public Uni<Void> append(EventEnvelope<?> event) {
        return OutboxRecord.of(event).persist().replaceWithVoid();
    }

    /**
     * The same rows for code that runs its transaction on the reactive SQL client itself, without a
     * Hibernate session (a hot path such as ticket intake): written on {@code connection}, which must
     * hold the transaction of the business change; one prepared insert, batched when there are several
     * events (in their order, so their ids keep it).
     */
    public static Uni<Void> append(SqlConnection connection, List<EventEnvelope<?>> events) {
        List<Tuple> rows = events.stream().map(event -> {
            OutboxRecord row = OutboxRecord.of(event);
            return Tuple.from(new Object[] { row.eventId, row.topic, row.recordKey, row.type, row.source, row.subject,
                    OffsetDateTime.ofInstant(row.eventTime, ZoneOffset.UTC), row.payload });
        }).toList();
        String insert = "insert into outbox (event_id, topic, record_key, type, source, subject, event_time, payload)"
                + " values ($1, $2, $3, $4, $5, $6, $7, $8)";
        return (rows.size() == 1 ? connection.preparedQuery(insert).execute(rows.get(0))
                : connection.preparedQuery(insert).executeBatch(rows)).replaceWithVoid();
    }

    /**
     * The same row for blocking code that holds a JDBC transaction of its own (e.g. a worker that
     * marks a row and must publish an event about it atomically). Committed with that transaction.
     */
    public static void append(Connection connection, EventEnvelope<?> event) throws SQLException {
        OutboxRecord row = OutboxRecord.of(event);
        try (PreparedStatement insert = connection.prepareStatement("insert into outbox (event_id, topic, record_key, "
                + "type, source, subject, event_time, payload) values (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, row.eventId);
            insert.setString(2, row.topic);
            insert.setString(3, row.recordKey);
            insert.setString(4, row.type);
            insert.setString(5, row.source);
            insert.setString(6, row.subject);
            insert.setTimestamp(7, Timestamp.from(row.eventTime));
            insert.setString(8, row.payload);
            insert.executeUpdate();
        }
    }
}
