package org.slaplatform.policy.calendar;


/**
 * CAL-4: the two readings of "within N business days".
 */
public enum BusinessDayReading {
    /**
     * The same wall-clock time N business days after the moment the clock starts (the next opening
     * at or after the start, IS-SLA-2). If that clock time is not working time on the Nth day, the
     * deadline is the nearest working instant of that day, taking the earlier one inside a break.
     */
    SAME_CLOCK_TIME,
    /**
     * The last closing of the Nth business day. Day 1 is the first business day that has not yet
     * opened at the start: a ticket filed Friday 14:00 under 09:00-18:00 hours with N=1 is due
     * Monday 18:00; one filed Monday 07:00 is due Monday 18:00.
     */
    END_OF_DAY;

    /** The spelling in policy files: {@code same-clock-time}, {@code end-of-day}. */
    public String text() {
        return name().toLowerCase().replace('_', '-');
    }
}
