package org.slaplatform.slatimer.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;

import io.agroal.api.AgroalDataSource;

/**
 * The durable timers' firing statements (SLA-5), over JDBC on the firing worker's thread: a firing
 * round is one claim-mark-arm statement and one outbox insert ({@code unnest} of typed arrays) in one
 * transaction; a round that finds nothing due reads the next deadline in the same transaction instead.
 */
@ApplicationScoped
public class TimerStore {

    /**
     * Claims the due timers of current generations, marks them fired and arms each one's follower (the
     * first of its {@code next_kinds}, carrying the rest), all in one statement. The generation row is
     * share-locked, SKIP LOCKED: a ticket whose events are being applied (its generation row is being
     * raised) is left alone until that transaction ends, so the kinds it reads as fired stay true.
     */
    private static final String CLAIM_AND_MARK = """
            with claimed as (
                select t.ticket_id, t.target, t.cycle, t.kind
                  from sla_timers t
                  join clock_generations g on g.ticket_id = t.ticket_id and g.generation = t.generation
                 where t.fired_at is null and t.due_at <= ?
                 order by t.due_at
                 limit ?
                   for update of t skip locked
                   for share of g skip locked
            ), fired as (
                update sla_timers t set fired_at = ?
                  from claimed c
                 where t.ticket_id = c.ticket_id and t.target = c.target and t.cycle = c.cycle and t.kind = c.kind
                returning t.ticket_id, t.target, t.cycle, t.kind, t.due_at, t.account_id, t.severity, t.calendar,
                          t.policy, t.policy_version, t.target_due_at, t.generation, t.next_kinds, t.next_due,
                          t.traceparent
            ), armed as (
                insert into sla_timers (ticket_id, target, cycle, kind, due_at, generation, account_id, severity,
                                        calendar, policy, policy_version, target_due_at, next_kinds, next_due,
                                        traceparent)
                select ticket_id, target, cycle, next_kinds[1], next_due[1], generation, account_id, severity,
                       calendar, policy, policy_version, target_due_at, next_kinds[2:], next_due[2:], traceparent
                  from fired
                 where cardinality(next_kinds) > 0
                on conflict (ticket_id, target, cycle, kind) do nothing
            )
            select ticket_id, target, cycle, kind, due_at, account_id, severity, calendar, policy, policy_version,
                   target_due_at, traceparent
              from fired
             order by due_at""";

    /** The claimed batch's events, in one statement; the event id refuses a second copy. */
    private static final String OUTBOX = """
            insert into outbox (event_id, topic, record_key, type, source, subject, event_time, payload, traceparent)
            select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                                 ?::text[], ?::text[])
            on conflict (event_id) do nothing""";

    private static final String NEXT_DUE = "select min(due_at) from sla_timers where fired_at is null";

    private static final String RUNNING_CLOCKS =
            "select count(*) from sla_clocks where met_at is null and paused_since is null";

    private static final String DUE_TIMERS = "select count(*) from sla_timers where fired_at is null and due_at <= now()";

    private final AgroalDataSource dataSource;

    TimerStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One firing round, in one transaction: claims and marks up to {@code limit} timers due at
     * {@code now}, arms their followers and writes each one's event ({@code eventOf}) to the outbox.
     * When none is due (or every due one is locked by another instance), reads the earliest pending
     * deadline instead and commits nothing.
     */
    public Round fire(Instant now, int limit, Function<DueTimer, EventEnvelope<?>> eventOf) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<DueTimer> due = claim(connection, now, limit);
                if (due.isEmpty()) {
                    Instant next = nextDue(connection);
                    connection.rollback();
                    return new Round(due, next);
                }
                appendEvents(connection, due.stream().map(eventOf).toList());
                connection.commit();
                return new Round(due, null);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static List<DueTimer> claim(Connection connection, Instant now, int limit) throws SQLException {
        List<DueTimer> due = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM_AND_MARK)) {
            claim.setTimestamp(1, Timestamp.from(now));
            claim.setInt(2, limit);
            claim.setTimestamp(3, Timestamp.from(now));
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    due.add(new DueTimer((UUID) rs.getObject(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getInt(7), rs.getString(8),
                            rs.getString(9), rs.getInt(10), rs.getTimestamp(11).toInstant(), rs.getString(12)));
                }
            }
        }
        return due;
    }

    private static void appendEvents(Connection connection, List<EventEnvelope<?>> events) throws SQLException {
        int n = events.size();
        String[][] columns = new String[9][n];
        for (int i = 0; i < n; i++) {
            EventEnvelope<?> event = events.get(i);
            columns[0][i] = event.id();
            columns[1][i] = event.type().topic().name();
            columns[2][i] = event.key();
            columns[3][i] = event.type().type();
            columns[4][i] = event.source().toString();
            columns[5][i] = event.subject();
            columns[6][i] = event.time().toString();
            columns[7][i] = CloudEventCodec.dataJson(event.data());
            columns[8][i] = event.traceparent();
        }
        try (PreparedStatement outbox = connection.prepareStatement(OUTBOX)) {
            for (int c = 0; c < columns.length; c++) {
                outbox.setArray(c + 1, connection.createArrayOf("text", columns[c]));
            }
            outbox.executeUpdate();
        }
    }

    private static Instant nextDue(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(NEXT_DUE)) {
            rs.next();
            Timestamp next = rs.getTimestamp(1);
            return next == null ? null : next.toInstant();
        }
    }

    /** SLA clocks counting now (not met, not paused). */
    public long runningClocks() throws SQLException {
        return count(RUNNING_CLOCKS);
    }

    /** Timers whose deadline has passed (by the database's clock) and that have not fired yet. */
    public long dueTimers() throws SQLException {
        return count(DUE_TIMERS);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * What a firing round did.
     *
     * @param fired the timers fired, in deadline order; empty when none was due
     * @param nextDue when nothing fired: the earliest pending deadline, null if no timer is pending
     */
    public record Round(List<DueTimer> fired, Instant nextDue) {
    }

    /** One claimed timer, as the claim returns it. */
    public record DueTimer(UUID ticketId, String target, int cycle, String kind, Instant dueAt, String accountId,
            int severity, String calendar, String policy, int policyVersion, Instant targetDueAt, String traceparent) {
    }
}
