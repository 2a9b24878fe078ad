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
        if (derived.isPresent()) {
            TicketClocks clocks = derived.get();
            for (TargetClock clock : clocks.clocks()) {
                chain = chain.chain(() -> saveClock(session, clocks, clock));
                for (TimerPlan.Timer timer : TimerPlan.of(policy, clock)) {
                    chain = chain.chain(() -> armTimer(session, clocks, clock, timer, generation));
                }
            }
        }
        // Timers of an earlier generation that this one did not re-arm are cancelled (met, paused,
        // target gone after a severity change); fired ones stay as the record of what was published.
        return chain.chain(() -> session.createNativeQuery(
                "delete from sla_timers where ticket_id = :ticket and fired_at is null and generation < :generation")
                .setParameter("ticket", ticketId).setParameter("generation", generation).executeUpdate())
                .replaceWithVoid();
    }

    private static Uni<Void> saveClock(Mutiny.Session session, TicketClocks clocks, TargetClock clock) {
        return session.createNativeQuery("insert into sla_clocks (ticket_id, target, account_id, cycle, severity, "
                + "calendar, policy, policy_version, filed_at, due_at, paused_since, met_at) values (:ticket, :target, "
                + ":account, :cycle, :severity, :calendar, :policy, :version, :filed, :due, :paused, :met)")
                .setParameter("ticket", clocks.ticketId()).setParameter("target", clock.kind().name())
                .setParameter("account", clocks.accountId()).setParameter("cycle", clock.cycle())
                .setParameter("severity", (short) clock.severity()).setParameter("calendar", clock.calendarId())
                .setParameter("policy", clocks.policy()).setParameter("version", clocks.policyVersion())
                .setParameter("filed", utc(clock.filedAt())).setParameter("due", utc(clock.dueAt()))
                .setParameter("paused", utc(clock.pausedSince())).setParameter("met", utc(clock.metAt()))
                .executeUpdate().replaceWithVoid();
    }

    /** Arms or moves one timer; a fired timer never moves (each fires once, SLA-5). */
    private static Uni<Void> armTimer(Mutiny.Session session, TicketClocks clocks, TargetClock clock,
            TimerPlan.Timer timer, long generation) {
        return session.createNativeQuery("insert into sla_timers (ticket_id, target, cycle, kind, due_at, generation, "
                + "account_id, severity, calendar, policy, policy_version, target_due_at) values (:ticket, :target, "
                + ":cycle, :kind, :due, :generation, :account, :severity, :calendar, :policy, :version, :targetDue) "
                + "on conflict (ticket_id, target, cycle, kind) do update set due_at = excluded.due_at, "
                + "generation = excluded.generation, severity = excluded.severity, calendar = excluded.calendar, "
                + "target_due_at = excluded.target_due_at where sla_timers.fired_at is null")
                .setParameter("ticket", clocks.ticketId()).setParameter("target", clock.kind().name())
                .setParameter("cycle", clock.cycle()).setParameter("kind", timer.kind())
                .setParameter("due", utc(timer.dueAt())).setParameter("generation", generation)
                .setParameter("account", clocks.accountId()).setParameter("severity", (short) clock.severity())
                .setParameter("calendar", clock.calendarId()).setParameter("policy", clocks.policy())
                .setParameter("version", clocks.policyVersion()).setParameter("targetDue", utc(clock.dueAt()))
                .executeUpdate().replaceWithVoid();
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
