package org.slaplatform.slatimer.timer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.Traceparent;
import org.slaplatform.events.sla.SlaBreached;
import org.slaplatform.events.sla.SlaEscalated;
import org.slaplatform.events.sla.SlaWarning;
import org.slaplatform.runtime.health.Heartbeats;
import org.slaplatform.slatimer.config.ServiceName;
import org.slaplatform.slatimer.domain.TimerPlan;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The firing loop of the durable timers (SLA-5, NTF-1). Any number of these may run against one
 * database: each claims due timers with {@code FOR UPDATE SKIP LOCKED}, writes the warning, breach or
 * escalation event to the outbox and marks the timer fired in the same transaction, so each timer
 * fires once whatever the restarts or instances. It claims batch after batch until nothing is due
 * (no cap that lets lag grow), then sleeps until the earliest pending deadline, a NOTIFY from a
 * newly written timer, or the poll interval, whichever comes first.
 */
public final class TimerFiring {

    private static final Logger LOG = Logger.getLogger(TimerFiring.class);

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

    private final DataSource dataSource;
    private final Clock clock;
    private final int batchSize;
    private final Duration pollInterval;
    private final String name;
    private final MeterRegistry registry;
    private final Timer lag;
    private final Heartbeats heartbeats;
    private volatile boolean running;
    private Thread thread;
    private Heartbeats.Heartbeat turns;

    public TimerFiring(DataSource dataSource, Clock clock, int batchSize, Duration pollInterval, String name,
            MeterRegistry registry, Heartbeats heartbeats) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.batchSize = batchSize;
        this.pollInterval = pollInterval;
        this.name = name;
        this.lag = Timer.builder("sla.timer.firing.lag").description("From a timer's deadline to its event in the outbox")
                .publishPercentileHistogram().register(registry);
        this.registry = registry;
        this.heartbeats = heartbeats;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        turns = heartbeats.loop(name, pollInterval);
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the loop; a batch in flight either commits or rolls back, never half. */
    public synchronized void stop() {
        running = false;
        if (turns != null) {
            turns.stop();
            turns = null;
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    private void loop() {
        while (running) {
            try (Connection listener = dataSource.getConnection()) {
                listener.setAutoCommit(true);
                try (Statement statement = listener.createStatement()) {
                    statement.execute("listen \"" + currentSchema(listener) + "_sla_timers\"");
                }
                PGConnection notifications = listener.unwrap(PGConnection.class);
                Heartbeats.Heartbeat turns = this.turns;
                while (running) {
                    while (running && fireBatch() > 0) {
                        turns.beat(); // a backlog is many turns
                    }
                    long sleep = millisUntilNextDue(listener);
                    turns.beat();
                    if (sleep > 0) {
                        notifications.getNotifications((int) sleep);
                    }
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("%s failed, retrying in 1 s: %s", name, e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private long millisUntilNextDue(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select min(due_at) from sla_timers where fired_at is null")) {
            rs.next();
            Timestamp next = rs.getTimestamp(1);
            long max = pollInterval.toMillis();
            if (next == null) {
                return max;
            }
            long until = next.toInstant().toEpochMilli() - clock.millis();
            return Math.max(0, Math.min(max, until));
        }
    }

    /** Claims and fires one batch in one transaction; returns how many fired. */
    int fireBatch() throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Due> due = new ArrayList<>();
                try (PreparedStatement claim = connection.prepareStatement(CLAIM_AND_MARK)) {
                    claim.setTimestamp(1, Timestamp.from(now));
                    claim.setInt(2, batchSize);
                    claim.setTimestamp(3, Timestamp.from(now));
                    try (ResultSet rs = claim.executeQuery()) {
                        while (rs.next()) {
                            due.add(new Due((UUID) rs.getObject(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                                    rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getInt(7), rs.getString(8),
                                    rs.getString(9), rs.getInt(10), rs.getTimestamp(11).toInstant(), rs.getString(12)));
                        }
                    }
                }
                if (due.isEmpty()) {
                    connection.rollback();
                    return 0;
                }
                int n = due.size();
                String[][] columns = new String[9][n];
                for (int i = 0; i < n; i++) {
                    EventEnvelope<?> event = due.get(i).event();
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
                connection.commit();
                Instant committed = clock.instant();
                for (Due timer : due) {
                    lag.record(Duration.between(timer.dueAt(), committed).isNegative() ? Duration.ZERO
                            : Duration.between(timer.dueAt(), committed));
                    if (TimerPlan.BREACH.equals(timer.kind())) {
                        // bounded labels only (policy, severity, target), never the ticket or account
                        Counter.builder("sla.breaches").description("SLA breaches fired (SLA-5)")
                                .tag("policy", timer.policy()).tag("severity", Integer.toString(timer.severity()))
                                .tag("target", timer.target()).register(registry).increment();
                    }
                }
                return due.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("select current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** One claimed timer. */
    record Due(UUID ticketId, String target, int cycle, String kind, Instant dueAt, String accountId, int severity,
            String calendar, String policy, int policyVersion, Instant targetDueAt, String traceparent) {

        /**
         * The event id is derived from what the timer is, so even a replay could not publish a second id.
         * The event continues the trace of the ticket event that armed the timer, in a span of its own.
         */
        EventEnvelope<?> event() {
            return untraced().withTraceparent(Traceparent.parse(traceparent).map(Traceparent::child)
                    .map(Traceparent::toString).orElse(null));
        }

        private EventEnvelope<?> untraced() {
            String id = UUID.nameUUIDFromBytes((ticketId + "/" + target + "/" + cycle + "/" + kind)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
            String key = ticketId.toString();
            java.net.URI source = EventEnvelope.source(ServiceName.VALUE);
            if (kind.equals(TimerPlan.BREACH)) {
                return new EventEnvelope<>(id, EventTypes.SLA_BREACHED, source, key, dueAt, key,
                        new SlaBreached(ticketId, accountId, target, cycle, severity, targetDueAt, calendar, policy,
                                policyVersion));
            }
            if (kind.startsWith(TimerPlan.WARNING_PREFIX)) {
                int percent = Integer.parseInt(kind.substring(TimerPlan.WARNING_PREFIX.length()));
                return new EventEnvelope<>(id, EventTypes.SLA_WARNING, source, key, dueAt, key,
                        new SlaWarning(ticketId, accountId, target, cycle, severity, percent, dueAt, targetDueAt,
                                calendar, policy, policyVersion));
            }
            String level = kind.substring(TimerPlan.ESCALATION_PREFIX.length()).toUpperCase(java.util.Locale.ROOT)
                    .replace('-', '_');
            return new EventEnvelope<>(id, EventTypes.SLA_ESCALATED, source, key, dueAt, key,
                    new SlaEscalated(ticketId, accountId, target, cycle, severity, level, targetDueAt, dueAt, policy,
                            policyVersion));
        }
    }
}
