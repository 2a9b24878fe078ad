package org.slaplatform.slatimer.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
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

    private final Policies policies;

    ClockKeeping(Policies policies) {
        this.policies = policies;
    }

    /** Runs in the consumer's transaction, after the inbox insert. */
    public Uni<Void> apply(EventEnvelope<?> event) {
        if (!TicketHistory.isClockEvent(event.data())) {
            return Uni.createFrom().voidItem();
        }
        UUID ticketId = ticketId(event.data());
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into ticket_events (ticket_id, event_id, occurred_at, type, payload) "
                        + "values (:ticket, :id, :at, :type, :payload) on conflict do nothing")
                .setParameter("ticket", ticketId).setParameter("id", event.id())
                .setParameter("at", utc(occurredAt(event.data()))).setParameter("type", event.type().type())
                .setParameter("payload", CloudEventCodec.dataJson(event.data()))
                .executeUpdate()
                .chain(() -> session.createNativeQuery("insert into clock_generations (ticket_id, generation) "
                        + "values (:ticket, 1) on conflict (ticket_id) do update "
                        + "set generation = clock_generations.generation + 1")
                        .setParameter("ticket", ticketId).executeUpdate())
                .chain(() -> session.createNativeQuery(
                        "select generation from clock_generations where ticket_id = :ticket", Long.class)
                        .setParameter("ticket", ticketId).getSingleResult())
                .chain(generation -> history(session, ticketId)
                        .chain(history -> recompute(session, ticketId, generation, history))));
    }

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
        Object first = history.entries().get(0).event();
        return SlaClocks.derive(policies.get(policyOf(first), policyVersionOf(first)), history);
    }

    private Uni<Void> recompute(Mutiny.Session session, UUID ticketId, long generation, TicketHistory history) {
        Object first = history.entries().get(0).event();
        Policy policy = policies.get(policyOf(first), policyVersionOf(first));
        Optional<TicketClocks> derived = SlaClocks.derive(policy, history);
        Uni<Void> chain = session.createNativeQuery("delete from sla_clocks where ticket_id = :ticket")
                .setParameter("ticket", ticketId).executeUpdate().replaceWithVoid();
        if (derived.isPresent() && !derived.get().clocks().isEmpty()) {
            TicketClocks clocks = derived.get();
            chain = chain.chain(() -> saveClocks(session, clocks));
            List<Object[]> timers = new ArrayList<>();
            for (TargetClock clock : clocks.clocks()) {
                for (TimerPlan.Timer timer : TimerPlan.of(policy, clock)) {
                    timers.add(new Object[] { clock, timer });
                }
            }
            if (!timers.isEmpty()) {
                chain = chain.chain(() -> armTimers(session, clocks, timers, generation));
            }
        }
        // Timers of an earlier generation that this one did not re-arm are cancelled (met, paused,
        // target gone after a severity change); fired ones stay as the record of what was published.
        return chain.chain(() -> session.createNativeQuery(
                "delete from sla_timers where ticket_id = :ticket and fired_at is null and generation < :generation")
                .setParameter("ticket", ticketId).setParameter("generation", generation).executeUpdate())
                .replaceWithVoid();
    }

    /** All of a ticket's clocks in one statement. */
    private static Uni<Void> saveClocks(Mutiny.Session session, TicketClocks clocks) {
        StringBuilder sql = new StringBuilder("insert into sla_clocks (ticket_id, target, account_id, cycle, severity, "
                + "calendar, policy, policy_version, filed_at, due_at, paused_since, met_at) values ");
        List<TargetClock> list = clocks.clocks();
        for (int i = 0; i < list.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:ticket, :target").append(i).append(", :account, :cycle").append(i)
                    .append(", :severity").append(i).append(", :calendar").append(i).append(", :policy, :version, :filed")
                    .append(i).append(", :due").append(i).append(", cast(:paused").append(i)
                    .append(" as timestamptz), cast(:met").append(i).append(" as timestamptz))");
        }
        var query = session.createNativeQuery(sql.toString()).setParameter("ticket", clocks.ticketId())
                .setParameter("account", clocks.accountId()).setParameter("policy", clocks.policy())
                .setParameter("version", clocks.policyVersion());
        for (int i = 0; i < list.size(); i++) {
            TargetClock clock = list.get(i);
            query.setParameter("target" + i, clock.kind().name()).setParameter("cycle" + i, clock.cycle())
                    .setParameter("severity" + i, (short) clock.severity())
                    .setParameter("calendar" + i, clock.calendarId()).setParameter("filed" + i, utc(clock.filedAt()))
                    .setParameter("due" + i, utc(clock.dueAt())).setParameter("paused" + i, utc(clock.pausedSince()))
                    .setParameter("met" + i, utc(clock.metAt()));
        }
        return query.executeUpdate().replaceWithVoid();
    }

    /** Arms or moves all of a ticket's timers in one statement; a fired timer never moves (SLA-5). */
    private static Uni<Void> armTimers(Mutiny.Session session, TicketClocks clocks, List<Object[]> timers,
            long generation) {
        StringBuilder sql = new StringBuilder("insert into sla_timers (ticket_id, target, cycle, kind, due_at, "
                + "generation, account_id, severity, calendar, policy, policy_version, target_due_at) values ");
        for (int i = 0; i < timers.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:ticket, :target").append(i).append(", :cycle").append(i)
                    .append(", :kind").append(i).append(", :due").append(i).append(", :generation, :account, :severity")
                    .append(i).append(", :calendar").append(i).append(", :policy, :version, :targetDue").append(i)
                    .append(")");
        }
        sql.append(" on conflict (ticket_id, target, cycle, kind) do update set due_at = excluded.due_at, "
                + "generation = excluded.generation, severity = excluded.severity, calendar = excluded.calendar, "
                + "target_due_at = excluded.target_due_at where sla_timers.fired_at is null");
        var query = session.createNativeQuery(sql.toString()).setParameter("ticket", clocks.ticketId())
                .setParameter("generation", generation).setParameter("account", clocks.accountId())
                .setParameter("policy", clocks.policy()).setParameter("version", clocks.policyVersion());
        for (int i = 0; i < timers.size(); i++) {
            TargetClock clock = (TargetClock) timers.get(i)[0];
            TimerPlan.Timer timer = (TimerPlan.Timer) timers.get(i)[1];
            query.setParameter("target" + i, clock.kind().name()).setParameter("cycle" + i, clock.cycle())
                    .setParameter("kind" + i, timer.kind()).setParameter("due" + i, utc(timer.dueAt()))
                    .setParameter("severity" + i, (short) clock.severity())
                    .setParameter("calendar" + i, clock.calendarId()).setParameter("targetDue" + i, utc(clock.dueAt()));
        }
        return query.executeUpdate().replaceWithVoid();
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

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
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
