package org.slaplatform.slatimer.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.runtime.db.SqlArrays;

/**
 * The ingest's side of the durable timers ({@code sla_timers}, SLA-5): which kinds have fired, arming
 * each clock's next timer and cancelling the ones a new generation no longer needs. JDBC, in the
 * consumer's transaction; the firing loop has its own statements.
 */
@ApplicationScoped
public class ArmedTimers {

    private static final String FIRED_KINDS = """
            select t.ticket_id, t.target, t.cycle, t.kind
              from sla_timers t
              join unnest(?::uuid[]) as batch(ticket_id) on batch.ticket_id = t.ticket_id
             where t.fired_at is not null""";

    /**
     * Arms or moves each clock's next timer, with the rest of its plan (one array literal per row, cast
     * per row); a fired timer never moves (SLA-5).
     */
    private static final String ARM = """
            insert into sla_timers (ticket_id, target, cycle, kind, due_at, generation, account_id, severity, calendar,
                                    policy, policy_version, target_due_at, next_kinds, next_due, traceparent)
            select ticket_id, target, cycle, kind, due_at, generation, account_id, severity, calendar, policy,
                   policy_version, target_due_at, next_kinds::text[], next_due::timestamptz[], traceparent
              from unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::timestamptz[], ?::bigint[], ?::text[],
                          ?::smallint[], ?::text[], ?::text[], ?::int[], ?::timestamptz[], ?::text[], ?::text[],
                          ?::text[])
                   as r(ticket_id, target, cycle, kind, due_at, generation, account_id, severity, calendar, policy,
                        policy_version, target_due_at, next_kinds, next_due, traceparent)
            on conflict (ticket_id, target, cycle, kind) do update set due_at = excluded.due_at,
                   generation = excluded.generation, severity = excluded.severity, calendar = excluded.calendar,
                   target_due_at = excluded.target_due_at, next_kinds = excluded.next_kinds,
                   next_due = excluded.next_due, traceparent = coalesce(excluded.traceparent, sla_timers.traceparent)
             where sla_timers.fired_at is null""";

    /**
     * Timers of an earlier generation that the current one did not re-arm (met, paused, target gone after
     * a severity change); fired ones stay as the record of what was published.
     */
    private static final String CANCEL_STALE = """
            delete from sla_timers t using clock_generations g, unnest(?::uuid[]) as batch(ticket_id)
             where t.ticket_id = batch.ticket_id and g.ticket_id = t.ticket_id and t.fired_at is null
               and t.generation < g.generation""";

    /** One clock of a ticket: a target in a cycle. */
    public record ClockId(UUID ticketId, String target, int cycle) {
    }

    /**
     * A clock's next timer: its kind and due time, the generation that armed it, what its event reports,
     * the rest of the plan in firing order and the trace it continues.
     */
    public record TimerRow(ClockId clock, String kind, Instant dueAt, long generation, String accountId, int severity,
            String calendar, String policy, int policyVersion, Instant targetDueAt, List<String> nextKinds,
            List<Instant> nextDue, String traceparent) {
    }

    /** The kinds that have fired, per clock of the tickets, in one query. */
    public Map<ClockId, Set<String>> firedKinds(Connection connection, Collection<UUID> tickets) throws SQLException {
        Map<ClockId, Set<String>> fired = new HashMap<>();
        try (PreparedStatement read = connection.prepareStatement(FIRED_KINDS)) {
            read.setArray(1, connection.createArrayOf("uuid", tickets.toArray()));
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    fired.computeIfAbsent(new ClockId(rs.getObject("ticket_id", UUID.class), rs.getString("target"),
                            rs.getInt("cycle")), k -> new HashSet<>()).add(rs.getString("kind"));
                }
            }
        }
        return fired;
    }

    /** Arms the timers in one statement. */
    public void arm(Connection connection, List<TimerRow> timers) throws SQLException {
        try (PreparedStatement arm = connection.prepareStatement(ARM)) {
            arm.setArray(1, SqlArrays.uuids(connection, timers, t -> t.clock().ticketId()));
            arm.setArray(2, SqlArrays.texts(connection, timers, t -> t.clock().target()));
            arm.setArray(3, SqlArrays.ints(connection, timers, t -> t.clock().cycle()));
            arm.setArray(4, SqlArrays.texts(connection, timers, TimerRow::kind));
            arm.setArray(5, SqlArrays.instants(connection, timers, TimerRow::dueAt));
            arm.setArray(6, SqlArrays.longs(connection, timers, TimerRow::generation));
            arm.setArray(7, SqlArrays.texts(connection, timers, TimerRow::accountId));
            arm.setArray(8, SqlArrays.shorts(connection, timers, TimerRow::severity));
            arm.setArray(9, SqlArrays.texts(connection, timers, TimerRow::calendar));
            arm.setArray(10, SqlArrays.texts(connection, timers, TimerRow::policy));
            arm.setArray(11, SqlArrays.ints(connection, timers, TimerRow::policyVersion));
            arm.setArray(12, SqlArrays.instants(connection, timers, TimerRow::targetDueAt));
            arm.setArray(13, SqlArrays.lists(connection, timers, TimerRow::nextKinds));
            arm.setArray(14, SqlArrays.lists(connection, timers, TimerRow::nextDue));
            arm.setArray(15, SqlArrays.texts(connection, timers, TimerRow::traceparent));
            arm.executeUpdate();
        }
    }

    /** Cancels the tickets' unfired timers of earlier generations, in one statement. */
    public void cancelStale(Connection connection, Collection<UUID> tickets) throws SQLException {
        try (PreparedStatement cancel = connection.prepareStatement(CANCEL_STALE)) {
            cancel.setArray(1, connection.createArrayOf("uuid", tickets.toArray()));
            cancel.executeUpdate();
        }
    }
}
