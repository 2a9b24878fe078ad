package org.slaplatform.slatimer.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slaplatform.policy.TargetKind;
import org.slaplatform.policy.calendar.BusinessCalendar;
import org.slaplatform.policy.calendar.InstantRange;

/**
 * One SLA target's clock as the ticket's history decides it (SLA-6). Everything here is derived from
 * the history alone; "now" only enters in {@link #stateAt}, {@link #elapsedAt} and {@link #remainingAt}.
 *
 * @param kind         which target
 * @param cycle        0, or the number of new-cycle reopens before this clock started (TKT-4)
 * @param severity     the severity level whose target counts: the current one while running (SLA-4),
 *                     the one in force when the target was met otherwise
 * @param calendarId   the policy calendar counting this target
 * @param calendar     that calendar
 * @param filedAt      when the cycle began (ticket filed, or reopened under new-cycle)
 * @param startedAt    when business time began to count: {@code filedAt} or the next opening (IS-SLA-2)
 * @param allowance    the business time the target allows
 * @param pauses       closed pauses (IS-SLA-3, a resumed reopen)
 * @param pausedSince  the start of the pause in progress, or null
 * @param metAt        when the matching transition arrived, or null
 * @param dueAt        the due instant counting the closed pauses (while paused: the due time had it resumed at
 *                     the pause start, so not yet the real one)
 */
public record TargetClock(TargetKind kind, int cycle, int severity, String calendarId, BusinessCalendar calendar,
        Instant filedAt, Instant startedAt, Duration allowance, List<InstantRange> pauses, Instant pausedSince,
        Instant metAt, Instant dueAt) {

    public enum State { RUNNING, PAUSED, MET, BREACHED }

    public boolean running() {
        return metAt == null && pausedSince == null;
    }

    /** SLA-6: met (in time), breached (late or overdue), paused or running at {@code now}. */
    public State stateAt(Instant now) {
        if (metAt != null) {
            return metAt.isAfter(dueAt) ? State.BREACHED : State.MET;
        }
        if (pausedSince != null) {
            return dueAt != null && !dueAt.isAfter(pausedSince) ? State.BREACHED : State.PAUSED;
        }
        return now.isBefore(dueAt) ? State.RUNNING : State.BREACHED;
    }

    /** Business time counted from the start to {@code now} (or to the meeting or the pause). */
    public Duration elapsedAt(Instant now) {
        Instant end = metAt != null ? metAt : pausedSince != null ? pausedSince : now;
        if (end.isAfter(now)) {
            end = now;
        }
        if (!end.isAfter(filedAt)) {
            return Duration.ZERO;
        }
        return calendar.businessTimeBetween(filedAt, end, pauses);
    }

    /** Business time left before the breach; negative once breached. */
    public Duration remainingAt(Instant now) {
        return allowance.minus(elapsedAt(now));
    }

    /** The instant this running clock reaches {@code percent} of its allowance (SLA-5 warnings). */
    public Instant reaches(int percent) {
        return calendar.addBusinessTime(filedAt, allowance.multipliedBy(percent).dividedBy(100), pauses);
    }
}
