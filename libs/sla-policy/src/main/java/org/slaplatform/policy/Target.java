package org.slaplatform.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slaplatform.policy.calendar.BusinessCalendar;
import org.slaplatform.policy.calendar.BusinessDayReading;
import org.slaplatform.policy.calendar.InstantRange;

/**
 * One SLA target of a severity (IS-SLA-1): how long, counted on which calendar, and for business
 * days which CAL-4 reading.
 *
 * @param within   the allowance: business time or a number of business days
 * @param reading  CAL-4 reading of business days; defaults to the earlier deadline, same clock time
 * @param calendar id of the calendar that counts this target (CAL-3: IS Sev1 workaround is 24x7)
 * @param rule     the requirement this target implements, e.g. IS-SLA-1
 */
public record Target(TargetDuration within, BusinessDayReading reading, String calendar, String rule) {

    public Target {
        if (reading == null) {
            reading = BusinessDayReading.SAME_CLOCK_TIME;
        }
    }

    /**
     * When the target is due for a clock started at {@code start}, with the paused ranges not
     * counted (IS-SLA-3, SLA-4). Business time only runs while the calendar is open, so a ticket
     * filed outside hours starts at the next opening (IS-SLA-2).
     */
    public Instant dueAt(BusinessCalendar businessCalendar, Instant start, List<InstantRange> pauses) {
        if (!within.isBusinessDays()) {
            return businessCalendar.addBusinessTime(start, within.businessTime(), pauses);
        }
        Instant unpaused = businessCalendar.addBusinessDays(start, within.businessDays(), reading);
        if (pauses.isEmpty()) {
            return unpaused;
        }
        // N business days allow the business time they span; a pause pushes the deadline by the
        // business time it covers, as for an hour-based target.
        Duration allowance = businessCalendar.businessTimeBetween(start, unpaused);
        return businessCalendar.addBusinessTime(start, allowance, pauses);
    }
}
