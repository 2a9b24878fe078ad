package org.slaplatform.policy.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The slow, obviously correct reference: walks time one minute at a time and asks of each minute
 * "is the office open?". Everything must be minute-aligned. No precomputation, no binary search.
 *
 * <p>The wall clock of a minute is the latest wall-clock time shown so far (after a fall-back the
 * clock is considered to have already reached the time it showed before the change); a minute is
 * open when that wall time's date is no holiday, lies in that weekday's working hours, and the
 * minute is not inside a closure.
 */
final class MinuteSteppingCalendar {

    private static final int LOOKBACK_MINUTES = 240;
    private static final long MAX_STEPS = 4_000_000;

    private final ZoneRules rules;
    private final WeeklyHours hours;
    private final Set<LocalDate> holidays;
    private final List<InstantRange> closures;

    MinuteSteppingCalendar(ZoneId zone, WeeklyHours hours, Set<LocalDate> holidays, List<InstantRange> closures) {
        this.rules = zone.getRules();
        this.hours = hours;
        this.holidays = holidays;
        this.closures = closures;
    }

    /** Walks minutes forward from a start, knowing each minute's wall clock and openness. */
    final class Cursor {
        long minute;
        LocalDateTime wall;
        private long steps;

        Cursor(Instant start) {
            long m = Math.floorDiv(start.getEpochSecond(), 60) - LOOKBACK_MINUTES;
            wall = clock(m);
            minute = m;
            while (minute < Math.floorDiv(start.getEpochSecond(), 60)) {
                advance();
            }
        }

        void advance() {
            if (++steps > MAX_STEPS) {
                throw new IllegalStateException("reference walked too far");
            }
            minute++;
            LocalDateTime now = clock(minute);
            if (now.isAfter(wall)) {
                wall = now;
            }
        }

        boolean open() {
            if (holidays.contains(wall.toLocalDate())) {
                return false;
            }
            int second = wall.toLocalTime().toSecondOfDay();
            boolean inHours = false;
            for (WorkingInterval wi : hours.on(wall.getDayOfWeek())) {
                if (second >= wi.startSecond() && second < wi.endSecond()) {
                    inHours = true;
                }
            }
            if (!inHours) {
                return false;
            }
            Instant at = instant();
            for (InstantRange c : closures) {
                if (c.contains(at)) {
                    return false;
                }
            }
            return true;
        }

        Instant instant() {
            return Instant.ofEpochSecond(minute * 60);
        }
    }

    private LocalDateTime clock(long minute) {
        Instant at = Instant.ofEpochSecond(minute * 60);
        return LocalDateTime.ofInstant(at, rules.getOffset(at));
    }

    Instant addBusinessTime(Instant start, Duration d) {
        long minutes = d.toMinutes();
        if (minutes == 0) {
            return start;
        }
        Cursor c = new Cursor(start);
        long counted = 0;
        while (true) {
            if (c.open()) {
                counted++;
            }
            c.advance();
            if (counted == minutes) {
                return c.instant();
            }
        }
    }

    Duration businessTimeBetween(Instant a, Instant b, List<InstantRange> pauses) {
        Cursor c = new Cursor(a);
        long counted = 0;
        while (c.instant().isBefore(b)) {
            Instant at = c.instant();
            if (c.open() && pauses.stream().noneMatch(p -> p.contains(at))) {
                counted++;
            }
            c.advance();
        }
        return Duration.ofMinutes(counted);
    }

    Instant addBusinessTime(Instant start, Duration d, List<InstantRange> pauses) {
        long minutes = d.toMinutes();
        if (minutes == 0) {
            return start;
        }
        Cursor c = new Cursor(start);
        long counted = 0;
        while (true) {
            Instant at = c.instant();
            if (c.open() && pauses.stream().noneMatch(p -> p.contains(at))) {
                counted++;
            }
            c.advance();
            if (counted == minutes) {
                return c.instant();
            }
        }
    }

    Instant nextOpening(Instant start) {
        Cursor c = new Cursor(start);
        while (!c.open()) {
            c.advance();
        }
        return c.instant();
    }

    /** The open minutes of one local date: first opening and last closing. */
    private record DaySpan(LocalDate date, Instant firstOpen, Instant lastClose, List<long[]> open) {
    }

    /** Business dates in order, scanning from {@code from}, until {@code enough} of them have been seen whole. */
    private List<DaySpan> businessDates(Instant from, int enough, java.util.function.Predicate<DaySpan> counts) {
        Cursor c = new Cursor(from.minus(Duration.ofDays(2)));
        List<DaySpan> result = new ArrayList<>();
        LocalDate date = null;
        List<long[]> open = new ArrayList<>();
        int counted = 0;
        while (true) {
            LocalDate d = c.wall.toLocalDate();
            if (!d.equals(date)) {
                if (date != null && !open.isEmpty()) {
                    DaySpan span = new DaySpan(date, Instant.ofEpochSecond(open.get(0)[0] * 60),
                            Instant.ofEpochSecond(open.get(open.size() - 1)[0] * 60 + 60), open);
                    result.add(span);
                    if (counts.test(span) && ++counted == enough) {
                        return result;
                    }
                }
                date = d;
                open = new ArrayList<>();
            }
            if (c.open()) {
                open.add(new long[] {c.minute});
            }
            c.advance();
        }
    }

    Instant addBusinessDays(Instant start, int n, BusinessDayReading reading) {
        if (reading == BusinessDayReading.END_OF_DAY) {
            List<DaySpan> days = businessDates(start, n, d -> d.firstOpen.isAfter(start));
            return days.get(days.size() - 1).lastClose;
        }
        Instant p = nextOpening(start);
        Cursor at = new Cursor(p);
        LocalDate dayOfP = at.wall.toLocalDate();
        LocalTime clock = clock(Math.floorDiv(p.getEpochSecond(), 60)).toLocalTime();
        List<DaySpan> days = businessDates(p, n, d -> d.date.isAfter(dayOfP));
        DaySpan target = days.get(days.size() - 1);
        LocalDateTime wanted = target.date.atTime(clock);
        Cursor c = new Cursor(target.firstOpen.minus(Duration.ofDays(2)));
        while (c.wall.isBefore(wanted)) {
            c.advance();
        }
        long candidate = c.minute;
        Long before = null;
        boolean openAtCandidate = false;
        boolean anyAfter = false;
        for (long[] m : target.open) {
            if (m[0] < candidate) {
                before = m[0];
            } else if (m[0] == candidate) {
                openAtCandidate = true;
            } else {
                anyAfter = true;
            }
        }
        if (openAtCandidate) {
            return Instant.ofEpochSecond(candidate * 60);
        }
        if (before == null) {
            return target.firstOpen;
        }
        if (!anyAfter) {
            return target.lastClose;
        }
        return Instant.ofEpochSecond(before * 60 + 60);
    }
}
