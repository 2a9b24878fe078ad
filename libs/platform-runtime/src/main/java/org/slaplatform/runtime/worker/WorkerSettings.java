package org.slaplatform.runtime.worker;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Worker} runs its job.
 *
 * @param name the thread's name and the heartbeat's loop name ({@code platform_loop_last_success_age_seconds{loop}})
 * @param channel the table whose NOTIFY wakes the worker: it listens on {@code <current schema>_<channel>};
 *        null for a worker woken only by {@link Worker#wakeUp()} and its poll interval
 * @param pollInterval the longest idle wait before the job is asked anyway (the safety net for a lost
 *        notification); the heartbeat's bound is derived from it
 * @param backoff the pause after a first failed turn; it doubles with each failure in a row
 * @param backoffCap the longest pause between failed turns (a database down for an hour is tried at this pace)
 * @param gather after a wait, the least time between the start of two turns: wake-ups arriving meanwhile
 *        make one turn, not one each (zero: turn at once)
 */
public record WorkerSettings(String name, String channel, Duration pollInterval, Duration backoff, Duration backoffCap,
        Duration gather) {

    /** The default first pause after a failure. */
    public static final Duration BACKOFF = Duration.ofSeconds(1);

    /** The default longest pause between failed turns. */
    public static final Duration BACKOFF_CAP = Duration.ofSeconds(30);

    public WorkerSettings {
        Objects.requireNonNull(name, "name");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException(name + ": the poll interval must be positive, not " + pollInterval);
        }
        if (backoff.isNegative() || backoff.isZero() || backoffCap.compareTo(backoff) < 0) {
            throw new IllegalArgumentException(name + ": the back-off must be positive and at most its cap");
        }
    }

    /** A worker woken by {@link Worker#wakeUp()} or its poll interval, with the default back-off and no gathering. */
    public static WorkerSettings of(String name, Duration pollInterval) {
        return new WorkerSettings(name, null, pollInterval, BACKOFF, BACKOFF_CAP, Duration.ZERO);
    }

    /** The same, woken also by the NOTIFY sent on {@code <current schema>_<table>} (a trigger on the table). */
    public WorkerSettings listening(String table) {
        return new WorkerSettings(name, table, pollInterval, backoff, backoffCap, gather);
    }

    /** The same with another back-off: {@code first} after one failure, doubling up to {@code cap}. */
    public WorkerSettings backoff(Duration first, Duration cap) {
        return new WorkerSettings(name, channel, pollInterval, first, cap.compareTo(first) < 0 ? first : cap, gather);
    }

    /** The same, letting wake-ups gather for {@code gather} from the start of a turn that ended idle. */
    public WorkerSettings gathering(Duration gather) {
        return new WorkerSettings(name, channel, pollInterval, backoff, backoffCap, gather);
    }

    /** The pause after {@code failures} failed turns in a row (from 1): capped exponential. */
    Duration pauseAfter(int failures) {
        Duration pause = backoff;
        for (int i = 1; i < failures && pause.compareTo(backoffCap) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(backoffCap) > 0 ? backoffCap : pause;
    }
}
