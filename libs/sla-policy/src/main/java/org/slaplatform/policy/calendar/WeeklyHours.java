package org.slaplatform.policy.calendar;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Working hours per weekday (CAL-1, CAL-2, CAL-3). Several intervals per day are allowed (a lunch
 * break); they must not overlap. A weekday that is absent is closed all day.
 */
public record WeeklyHours(Map<DayOfWeek, List<WorkingInterval>> days) {

    public WeeklyHours {
        EnumMap<DayOfWeek, List<WorkingInterval>> copy = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            List<WorkingInterval> intervals = new ArrayList<>(days.getOrDefault(day, List.of()));
            Collections.sort(intervals);
            for (int i = 1; i < intervals.size(); i++) {
                if (intervals.get(i - 1).overlaps(intervals.get(i))) {
                    throw new IllegalArgumentException(day + ": " + intervals.get(i - 1) + " overlaps " + intervals.get(i));
                }
            }
            copy.put(day, List.copyOf(intervals));
        }
        days = Collections.unmodifiableMap(copy);
    }

    /** CAL-3: around the clock, every day. */
    public static WeeklyHours twentyFourSeven() {
        return weekdays(List.of(DayOfWeek.values()), WorkingInterval.wholeDay());
    }

    /** CAL-2: around the clock, Monday 00:00 to Friday 24:00. */
    public static WeeklyHours twentyFourFive() {
        return weekdays(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY), WorkingInterval.wholeDay());
    }

    /** The same intervals on each of the given days. */
    public static WeeklyHours weekdays(List<DayOfWeek> open, WorkingInterval... intervals) {
        EnumMap<DayOfWeek, List<WorkingInterval>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : open) {
            map.put(day, List.of(intervals));
        }
        return new WeeklyHours(map);
    }

    public List<WorkingInterval> on(DayOfWeek day) {
        return days.get(day);
    }

    public boolean isNeverOpen() {
        return days.values().stream().allMatch(List::isEmpty);
    }
}
