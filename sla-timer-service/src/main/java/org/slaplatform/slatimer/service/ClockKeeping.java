package org.slaplatform.slatimer.service;

import static org.slaplatform.runtime.time.Instants.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import org.hibernate.reactive.mutiny.Mutiny;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventType;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.PoisonEventException;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.events.ticket.TicketSeverityChanged;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.slatimer.clock.SlaClocks;
import org.slaplatform.slatimer.clock.TargetClock;
import org.slaplatform.slatimer.clock.TicketClocks;
import org.slaplatform.slatimer.clock.TicketHistory;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Keeps each ticket's clocks and timers a function of its event history: every event is stored,
 * the clocks are derived again from the whole sorted history, and the timers are moved to match.
 */
@ApplicationScoped
public class ClockKeeping {

    /** Every version of every policy on the class path, loaded and validated once (POL-1, POL-3). */
    private final PolicyBook policies = PolicyBook.shipped();

    /**
     * Applies a batch of first deliveries in the consumer's transaction (after the inbox insert): new
     * tickets are tracked, every clock event is stored, and each ticket the batch touches has its
     * generation raised and its clocks and timers derived again from its whole history, once per batch
     * however many of its events the batch holds. A fixed number of statements per batch, not per event.
     * A ticket first seen in this batch (generation 1) has no stored history, clocks or timers beyond
     * the batch's own events, so nothing is read back or cancelled for it.
     */
    public void applyBatch(Connection connection, List<EventEnvelope<?>> events) throws SQLException {
        try (PreparedStatement tracked = connection.prepareStatement("insert into tracked_tickets (ticket_id, "
                + "account_id, severity, opened_at, source_event_id, time_zone) values (?, ?, ?, ?, ?, ?) on conflict do nothing")) {
            int rows = 0;
            for (EventEnvelope<?> event : events) {
                if (event.data() instanceof TicketCreated created) {
                    tracked.setObject(1, created.ticketId());
                    tracked.setString(2, created.accountId());
                    tracked.setShort(3, (short) created.severity());
                    tracked.setObject(4, utc(created.createdAt()));
                    tracked.setString(5, event.id());
                    tracked.setString(6, created.timeZone());
                    tracked.addBatch();
                    rows++;
                }
            }
            if (rows > 0) {
                tracked.executeBatch();
            }
        }
        SortedSet<UUID> tickets = new TreeSet<>();
        Map<UUID, List<TicketHistory.Entry>> histories = new HashMap<>();
        // the trace of each ticket's last event in the batch: the timers it arms or moves continue it
        Map<UUID, String> traces = new HashMap<>();
        Map<UUID, List<Object>> arrived = new HashMap<>();
        try (PreparedStatement stored = connection.prepareStatement("insert into ticket_events (ticket_id, event_id, "
                + "occurred_at, type, payload) values (?, ?, ?, ?, ?) on conflict do nothing")) {
            for (EventEnvelope<?> event : events) {
                if (!TicketHistory.isClockEvent(event.data())) {
                    continue;
                }
                UUID ticketId = ticketId(event.data());
                tickets.add(ticketId);
                if (event.traceparent() != null) {
                    traces.put(ticketId, event.traceparent());
                }
                histories.computeIfAbsent(ticketId, t -> new ArrayList<>()).add(new TicketHistory.Entry(event.id(), event.data()));
                arrived.computeIfAbsent(ticketId, t -> new ArrayList<>()).add(event.data());
                stored.setObject(1, ticketId);
                stored.setString(2, event.id());
                stored.setObject(3, utc(occurredAt(event.data())));
                stored.setString(4, event.type().type());
                stored.setString(5, CloudEventCodec.dataJson(event.data()));
                stored.addBatch();
            }
            if (tickets.isEmpty()) {
                return;
            }
            stored.executeBatch();
        }
        // Sorted ids: two instances (during a rebalance) lock the generation rows in the same order. The
        // lock also keeps the firing loop off these tickets' timers until this transaction ends (it claims
        // with FOR SHARE of the generation row, SKIP LOCKED), so the fired kinds read below stay true.
        Map<UUID, Long> generations = new HashMap<>();
        try (PreparedStatement bump = connection.prepareStatement("insert into clock_generations (ticket_id, generation) "
                + "select t, 1 from unnest(?::uuid[]) t on conflict (ticket_id) do update "
                + "set generation = clock_generations.generation + 1 returning ticket_id, generation")) {
            bump.setArray(1, connection.createArrayOf("uuid", tickets.toArray()));
            try (ResultSet rs = bump.executeQuery()) {
                while (rs.next()) {
                    generations.put((UUID) rs.getObject(1), rs.getLong(2));
                }
            }
        }
        List<UUID> known = new ArrayList<>();
        for (UUID ticketId : tickets) {
            if (generations.get(ticketId) > 1) {
                known.add(ticketId);
            }
        }
        Map<String, Set<String>> fired = new HashMap<>();
        if (!known.isEmpty()) {
            java.sql.Array ids = connection.createArrayOf("uuid", known.toArray());
            known.forEach(histories::remove);
            try (PreparedStatement read = connection.prepareStatement(
                    "select ticket_id, event_id, type, payload from ticket_events where ticket_id = any(?)")) {
                read.setArray(1, ids);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        histories.computeIfAbsent((UUID) rs.getObject(1), t -> new ArrayList<>())
                                .add(new TicketHistory.Entry(rs.getString(2), decode(rs.getString(3), rs.getString(4))));
                    }
                }
            }
            try (PreparedStatement read = connection.prepareStatement("select ticket_id, target, cycle, kind from sla_timers "
                    + "where ticket_id = any(?) and fired_at is not null")) {
                read.setArray(1, ids);
                try (ResultSet rs = read.executeQuery()) {
                    while (rs.next()) {
                        fired.computeIfAbsent(clockKey((UUID) rs.getObject(1), rs.getString(2), rs.getInt(3)),
                                k -> new HashSet<>()).add(rs.getString(4));
                    }
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("delete from sla_clocks where ticket_id = any(?)")) {
                delete.setArray(1, ids);
                delete.executeUpdate();
            }
        }
        try (PreparedStatement clocks = connection.prepareStatement(INSERT_CLOCK);
                PreparedStatement timers = connection.prepareStatement(ARM_TIMER)) {
            int clockRows = 0;
            int timerRows = 0;
            for (UUID ticketId : tickets) {
                TicketHistory history = TicketHistory.of(histories.get(ticketId));
                Policy policy = policyOf(history);
                requireKnownSeverities(policy, arrived.get(ticketId));
                Optional<TicketClocks> derived = SlaClocks.derive(policy, history);
                if (derived.isEmpty()) {
                    continue;
                }
                TicketClocks ticket = derived.get();
                long generation = generations.get(ticketId);
                for (TargetClock clock : ticket.clocks()) {
                    clocks.setObject(1, ticketId);
                    clocks.setString(2, clock.kind().name());
                    clocks.setString(3, ticket.accountId());
                    clocks.setInt(4, clock.cycle());
                    clocks.setShort(5, (short) clock.severity());
                    clocks.setString(6, clock.calendarId());
                    clocks.setString(7, ticket.policy());
                    clocks.setInt(8, ticket.policyVersion());
                    clocks.setObject(9, utc(clock.filedAt()));
                    clocks.setObject(10, utc(clock.dueAt()));
                    clocks.setObject(11, utc(clock.pausedSince()), Types.TIMESTAMP_WITH_TIMEZONE);
                    clocks.setObject(12, utc(clock.metAt()), Types.TIMESTAMP_WITH_TIMEZONE);
                    clocks.addBatch();
                    clockRows++;
                    Optional<TimerPlan.Armed> next = TimerPlan.next(TimerPlan.of(policy, clock),
                            fired.getOrDefault(clockKey(ticketId, clock.kind().name(), clock.cycle()), Set.of()));
                    if (next.isEmpty()) {
                        continue;
                    }
                    TimerPlan.Timer timer = next.get().timer();
                    List<TimerPlan.Timer> following = next.get().following();
                    timers.setObject(1, ticketId);
                    timers.setString(2, clock.kind().name());
                    timers.setInt(3, clock.cycle());
                    timers.setString(4, timer.kind());
                    timers.setObject(5, utc(timer.dueAt()));
                    timers.setLong(6, generation);
                    timers.setString(7, ticket.accountId());
                    timers.setShort(8, (short) clock.severity());
                    timers.setString(9, clock.calendarId());
                    timers.setString(10, ticket.policy());
                    timers.setInt(11, ticket.policyVersion());
                    timers.setObject(12, utc(clock.dueAt()));
                    timers.setArray(13, connection.createArrayOf("text",
                            following.stream().map(TimerPlan.Timer::kind).toArray()));
                    timers.setArray(14, connection.createArrayOf("text",
                            following.stream().map(t -> t.dueAt().toString()).toArray()));
                    timers.setString(15, traces.get(ticketId));
                    timers.addBatch();
                    timerRows++;
                }
            }
            if (clockRows > 0) {
                clocks.executeBatch();
            }
            if (timerRows > 0) {
                timers.executeBatch();
            }
        }
        if (!known.isEmpty()) {
            // Timers of an earlier generation that this one did not re-arm are cancelled (met, paused,
            // target gone after a severity change); fired ones stay as the record of what was published.
            try (PreparedStatement cancel = connection.prepareStatement("delete from sla_timers t using clock_generations g "
                    + "where t.ticket_id = any(?) and g.ticket_id = t.ticket_id and t.fired_at is null "
                    + "and t.generation < g.generation")) {
                cancel.setArray(1, connection.createArrayOf("uuid", known.toArray()));
                cancel.executeUpdate();
            }
        }
    }

    private static String clockKey(UUID ticketId, String target, int cycle) {
        return ticketId + "/" + target + "/" + cycle;
    }

    private static final String INSERT_CLOCK = "insert into sla_clocks (ticket_id, target, account_id, cycle, severity, "
            + "calendar, policy, policy_version, filed_at, due_at, paused_since, met_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * Arms or moves a clock's next timer, with the rest of its plan; a fired timer never moves (SLA-5).
     */
    private static final String ARM_TIMER = "insert into sla_timers (ticket_id, target, cycle, kind, due_at, "
            + "generation, account_id, severity, calendar, policy, policy_version, target_due_at, next_kinds, next_due, "
            + "traceparent) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?::timestamptz[], ?) "
            + "on conflict (ticket_id, target, cycle, kind) do update set due_at = excluded.due_at, "
            + "generation = excluded.generation, severity = excluded.severity, calendar = excluded.calendar, "
            + "target_due_at = excluded.target_due_at, next_kinds = excluded.next_kinds, next_due = excluded.next_due, "
            + "traceparent = coalesce(excluded.traceparent, sla_timers.traceparent) "
            + "where sla_timers.fired_at is null";

    /** The ticket's stored history. */
    public static Uni<TicketHistory> history(Mutiny.Session session, UUID ticketId) {
        return session.createNativeQuery("select event_id, type, payload from ticket_events where ticket_id = :ticket",
                Object[].class).setParameter("ticket", ticketId).getResultList().map(rows -> {
                    List<TicketHistory.Entry> entries = new ArrayList<>();
                    for (Object[] row : rows) {
                        entries.add(new TicketHistory.Entry((String) row[0], decode((String) row[1], (String) row[2])));
                    }
                    return TicketHistory.of(entries);
                });
    }

    /** The clocks of a stored history, under the policy version its events name (POL-3). */
    public Optional<TicketClocks> derive(TicketHistory history) {
        if (history.entries().isEmpty()) {
            return Optional.empty();
        }
        return SlaClocks.derive(policyOf(history), history);
    }

    /**
     * POL-3: exactly the policy version the ticket's events name, however many newer versions ship; a
     * version this build does not ship is refused (dead letter), never replaced by another.
     */
    private Policy policyOf(TicketHistory history) {
        Object first = history.entries().get(0).event();
        String name = policyOf(first);
        int version = policyVersionOf(first);
        try {
            return policies.version(name, version);
        } catch (PolicyBook.UnknownPolicyException e) {
            throw new PoisonEventException(e.getMessage(), e);
        }
    }

    /**
     * IS-TKT-2: events carry the severity as the level of one of the policy's severities, whatever their
     * number; a level the policy does not define would leave the ticket without clocks, so it is refused.
     */
    private static void requireKnownSeverities(Policy policy, List<Object> events) {
        for (Object event : events) {
            int level = event instanceof TicketCreated c ? c.severity()
                    : event instanceof TicketSeverityChanged v ? v.toSeverity() : ((TicketStateChanged) event).severity();
            if (SlaClocks.severityOf(policy, level).isEmpty()) {
                throw new PoisonEventException("policy " + policy.id() + " version " + policy.version()
                        + " has no severity of level " + level + " (has " + policy.severities().stream()
                                .map(s -> String.valueOf(s.level())).toList() + ")");
            }
        }
    }

    static Object decode(String type, String payload) {
        EventType<?> eventType = EventTypes.byType(type)
                .orElseThrow(() -> new IllegalStateException("stored event of unknown type " + type));
        try {
            return CloudEventCodec.mapper().readValue(payload, eventType.dataClass());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event of type " + type + " cannot be read", e);
        }
    }

    private static UUID ticketId(Object event) {
        if (event instanceof TicketCreated c) {
            return c.ticketId();
        }
        if (event instanceof TicketStateChanged s) {
            return s.ticketId();
        }
        return ((TicketSeverityChanged) event).ticketId();
    }

    private static Instant occurredAt(Object event) {
        if (event instanceof TicketCreated c) {
            return c.createdAt();
        }
        if (event instanceof TicketStateChanged s) {
            return s.occurredAt();
        }
        return ((TicketSeverityChanged) event).occurredAt();
    }

    private static String policyOf(Object event) {
        String policy = event instanceof TicketCreated c ? c.policy()
                : event instanceof TicketStateChanged s ? s.policy() : ((TicketSeverityChanged) event).policy();
        if (policy == null) {
            throw new PoisonEventException("ticket event names no policy (POL-3)");
        }
        return policy;
    }

    private static int policyVersionOf(Object event) {
        return event instanceof TicketCreated c ? c.policyVersion()
                : event instanceof TicketStateChanged s ? s.policyVersion() : ((TicketSeverityChanged) event).policyVersion();
    }
}
