package org.slaplatform.runtime.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.EventEnvelope;

import io.smallrye.mutiny.Uni;

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
