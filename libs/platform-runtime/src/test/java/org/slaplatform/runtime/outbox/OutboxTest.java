package org.slaplatform.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.runtime.testing.RuntimeDatabase;
import org.slaplatform.runtime.testing.TicketEvents;

/**
 * DESIGN-2 "transactional outbox in the producer's own transaction": the rows {@link Outbox} writes on a
 * real PostgreSQL, through JDBC and through the Vert.x reactive client.
 */
class OutboxTest {

    private static RuntimeDatabase db;

    @BeforeAll
    static void database() {
        db = RuntimeDatabase.migrated();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    @DisplayName("DESIGN-2: an event appended on a JDBC transaction exists exactly when that transaction commits")
    void jdbcAppendCommitsWithTheBusinessChange() throws Exception {
        UUID ticket = UUID.randomUUID();
        EventEnvelope<TicketStateChanged> rolledBack = TicketEvents.change(ticket, 1);
        EventEnvelope<TicketStateChanged> committed = TicketEvents.change(ticket, 2);
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            Outbox.append(connection, rolledBack);
            connection.rollback();
            Outbox.append(connection, committed);
            connection.commit();
        }

        assertThat(eventIds(ticket)).containsExactly(committed.id());
        try (Connection connection = db.connect();
                PreparedStatement select = connection.prepareStatement("select topic, record_key, type, source, subject, "
                        + "event_time, payload, published_at from outbox where event_id = ?")) {
            select.setString(1, committed.id());
            try (ResultSet rs = select.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("topic")).isEqualTo("tickets.v1");
                assertThat(rs.getString("record_key")).as("the record key is the aggregate id").isEqualTo(ticket.toString());
                assertThat(rs.getString("type")).isEqualTo("org.slaplatform.ticket.state-changed.v1");
                assertThat(rs.getString("source")).isEqualTo("/runtime-test");
                assertThat(rs.getString("subject")).isEqualTo(ticket.toString());
                assertThat(rs.getTimestamp("event_time").toInstant()).isEqualTo(committed.time());
                assertThat(rs.getString("payload")).isEqualTo(CloudEventCodec.dataJson(committed.data()));
                assertThat(rs.getTimestamp("published_at")).as("waits for the relay").isNull();
            }
        }
    }

    @Test
    @DisplayName("DESIGN-2: appendAll on a reactive transaction writes every row in the list's order, which is the relay's order")
    void reactiveAppendAllKeepsTheListsOrder() {
        UUID ticket = UUID.randomUUID();
        List<EventEnvelope<TicketStateChanged>> events = IntStream.range(0, 200)
                .mapToObj(n -> TicketEvents.change(ticket, n)).toList();

        db.reactivePool().withTransaction(connection -> Outbox.appendAll(connection, events)).await().indefinitely();

        assertThat(eventIds(ticket)).containsExactlyElementsOf(events.stream().map(EventEnvelope::id).toList());
    }

    @Test
    @DisplayName("DESIGN-2: appendAll rolled back with its transaction leaves no row behind")
    void reactiveAppendAllRollsBackWithItsTransaction() {
        UUID ticket = UUID.randomUUID();
        List<EventEnvelope<TicketStateChanged>> events = List.of(TicketEvents.change(ticket, 1), TicketEvents.change(ticket, 2));

        Throwable failure = db.reactivePool()
                .withTransaction(connection -> Outbox.appendAll(connection, events)
                        .chain(() -> connection.query("select 1/0").execute()))
                .onItemOrFailure().transform((item, error) -> error).await().indefinitely();

        assertThat(failure).as("the business change failed").isNotNull();
        assertThat(eventIds(ticket)).isEmpty();
    }

    @Test
    @DisplayName("an empty appendAll writes nothing and sends no statement")
    void emptyAppendAll() {
        Outbox.appendAll(null, List.of()).await().indefinitely();
    }

    private static List<String> eventIds(UUID ticket) {
        List<String> ids = new ArrayList<>();
        try (Connection connection = db.connect();
                PreparedStatement select = connection.prepareStatement(
                        "select event_id from outbox where record_key = ? order by id")) {
            select.setString(1, ticket.toString());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ids;
    }
}
