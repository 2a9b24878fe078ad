package org.slaplatform.runtime.worker;

import java.time.Duration;

/**
 * What a job's turn tells its {@link Worker}: when to turn again.
 *
 * @param delay how long to wait at most (null: the poll interval); a wake-up (NOTIFY on the worker's channel, {@link Worker#wakeUp()})
 *        ends the wait early unless {@code sleep} is set
 * @param sleep true: wait the whole {@code delay}, whatever wakes the worker meanwhile (the wake-ups are
 *        absorbed: the next turn sees their work anyway)
 */
public record Next(Duration delay, boolean sleep) {

    private static final Next NOW = new Next(Duration.ZERO, false);
    private static final Next IDLE = new Next(null, false);

    /** More is waiting: turn again at once. */
    public static Next now() {
        return NOW;
    }

    /** Nothing is waiting: turn again on a wake-up, or after the poll interval (the safety net). */
    public static Next idle() {
        return IDLE;
    }

    /** Turn again on a wake-up, or after {@code wait} (the next deadline), at most after the poll interval. */
    public static Next within(Duration wait) {
        return wait.isNegative() || wait.isZero() ? NOW : new Next(wait, false);
    }

    /** Turn again after {@code pause}, letting more work gather meanwhile (fewer, larger batches). */
    public static Next after(Duration pause) {
        return pause.isNegative() || pause.isZero() ? NOW : new Next(pause, true);
    }
}
