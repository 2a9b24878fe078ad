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
     * The same row for blocking code that holds a JDBC transaction of its own (e.g. a worker that
     * marks a row and must publish an event about it atomically). Committed with that transaction.
     */
    public static void append(Connection connection, EventEnvelope<?> event) throws SQLException {
        OutboxRecord row = OutboxRecord.of(event);
        try (PreparedStatement insert = connection.prepareStatement("insert into outbox (event_id, topic, record_key, "
                + "type, source, subject, event_time, payload, traceparent) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, row.eventId);
            insert.setString(2, row.topic);
            insert.setString(3, row.recordKey);
            insert.setString(4, row.type);
            insert.setString(5, row.source);
            insert.setString(6, row.subject);
            insert.setTimestamp(7, Timestamp.from(row.eventTime));
            insert.setString(8, row.payload);
            insert.setString(9, row.traceparent);
            insert.executeUpdate();
        }
    }

    /**
     * The same rows for reactive code that runs its transaction on the Vert.x SQL client itself,
     * without a Hibernate session (hot paths: ticket intake, the month close publishing thousands of
     * results): written on {@code connection}, which must hold the transaction of the business change;
     * all rows in one statement (one round trip, one NOTIFY), in the list's order.
     */
    public static Uni<Void> appendAll(SqlConnection connection, List<? extends EventEnvelope<?>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Object[] c = columns(events);
        // with ordinality keeps the list's order in the identity column, which is the relay's order.
        return connection.preparedQuery("insert into outbox (event_id, topic, record_key, type, source, subject, event_time, payload, "
                + "traceparent) select e, t, k, ty, so, su, ti, p, tr from unnest($1::text[], $2::text[], $3::text[], $4::text[], "
                + "$5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[]) with ordinality "
                + "as r(e, t, k, ty, so, su, ti, p, tr, n) order by n")
                .execute(Tuple.from(c))
                .replaceWithVoid();
    }

    /**
     * The outbox rows of {@code events} as the nine column arrays of an {@code unnest} insert, in this
     * order: event ids, topics, record keys, types, sources, subjects (text[]), event times
     * (timestamptz[]), payloads and trace contexts (text[]). For statements that insert outbox rows
     * together with their own rows in one round trip.
     */
    public static Object[] columns(List<? extends EventEnvelope<?>> events) {
        int n = events.size();
        String[] ids = new String[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        String[] types = new String[n];
        String[] sources = new String[n];
        String[] subjects = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        String[] payloads = new String[n];
        String[] traceparents = new String[n];
        for (int i = 0; i < n; i++) {
            OutboxRecord row = OutboxRecord.of(events.get(i));
            ids[i] = row.eventId;
            topics[i] = row.topic;
            keys[i] = row.recordKey;
            types[i] = row.type;
            sources[i] = row.source;
            subjects[i] = row.subject;
            times[i] = OffsetDateTime.ofInstant(row.eventTime, ZoneOffset.UTC);
            payloads[i] = row.payload;
            traceparents[i] = row.traceparent;
        }
        return new Object[] { ids, topics, keys, types, sources, subjects, times, payloads, traceparents };
    }
}
