package org.slaplatform.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.slaplatform.policy.calendar.InstantRange;
import org.slaplatform.policy.calendar.WorkingInterval;

/**
 * A recurring maintenance window (AVL-3): every day, every week on a weekday, or every month on
 * the nth weekday (INF: second Saturday), at local hours in a zone.
 */
public record MaintenanceWindow(String id, Recurrence every, DayOfWeek weekday, Integer nth, String hours, String zone) {

    public enum Recurrence { DAY, WEEK, MONTH }

    /** The window's occurrences that overlap {@code [from, to)}, in order. */
    public List<InstantRange> occurrences(Instant from, Instant to) {
        ZoneId z = ZoneId.of(zone);
        WorkingInterval local = WorkingInterval.parse(hours);
        List<InstantRange> result = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(from, z).minusDays(1);
        LocalDate last = LocalDate.ofInstant(to, z).plusDays(1);
        for (; !day.isAfter(last); day = day.plusDays(1)) {
            if (!occursOn(day)) {
                continue;
            }
            Instant start = day.atTime(java.time.LocalTime.ofSecondOfDay(local.startSecond())).atZone(z).toInstant();
            Instant end = local.endSecond() == WorkingInterval.SECONDS_PER_DAY ? day.plusDays(1).atStartOfDay(z).toInstant()
                    : day.atTime(java.time.LocalTime.ofSecondOfDay(local.endSecond())).atZone(z).toInstant();
            if (end.isAfter(from) && start.isBefore(to)) {
                result.add(new InstantRange(start, end));
            }
        }
        return result;
    }

    /** Whether the window opens on this local date. */
    public boolean occursOn(LocalDate day) {
        return switch (every) {
            case DAY -> true;
            case WEEK -> day.getDayOfWeek() == weekday;
            case MONTH -> day.equals(day.with(TemporalAdjusters.dayOfWeekInMonth(nth, weekday)));
        };
    }
}
