package org.slaplatform.slatimer.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.PoisonEventException;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.events.ticket.TicketSeverityChanged;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.slatimer.domain.SlaClocks;
import org.slaplatform.slatimer.domain.TargetClock;
import org.slaplatform.slatimer.domain.TicketClocks;
import org.slaplatform.slatimer.domain.TicketHistory;
import org.slaplatform.slatimer.domain.TimerPlan;
import org.slaplatform.slatimer.repository.ArmedTimers;
import org.slaplatform.slatimer.repository.ClockStore;
import org.slaplatform.slatimer.repository.TicketEventStore;
import org.slaplatform.slatimer.repository.TrackedTicketRepository;

/**
 * Keeps each ticket's clocks and timers a function of its event history: every event is stored,
 * the clocks are derived again from the whole sorted history, and the timers are moved to match.
 */
@ApplicationScoped
public class ClockKeeping {

    /** Every version of every policy, loaded and validated once (POL-1, POL-3). */
    private final PolicyBook policies;
    private final TrackedTicketRepository trackedTickets;
    private final TicketEventStore ticketEvents;
    private final ClockStore clocks;
    private final ArmedTimers timers;

    ClockKeeping(PolicyBook policies, TrackedTicketRepository trackedTickets, TicketEventStore ticketEvents,
            ClockStore clocks, ArmedTimers timers) {
        this.policies = policies;
        this.trackedTickets = trackedTickets;
        this.ticketEvents = ticketEvents;
        this.clocks = clocks;
        this.timers = timers;
    }

    /**
     * Applies a batch of first deliveries in the consumer's transaction (after the inbox insert): new
     * tickets are tracked, every clock event is stored, and each ticket the batch touches has its
     * generation raised and its clocks and timers derived again from its whole history, once per batch
     * however many of its events the batch holds. A fixed number of statements per batch, not per event.
     * A ticket first seen in this batch (generation 1) has no stored history, clocks or timers beyond
     * the batch's own events, so nothing is read back or cancelled for it.
     */
    public void applyBatch(Connection connection, List<EventEnvelope<?>> events) throws SQLException {
        List<TrackedTicketRepository.NewTicket> created = new ArrayList<>();
        for (EventEnvelope<?> event : events) {
            if (event.data() instanceof TicketCreated c) {
                created.add(new TrackedTicketRepository.NewTicket(c.ticketId(), c.accountId(), c.severity(),
                        c.createdAt(), event.id(), c.timeZone()));
            }
        }
        if (!created.isEmpty()) {
            trackedTickets.insertNew(connection, created);
        }
        SortedSet<UUID> tickets = new TreeSet<>();
        Map<UUID, List<TicketHistory.Entry>> histories = new HashMap<>();
        // the trace of each ticket's last event in the batch: the timers it arms or moves continue it
        Map<UUID, String> traces = new HashMap<>();
        Map<UUID, List<Object>> arrived = new HashMap<>();
        List<TicketEventStore.StoredEvent> stored = new ArrayList<>();
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
            stored.add(new TicketEventStore.StoredEvent(ticketId, event.id(), occurredAt(event.data()),
                    event.type().type(), CloudEventCodec.dataJson(event.data())));
        }
        if (tickets.isEmpty()) {
            return;
        }
        ticketEvents.insert(connection, stored);
        // Sorted ids: two instances (during a rebalance) lock the generation rows in the same order. The
        // lock also keeps the firing loop off these tickets' timers until this transaction ends (it claims
        // with FOR SHARE of the generation row, SKIP LOCKED), so the fired kinds read below stay true.
        Map<UUID, Long> generations = clocks.raiseGenerations(connection, tickets);
        List<UUID> known = new ArrayList<>();
        for (UUID ticketId : tickets) {
            if (generations.get(ticketId) > 1) {
                known.add(ticketId);
            }
        }
        Map<ArmedTimers.ClockId, Set<String>> fired = Map.of();
        if (!known.isEmpty()) {
            known.forEach(histories::remove);
            histories.putAll(ticketEvents.histories(connection, known));
            fired = timers.firedKinds(connection, known);
            clocks.delete(connection, known);
        }
        List<ClockStore.ClockRow> clockRows = new ArrayList<>();
        List<ArmedTimers.TimerRow> timerRows = new ArrayList<>();
        for (UUID ticketId : tickets) {
            TicketHistory history = TicketHistory.of(histories.get(ticketId));
            Policy policy = policyOf(history);
            requireKnownSeverities(policy, arrived.get(ticketId));
            Optional<TicketClocks> derived = SlaClocks.derive(policy, history);
            if (derived.isEmpty()) {
                continue;
            }
            TicketClocks ticket = derived.get();
            for (TargetClock clock : ticket.clocks()) {
                clockRows.add(new ClockStore.ClockRow(ticketId, clock.kind().name(), ticket.accountId(), clock.cycle(),
                        clock.severity(), clock.calendarId(), ticket.policy(), ticket.policyVersion(), clock.filedAt(),
                        clock.dueAt(), clock.pausedSince(), clock.metAt()));
                ArmedTimers.ClockId id = new ArmedTimers.ClockId(ticketId, clock.kind().name(), clock.cycle());
                Optional<TimerPlan.Armed> next = TimerPlan.next(TimerPlan.of(policy, clock),
                        fired.getOrDefault(id, Set.of()));
                if (next.isEmpty()) {
                    continue;
                }
                TimerPlan.Timer timer = next.get().timer();
                List<TimerPlan.Timer> following = next.get().following();
                timerRows.add(new ArmedTimers.TimerRow(id, timer.kind(), timer.dueAt(), generations.get(ticketId),
                        ticket.accountId(), clock.severity(), clock.calendarId(), ticket.policy(),
                        ticket.policyVersion(), clock.dueAt(), following.stream().map(TimerPlan.Timer::kind).toList(),
                        following.stream().map(TimerPlan.Timer::dueAt).toList(), traces.get(ticketId)));
            }
        }
        if (!clockRows.isEmpty()) {
            clocks.insert(connection, clockRows);
        }
        if (!timerRows.isEmpty()) {
            timers.arm(connection, timerRows);
        }
        if (!known.isEmpty()) {
            timers.cancelStale(connection, known);
        }
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
