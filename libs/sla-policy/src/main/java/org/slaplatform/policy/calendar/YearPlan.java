package org.slaplatform.policy.calendar;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The open time of one local year of a calendar, precomputed in epoch seconds so that a deadline is
 * two binary searches, whatever its length. Immutable; built once per calendar and year.
 *
 * <p>Two views of the same time: merged open intervals with the open seconds before each (for
 * business time), and per local day its start, first opening, last closing and the number of
 * business days before it (for CAL-4 business-day deadlines).
 */
final class YearPlan {

    final int year;
    final LocalDate firstDate;
    final int days;
    /** dayStart[i]: first instant of local day i (wall clock at 00:00 or later); dayStart[days] starts next year. */
    final long[] dayStart;
    /** First opening and last closing of each day; both Long.MIN_VALUE on a closed day. */
    final long[] openAt;
    final long[] closeAt;
    /** True when no offset change happens inside the day, so wall time = instant - dayStart. */
    final boolean[] uniform;
    /** businessDaysBefore[i]: days with open time among days 0..i-1. */
    final int[] businessDaysBefore;
    /** Merged open intervals of the year, sorted, and the open seconds before each. */
    final long[] starts;
    final long[] ends;
    final long[] openBefore;
    final long totalOpen;
    final int businessDays;

    YearPlan(int year, ZoneId zone, WeeklyHours hours, Set<LocalDate> closedDates, long[] closureStarts,
            long[] closureEnds) {
        ZoneRules rules = zone.getRules();
        this.year = year;
        this.firstDate = LocalDate.of(year, 1, 1);
        this.days = firstDate.lengthOfYear();
        this.dayStart = new long[days + 1];
        this.openAt = new long[days];
        this.closeAt = new long[days];
        this.uniform = new boolean[days];
        this.businessDaysBefore = new int[days + 1];
        for (int i = 0; i <= days; i++) {
            dayStart[i] = firstInstant(rules, zone, firstDate.plusDays(i), 0);
        }
        long[] s = new long[days * 2 + 8];
        long[] e = new long[s.length];
        int n = 0;
        int closure = 0;
        for (int i = 0; i < days; i++) {
            LocalDate date = firstDate.plusDays(i);
            ZoneOffsetTransition next = rules.nextTransition(java.time.Instant.ofEpochSecond(dayStart[i] - 1));
            uniform[i] = next == null || next.getInstant().getEpochSecond() >= dayStart[i + 1];
            openAt[i] = Long.MIN_VALUE;
            closeAt[i] = Long.MIN_VALUE;
            businessDaysBefore[i + 1] = businessDaysBefore[i];
            if (closedDates.contains(date)) {
                continue;
            }
            List<WorkingInterval> intervals = hours.on(date.getDayOfWeek());
            for (WorkingInterval wi : intervals) {
                long from = uniform[i] ? dayStart[i] + wi.startSecond() : firstInstant(rules, zone, date, wi.startSecond());
                long to = wi.endSecond() == WorkingInterval.SECONDS_PER_DAY ? dayStart[i + 1]
                        : uniform[i] ? dayStart[i] + wi.endSecond() : firstInstant(rules, zone, date, wi.endSecond());
                // extra closures (e.g. maintenance windows) cut the interval into pieces
                while (closure < closureStarts.length && closureEnds[closure] <= from) {
                    closure++;
                }
                int c = closure;
                long cursor = from;
                while (cursor < to) {
                    long pieceEnd = to;
                    if (c < closureStarts.length && closureStarts[c] < to) {
                        if (closureStarts[c] <= cursor) {
                            cursor = Math.max(cursor, closureEnds[c]);
                            c++;
                            continue;
                        }
                        pieceEnd = closureStarts[c];
                    }
                    if (n + 1 >= s.length) {
                        s = Arrays.copyOf(s, s.length * 2);
                        e = Arrays.copyOf(e, e.length * 2);
                    }
                    if (n > 0 && e[n - 1] == cursor) {
                        e[n - 1] = pieceEnd; // joins across midnight for 24x7, so long runs stay one interval
                    } else {
                        s[n] = cursor;
                        e[n] = pieceEnd;
                        n++;
                    }
                    if (openAt[i] == Long.MIN_VALUE) {
                        openAt[i] = cursor;
                    }
                    closeAt[i] = pieceEnd;
                    cursor = pieceEnd;
                }
            }
            if (openAt[i] != Long.MIN_VALUE) {
                businessDaysBefore[i + 1]++;
            }
        }
        this.starts = Arrays.copyOf(s, n);
        this.ends = Arrays.copyOf(e, n);
        this.openBefore = new long[n + 1];
        for (int k = 0; k < n; k++) {
            openBefore[k + 1] = openBefore[k] + ends[k] - starts[k];
        }
        this.totalOpen = openBefore[n];
        this.businessDays = businessDaysBefore[days];
    }

    /**
     * The first instant at which the wall clock shows {@code date} at {@code secondOfDay} or later:
     * inside a spring-forward gap that is the transition itself; inside a repeated hour the first pass.
     */
    static long firstInstant(ZoneRules rules, ZoneId zone, LocalDate date, int secondOfDay) {
        LocalDateTime wall = secondOfDay >= WorkingInterval.SECONDS_PER_DAY
                ? date.plusDays(1).atStartOfDay()
                : date.atTime(LocalTime.ofSecondOfDay(secondOfDay));
        ZoneOffsetTransition transition = rules.getTransition(wall);
        if (transition != null && transition.isGap()) {
            return transition.getInstant().getEpochSecond();
        }
        return wall.atZone(zone).toEpochSecond();
    }

    boolean covers(long t) {
        return t >= dayStart[0] && t < dayStart[days];
    }

    /** Open seconds from the start of this year up to {@code t} (t within the year). */
    long openUpTo(long t) {
        int k = lastStartAtOrBefore(t);
        if (k < 0) {
            return 0;
        }
        return openBefore[k] + Math.min(t, ends[k]) - starts[k];
    }

    /** Index of the last interval starting at or before t, or -1. */
    int lastStartAtOrBefore(long t) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    /** The instant at which the open seconds since year start reach {@code target} (0 < target <= totalOpen). */
    long instantAtOpen(long target) {
        int lo = 0;
        int hi = starts.length - 1;
        // smallest k with openBefore[k + 1] >= target
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (openBefore[mid + 1] >= target) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return starts[lo] + (target - openBefore[lo]);
    }

    /** Index of the local day holding t (t within the year). */
    int dayOf(long t) {
        int lo = 0;
        int hi = days - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (dayStart[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Index of the day that is business day number {@code ordinal} (1-based) of this year. */
    int businessDay(int ordinal) {
        int lo = 0;
        int hi = days - 1;
        // smallest i with businessDaysBefore[i + 1] >= ordinal
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (businessDaysBefore[mid + 1] >= ordinal) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    boolean isBusinessDay(int day) {
        return openAt[day] != Long.MIN_VALUE;
    }
}
