package org.slaplatform.slatimer.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.runtime.db.SessionSql;
import org.slaplatform.runtime.db.SqlArrays;
import org.slaplatform.runtime.time.Instants;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Each ticket's clocks as last derived ({@code sla_clocks}) and its generation
 * ({@code clock_generations}, also the per-ticket lock): replaced by the ingest (JDBC, in the
 * consumer's transaction), read by the monthly report (Hibernate Reactive).
 */
@ApplicationScoped
public class ClockStore {

    private static final String RAISE_GENERATIONS = """
            insert into clock_generations (ticket_id, generation)
            select t, 1 from unnest(?::uuid[]) t
            on conflict (ticket_id) do update set generation = clock_generations.generation + 1
            returning ticket_id, generation""";

    private static final String DELETE = """
            delete from sla_clocks c using unnest(?::uuid[]) as batch(ticket_id)
             where c.ticket_id = batch.ticket_id""";

    private static final String INSERT = """
            insert into sla_clocks (ticket_id, target, account_id, cycle, severity, calendar, policy, policy_version,
                                    filed_at, due_at, paused_since, met_at)
            select * from unnest(?::uuid[], ?::text[], ?::text[], ?::int[], ?::smallint[], ?::text[], ?::text[],
                                 ?::int[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[])""";

    /** Instants as epoch milliseconds: the reactive native query then reads plain numbers. */
    private static final String DUE_BETWEEN = """
            select ticket_id, target, cycle, severity::int as severity, calendar,
                   (extract(epoch from due_at) * 1000)::bigint as due_ms,
                   (extract(epoch from met_at) * 1000)::bigint as met_ms,
                   (extract(epoch from paused_since) * 1000)::bigint as paused_ms
              from sla_clocks
             where account_id = $1 and due_at >= $2 and due_at < $3
             order by due_at, ticket_id, target""";

    /** One clock of a ticket as derived. */
    public record ClockRow(UUID ticketId, String target, String accountId, int cycle, int severity, String calendar,
            String policy, int policyVersion, Instant filedAt, Instant dueAt, Instant pausedSince, Instant metAt) {
    }

    /** A stored clock as the monthly report reads it. */
    public record DueClock(UUID ticketId, String target, int cycle, int severity, String calendar, Instant dueAt,
            Instant metAt, Instant pausedSince) {
    }

    /**
     * Raises the generation of each ticket (1 for a ticket not seen before) in one statement, locking the
     * rows in the order given; returns each ticket's new generation.
     */
    public Map<UUID, Long> raiseGenerations(Connection connection, SortedSet<UUID> tickets) throws SQLException {
        Map<UUID, Long> generations = new HashMap<>();
        try (PreparedStatement raise = connection.prepareStatement(RAISE_GENERATIONS)) {
            raise.setArray(1, connection.createArrayOf("uuid", tickets.toArray()));
            try (ResultSet rs = raise.executeQuery()) {
                while (rs.next()) {
                    generations.put(rs.getObject("ticket_id", UUID.class), rs.getLong("generation"));
                }
            }
        }
        return generations;
    }

    /** Deletes every clock of the tickets, to be derived again. */
    public void delete(Connection connection, Collection<UUID> tickets) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setArray(1, connection.createArrayOf("uuid", tickets.toArray()));
            delete.executeUpdate();
        }
    }

    /** Inserts the clocks in one statement. */
    public void insert(Connection connection, List<ClockRow> clocks) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, SqlArrays.uuids(connection, clocks, ClockRow::ticketId));
            insert.setArray(2, SqlArrays.texts(connection, clocks, ClockRow::target));
            insert.setArray(3, SqlArrays.texts(connection, clocks, ClockRow::accountId));
            insert.setArray(4, SqlArrays.ints(connection, clocks, ClockRow::cycle));
            insert.setArray(5, SqlArrays.shorts(connection, clocks, ClockRow::severity));
            insert.setArray(6, SqlArrays.texts(connection, clocks, ClockRow::calendar));
            insert.setArray(7, SqlArrays.texts(connection, clocks, ClockRow::policy));
            insert.setArray(8, SqlArrays.ints(connection, clocks, ClockRow::policyVersion));
            insert.setArray(9, SqlArrays.instants(connection, clocks, ClockRow::filedAt));
            insert.setArray(10, SqlArrays.instants(connection, clocks, ClockRow::dueAt));
            insert.setArray(11, SqlArrays.instants(connection, clocks, ClockRow::pausedSince));
            insert.setArray(12, SqlArrays.instants(connection, clocks, ClockRow::metAt));
            insert.executeUpdate();
        }
    }

    /** The account's clocks due in {@code [from, to)}, by due time (in the current Hibernate Reactive session). */
    public Uni<List<DueClock>> dueBetween(String accountId, Instant from, Instant to) {
        return Panache.getSession().chain(session -> SessionSql.rows(session, DUE_BETWEEN, accountId, Instants.utc(from),
                        Instants.utc(to)))
                .map(rows -> rows.stream().map(ClockStore::dueClock).toList());
    }

    private static DueClock dueClock(SessionSql.Row row) {
        return new DueClock(row.get("ticket_id", UUID.class), row.get("target", String.class),
                row.get("cycle", Integer.class), row.get("severity", Integer.class), row.get("calendar", String.class),
                instant(row.get("due_ms", Long.class)), instant(row.get("met_ms", Long.class)),
                instant(row.get("paused_ms", Long.class)));
    }

    private static Instant instant(Long epochMillis) {
        return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis);
    }
}
