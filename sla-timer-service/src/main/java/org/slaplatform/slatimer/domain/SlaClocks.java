package org.slaplatform.slatimer.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.events.ticket.TicketSeverityChanged;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.ReopenRule;
import org.slaplatform.policy.Severity;
import org.slaplatform.policy.Target;
import org.slaplatform.policy.TargetKind;
import org.slaplatform.policy.TicketState;
import org.slaplatform.policy.calendar.BusinessCalendar;
import org.slaplatform.policy.calendar.BusinessDayReading;
import org.slaplatform.policy.calendar.InstantRange;

/**
 * The SLA clocks of a ticket as a pure function of its event history and its policy: the same
 * history gives the same clocks whatever order the events arrived in and however often (the
 * history is sorted and deduplicated by {@link TicketHistory}).
 */
public final class SlaClocks {

    /** The transitions that meet each target (TKT-4: "acknowledged (first response given)"). */
    private static final Map<TargetKind, Set<TicketState>> MEETING_STATES = Map.of(
            TargetKind.FIRST_RESPONSE, EnumSet.complementOf(EnumSet.of(TicketState.NEW)),
            TargetKind.WORKAROUND, EnumSet.of(TicketState.WORKAROUND_PROVIDED, TicketState.RESOLVED, TicketState.CLOSED),
            TargetKind.RESOLUTION, EnumSet.of(TicketState.RESOLVED, TicketState.CLOSED));

    /** The target kinds this service runs clocks for; NEXT_RESPONSE is set by none of the shipped policies. */
    public static final List<TargetKind> KINDS =
            List.of(TargetKind.FIRST_RESPONSE, TargetKind.WORKAROUND, TargetKind.RESOLUTION);

    private SlaClocks() {
    }

    /** Empty until the history holds the ticket's creation (it may arrive after later events). */
    public static Optional<TicketClocks> derive(Policy policy, TicketHistory history) {
        TicketCreated created = null;
        for (TicketHistory.Entry entry : history.entries()) {
            if (entry.event() instanceof TicketCreated c) {
                created = c;
                break;
            }
        }
        if (created == null) {
            return Optional.empty();
        }
        Replay replay = new Replay(policy, created);
        for (TicketHistory.Entry entry : history.entries()) {
            if (entry.event() instanceof TicketStateChanged s) {
                replay.stateChanged(s);
            } else if (entry.event() instanceof TicketSeverityChanged v) {
                replay.severity = v.toSeverity();
            }
        }
        return Optional.of(replay.result());
    }

    /** The replay of one ticket's history, event by event. */
    private static final class Replay {
        private final Policy policy;
        private final TicketCreated created;
        private int severity;
        private TicketState state = TicketState.NEW;
        private int cycle;
        private Instant cycleStart;
        private Instant finishedAt;
        private final Map<TargetKind, Instant> metAt = new EnumMap<>(TargetKind.class);
        private final Map<TargetKind, Integer> metSeverity = new EnumMap<>(TargetKind.class);
        private final Map<TargetKind, List<InstantRange>> pauses = new EnumMap<>(TargetKind.class);
        private final Map<TargetKind, Instant> pausedSince = new EnumMap<>(TargetKind.class);

        Replay(Policy policy, TicketCreated created) {
            this.policy = policy;
            this.created = created;
            this.severity = created.severity();
            this.cycleStart = created.createdAt();
            KINDS.forEach(k -> pauses.put(k, new ArrayList<>()));
        }

        void stateChanged(TicketStateChanged event) {
            Instant at = event.occurredAt();
            if (at.isBefore(created.createdAt())) {
                at = created.createdAt();
            }
            TicketState to = TicketState.valueOf(event.toState());
            boolean finished = isFinished(state);
            if (finished && !isFinished(to)) {
                reopen(at);
            }
            severity = event.severity();
            for (TargetKind kind : KINDS) {
                if (metAt.containsKey(kind)) {
                    continue;
                }
                // IS-SLA-3: the policy names the states that stop each target's clock.
                boolean wasPaused = pausedSince.containsKey(kind);
                boolean pauses = policy.pauses(kind, to);
                if (wasPaused && !pauses) {
                    closePause(kind, at);
                } else if (!wasPaused && pauses) {
                    pausedSince.put(kind, at);
                }
                if (MEETING_STATES.get(kind).contains(to)) {
                    closePause(kind, at);
                    metAt.put(kind, at);
                    metSeverity.put(kind, severity);
                }
            }
            if (!finished && isFinished(to)) {
                finishedAt = at;
            }
            state = to;
        }

