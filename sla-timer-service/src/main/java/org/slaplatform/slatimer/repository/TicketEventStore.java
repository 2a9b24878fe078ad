package org.slaplatform.slatimer.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventType;
import org.slaplatform.events.EventTypes;
import org.slaplatform.runtime.db.SessionSql;
import org.slaplatform.runtime.db.SqlArrays;
import org.slaplatform.slatimer.domain.TicketHistory;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Each ticket's clock events as received ({@code ticket_events}), the history its clocks are derived
 * from: written and read back by the ingest (JDBC, in the consumer's transaction), read by the SLA view
 * (Hibernate Reactive).
 */
@ApplicationScoped
public class TicketEventStore {

    /** The batch's clock events, one array per column; an event stored already is not stored again. */
    private static final String INSERT = """
            insert into ticket_events (ticket_id, event_id, occurred_at, type, payload)
            select * from unnest(?::uuid[], ?::text[], ?::timestamptz[], ?::text[], ?::text[])
            on conflict do nothing""";

    private static final String HISTORIES = """
            select e.ticket_id, e.event_id, e.type, e.payload
              from ticket_events e
              join unnest(?::uuid[]) as batch(ticket_id) on batch.ticket_id = e.ticket_id""";

    private static final String HISTORY = """
            select event_id, type, payload from ticket_events where ticket_id = $1""";

    /** A clock event to store: its payload is the event's data as JSON. */
    public record StoredEvent(UUID ticketId, String eventId, Instant occurredAt, String type, String payload) {
    }

    /** Stores the events in one statement. */
    public void insert(Connection connection, List<StoredEvent> events) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, SqlArrays.uuids(connection, events, StoredEvent::ticketId));
            insert.setArray(2, SqlArrays.texts(connection, events, StoredEvent::eventId));
            insert.setArray(3, SqlArrays.instants(connection, events, StoredEvent::occurredAt));
            insert.setArray(4, SqlArrays.texts(connection, events, StoredEvent::type));
            insert.setArray(5, SqlArrays.texts(connection, events, StoredEvent::payload));
            insert.executeUpdate();
        }
    }

    /** The stored events of each ticket, in one query (unsorted: {@link TicketHistory#of} orders them). */
    public Map<UUID, List<TicketHistory.Entry>> histories(Connection connection, Collection<UUID> tickets)
            throws SQLException {
        Map<UUID, List<TicketHistory.Entry>> histories = new HashMap<>();
        try (PreparedStatement read = connection.prepareStatement(HISTORIES)) {
            read.setArray(1, connection.createArrayOf("uuid", tickets.toArray()));
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    histories.computeIfAbsent(rs.getObject("ticket_id", UUID.class), t -> new ArrayList<>())
                            .add(entry(rs.getString("event_id"), rs.getString("type"), rs.getString("payload")));
                }
            }
        }
        return histories;
    }

    /** The ticket's stored history, in the current Hibernate Reactive session. */
    public Uni<TicketHistory> history(UUID ticketId) {
        return Panache.getSession().chain(session -> SessionSql.rows(session, HISTORY, ticketId))
                .map(rows -> TicketHistory.of(rows.stream().map(row -> entry(row.get("event_id", String.class),
                        row.get("type", String.class), row.get("payload", String.class))).toList()));
    }

    private static TicketHistory.Entry entry(String eventId, String type, String payload) {
        EventType<?> eventType = EventTypes.byType(type)
                .orElseThrow(() -> new IllegalStateException("stored event of unknown type " + type));
        try {
            return new TicketHistory.Entry(eventId, CloudEventCodec.mapper().readValue(payload, eventType.dataClass()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event of type " + type + " cannot be read", e);
        }
    }
}
