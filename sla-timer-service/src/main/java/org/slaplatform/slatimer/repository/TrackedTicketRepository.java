package org.slaplatform.slatimer.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.runtime.db.SessionSql;
import org.slaplatform.runtime.db.SqlArrays;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * The tickets this service keeps clocks for: the entity for the API (Hibernate Reactive), the
 * batch insert of the ingest (JDBC, in the consumer's transaction) and the account's time zone for
 * its monthly report.
 */
@ApplicationScoped
public class TrackedTicketRepository implements PanacheRepositoryBase<TrackedTicket, UUID> {

    /** New tickets of a polled batch, one array per column; a ticket already tracked stays as it is. */
    private static final String INSERT_NEW = """
            insert into tracked_tickets (ticket_id, account_id, severity, opened_at, source_event_id, time_zone)
            select * from unnest(?::uuid[], ?::text[], ?::smallint[], ?::timestamptz[], ?::text[], ?::text[])
            on conflict do nothing""";

    private static final String LATEST_TIME_ZONE = """
            select time_zone from tracked_tickets
             where account_id = $1 and time_zone is not null
             order by opened_at desc limit 1""";

    /** A ticket as its {@code ticket.created} event introduces it. */
    public record NewTicket(UUID ticketId, String accountId, int severity, Instant openedAt, String sourceEventId,
            String timeZone) {
    }

    /** Tracks the tickets in one statement (JDBC, in the caller's transaction). */
    public void insertNew(Connection connection, List<NewTicket> tickets) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_NEW)) {
            insert.setArray(1, SqlArrays.uuids(connection, tickets, NewTicket::ticketId));
            insert.setArray(2, SqlArrays.texts(connection, tickets, NewTicket::accountId));
            insert.setArray(3, SqlArrays.shorts(connection, tickets, NewTicket::severity));
            insert.setArray(4, SqlArrays.instants(connection, tickets, NewTicket::openedAt));
            insert.setArray(5, SqlArrays.texts(connection, tickets, NewTicket::sourceEventId));
            insert.setArray(6, SqlArrays.texts(connection, tickets, NewTicket::timeZone));
            insert.executeUpdate();
        }
    }

    /**
     * The time zone the account's latest ticket named (in the current Hibernate Reactive session);
     * empty when none did.
     */
    public Uni<Optional<String>> latestTimeZone(String accountId) {
        return Panache.getSession().chain(session -> SessionSql.column(session, LATEST_TIME_ZONE, String.class, accountId))
                .map(zones -> zones.stream().findFirst());
    }
}