        /** TKT-4 reopen, per the policy: resume with the time already used, or a new cycle. */
        private void reopen(Instant at) {
            ReopenRule.Behaviour behaviour = policy.reopen().map(ReopenRule::behaviour).orElse(ReopenRule.Behaviour.RESUME);
            if (behaviour == ReopenRule.Behaviour.NEW_CYCLE) {
                cycle++;
                cycleStart = at;
                metAt.clear();
                metSeverity.clear();
                pausedSince.clear();
                KINDS.forEach(k -> pauses.put(k, new ArrayList<>()));
                return;
            }
            // The targets the finishing transition met run again; the time the ticket spent
            // resolved or closed does not count.
            for (TargetKind kind : KINDS) {
                Instant met = metAt.get(kind);
                if (met != null && finishedAt != null && !met.isBefore(finishedAt)) {
                    metAt.remove(kind);
                    metSeverity.remove(kind);
                    if (at.isAfter(finishedAt)) {
                        pauses.get(kind).add(new InstantRange(finishedAt, at));
                    }
                }
            }
        }

        private void closePause(TargetKind kind, Instant at) {
            Instant since = pausedSince.remove(kind);
            if (since != null && at.isAfter(since)) {
                pauses.get(kind).add(new InstantRange(since, at));
            }
        }

        TicketClocks result() {
            List<TargetClock> clocks = new ArrayList<>();
            for (TargetKind kind : KINDS) {
                // SLA-4: a running target counts under the current severity from the start, less
                // the paused time; a met one keeps the severity it was met under.
                int level = metSeverity.getOrDefault(kind, severity);
                Optional<Severity> sev = severityOf(policy, level);
                Optional<Target> target = sev.flatMap(s -> policy.target(s, kind));
                if (target.isEmpty()) {
                    continue;
                }
                String calendarId = target.get().calendar();
                BusinessCalendar calendar = policy.calendar(calendarId);
                Instant start = cycleStart;
                Instant startedAt = calendar.isOpen(start) ? start : calendar.nextOpening(start);
                // IS-SLA-2: business days count from the opening, not from the filing out of hours
                Duration allowance = allowance(target.get(), calendar, startedAt);
                List<InstantRange> closed = InstantRange.normalize(pauses.get(kind));
                Instant since = metAt.containsKey(kind) ? null : pausedSince.get(kind);
                Instant due = calendar.addBusinessTime(start, allowance, closed);
                if (target.get().within().isBusinessDays() && target.get().reading() == BusinessDayReading.SAME_CLOCK_TIME
                        && !calendar.isOpen(due)) {
                    // CAL-4 same clock time: N whole business days from a 09:00 start end at 09:00, not
                    // at the previous evening's close, which is the same point in business time.
                    due = calendar.nextOpening(due);
                }
                clocks.add(new TargetClock(kind, cycle, level, calendarId, calendar, start, startedAt, allowance,
                        closed, since, metAt.get(kind), due));
            }
            return new TicketClocks(created.ticketId(), created.accountId(), created.policy(), created.policyVersion(),
                    severity, state, List.copyOf(clocks));
        }
    }

    /**
     * The business time a target allows; N business days allow the business time they span (CAL-4),
     * measured from the start's whole second: the calendar finds the same clock time to the second, so
     * measured from a start with a fraction of a second (a ticket filed at 10:00:05.09) two business days
     * would allow that fraction less than 18 hours, and the due time would fall a fraction early.
     */
    static Duration allowance(Target target, BusinessCalendar calendar, Instant start) {
        if (!target.within().isBusinessDays()) {
            return target.within().businessTime();
        }
        Instant whole = start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant unpaused = calendar.addBusinessDays(whole, target.within().businessDays(), target.reading());
        return calendar.businessTimeBetween(whole, unpaused);
    }

    /** Events carry the severity as its level (1 = most severe, IS-TKT-2). */
    public static Optional<Severity> severityOf(Policy policy, int level) {
        return policy.severities().stream().filter(s -> s.level() != null && s.level() == level).findFirst();
    }

    private static boolean isFinished(TicketState state) {
        return state == TicketState.RESOLVED || state == TicketState.CLOSED;
    }
}
