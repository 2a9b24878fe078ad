package org.slaplatform.policy.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Business time in one time zone: working hours per weekday, holidays, extra closures (CAL-1..CAL-5).
 *
 * <p>All operations take and return {@link Instant}s and are correct across DST changes. Open
 * intervals are precomputed per local year on first use and cached, so a deadline of a year costs
 * the same as a deadline of an hour. Instances are immutable and thread-safe.
 *
 * <p>Precision: working hours, holidays and closures fall on whole seconds; sub-second parts of
 * starts and durations are carried exactly by {@link #addBusinessTime} and {@link #businessTimeBetween}.
 */
public final class BusinessCalendar {

    static final int FIRST_YEAR = 1900;
    static final int LAST_YEAR = 2399;
    /** A calendar without open time for this many years in a row is treated as never opening. */
    private static final int MAX_CLOSED_YEARS = 8;
    private static final long NANOS = 1_000_000_000L;

    private final ZoneId zone;
    private final WeeklyHours hours;
    private final HolidaySource holidays;
    private final Set<LocalDate> addedHolidays;
    private final Set<LocalDate> removedHolidays;
    private final List<InstantRange> closures;
    private final long[] closureStarts;
    private final long[] closureEnds;
    private final AtomicReferenceArray<YearPlan> plans = new AtomicReferenceArray<>(LAST_YEAR - FIRST_YEAR + 1);

    private BusinessCalendar(Builder b) {
        this.zone = Objects.requireNonNull(b.zone, "zone");
        this.hours = Objects.requireNonNull(b.hours, "hours");
        this.holidays = b.holidays;
        this.addedHolidays = Set.copyOf(b.added);
        this.removedHolidays = Set.copyOf(b.removed);
        this.closures = InstantRange.normalize(b.closures);
        this.closureStarts = new long[closures.size()];
        this.closureEnds = new long[closures.size()];
        for (int i = 0; i < closures.size(); i++) {
            // whole seconds: a closure with a fractional edge grows to the enclosing seconds
            closureStarts[i] = closures.get(i).start().getEpochSecond();
            Instant end = closures.get(i).end();
            closureEnds[i] = end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0);
        }
    }

    public static Builder builder(ZoneId zone) {
        return new Builder(zone);
    }

    /** CAL-3: every instant is business time; durations are plain elapsed time. */
    public static BusinessCalendar twentyFourSeven(ZoneId zone) {
        return builder(zone).hours(WeeklyHours.twentyFourSeven()).build();
    }

    public ZoneId zone() {
        return zone;
    }

    public WeeklyHours hours() {
        return hours;
    }

    public List<InstantRange> closures() {
        return closures;
    }

    /** The same calendar with further closures (e.g. announced maintenance windows). */
    public BusinessCalendar withClosures(List<InstantRange> more) {
        Builder b = new Builder(zone).hours(hours).holidays(holidays);
        addedHolidays.forEach(b::addHoliday);
        removedHolidays.forEach(b::removeHoliday);
        closures.forEach(c -> b.closure(c.start(), c.end()));
        more.forEach(c -> b.closure(c.start(), c.end()));
        return b.build();
    }

    /** Whether the calendar is closed all day on {@code date} by a holiday (CAL-5). */
    public boolean isHoliday(LocalDate date) {
        return holidaysOf(date.getYear()).contains(date);
    }

    /** Holidays of {@code year} after the policy's additions and removals. */
    public Set<LocalDate> holidaysOf(int year) {
        Set<LocalDate> dates = new HashSet<>(holidays.holidaysIn(year));
        for (LocalDate d : addedHolidays) {
            if (d.getYear() == year) {
                dates.add(d);
            }
        }
        dates.removeAll(removedHolidays);
        return dates;
    }

    public boolean isOpen(Instant instant) {
        long t = instant.getEpochSecond();
        YearPlan p = planOf(t);
        int k = p.lastStartAtOrBefore(t);
        return k >= 0 && t < p.ends[k];
    }

    /** IS-SLA-2: the instant itself when open, else the next opening. */
    public Instant nextOpening(Instant instant) {
        if (isOpen(instant)) {
            return instant;
        }
        return Instant.ofEpochSecond(nextOpeningSecond(instant.getEpochSecond()));
    }

    private long nextOpeningSecond(long t) {
        YearPlan p = planOf(t);
        for (int closedYears = 0; closedYears <= MAX_CLOSED_YEARS; closedYears++) {
            int k = p.lastStartAtOrBefore(t);
            if (k >= 0 && t < p.ends[k]) {
                return t;
            }
            if (k + 1 < p.starts.length) {
                return p.starts[k + 1];
            }
            p = plan(p.year + 1);
            t = p.dayStart[0];
        }
        throw neverOpens();
    }

    /**
     * The earliest instant at which {@code duration} of business time has passed since {@code start}
     * (CAL-4 "N hours"). A duration that ends at a closing is due at that closing, not at the next opening.
     */
    public Instant addBusinessTime(Instant start, Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        if (duration.isZero()) {
            return start;
        }
        long s = start.getEpochSecond();
        long seconds = duration.getSeconds();
        long nanos = duration.getNano();
        if (start.getNano() > 0) {
            if (isOpenSecond(s)) {
                nanos += start.getNano();
                seconds += nanos / NANOS;
                nanos %= NANOS;
            } else {
                s += 1;
            }
        }
        long end = seconds == 0 ? s : addSeconds(s, seconds);
        if (nanos == 0) {
            return Instant.ofEpochSecond(end);
        }
        return Instant.ofEpochSecond(isOpenSecond(end) ? end : nextOpeningSecond(end), nanos);
    }

    private boolean isOpenSecond(long t) {
        YearPlan p = planOf(t);
        int k = p.lastStartAtOrBefore(t);
        return k >= 0 && t < p.ends[k];
    }

    private long addSeconds(long start, long seconds) {
        YearPlan p = planOf(start);
        long target = p.openUpTo(start) + seconds;
        int closedYears = 0;
        while (target > p.totalOpen) {
            target -= p.totalOpen;
            closedYears = p.totalOpen == 0 ? closedYears + 1 : 0;
            if (closedYears > MAX_CLOSED_YEARS) {
                throw neverOpens();
            }
            p = plan(p.year + 1);
        }
        return p.instantAtOpen(target);
    }

    /** Business time from {@code from} to {@code to}; negative when {@code to} is before {@code from}. */
    public Duration businessTimeBetween(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return businessTimeBetween(to, from).negated();
        }
        long a = from.getEpochSecond();
        long b = to.getEpochSecond();
        long seconds = openBetween(a, b);
        long nanos = (isOpenSecond(b) ? to.getNano() : 0) - (isOpenSecond(a) ? from.getNano() : 0);
        return Duration.ofSeconds(seconds, nanos);
    }

    private long openBetween(long a, long b) {
        YearPlan pa = planOf(a);
        if (pa.covers(b)) {
            return pa.openUpTo(b) - pa.openUpTo(a);
        }
        long total = pa.totalOpen - pa.openUpTo(a);
        YearPlan p = plan(pa.year + 1);
        while (!p.covers(b)) {
            total += p.totalOpen;
            p = plan(p.year + 1);
        }
        return total + p.openUpTo(b);
    }

    /**
     * Business time from {@code from} to {@code to} less the paused ranges (IS-SLA-3, SLA-4).
     * Pauses may overlap each other and may stick out of {@code [from, to)}.
     */
    public Duration businessTimeBetween(Instant from, Instant to, List<InstantRange> pauses) {
        Duration total = businessTimeBetween(from, to);
        if (!to.isAfter(from)) {
            return total;
        }
        for (InstantRange pause : InstantRange.normalize(pauses)) {
            Instant a = pause.start().isAfter(from) ? pause.start() : from;
            Instant b = pause.end().isBefore(to) ? pause.end() : to;
            if (b.isAfter(a)) {
                total = total.minus(businessTimeBetween(a, b));
            }
        }
        return total;
    }

    /**
     * The earliest instant at which {@code duration} of unpaused business time has passed since
     * {@code start} (IS-SLA-3: the workaround clock stops while support waits on the licensee).
     */
    public Instant addBusinessTime(Instant start, Duration duration, List<InstantRange> pauses) {
        if (duration.isZero()) {
            // nothing to count: due at once, even inside a pause
            return start;
        }
        Instant cursor = start;
        Duration remaining = duration;
        for (InstantRange pause : InstantRange.normalize(pauses)) {
            if (!pause.end().isAfter(cursor)) {
                continue;
            }
            Instant due = addBusinessTime(cursor, remaining);
            if (!due.isAfter(pause.start())) {
                return due;
            }
            if (pause.start().isAfter(cursor)) {
                remaining = remaining.minus(businessTimeBetween(cursor, pause.start()));
            }
            cursor = pause.end();
        }
        return addBusinessTime(cursor, remaining);
    }

    /**
     * CAL-4 "within N business days" (n >= 1) in the given reading. Starts are taken to the whole
     * second (a fractional second is dropped, which can only make the deadline earlier).
     */
    public Instant addBusinessDays(Instant start, int n, BusinessDayReading reading) {
        if (n < 1) {
            throw new IllegalArgumentException("business days must be at least 1: " + n);
        }
        return switch (reading) {
            case END_OF_DAY -> endOfBusinessDay(start.getEpochSecond(), n);
            case SAME_CLOCK_TIME -> sameClockTime(start.getEpochSecond(), n);
        };
    }

    private Instant endOfBusinessDay(long x, int n) {
        YearPlan p = planOf(x);
        int day = p.dayOf(x);
        boolean dayZeroCounts = p.isBusinessDay(day) && p.openAt[day] <= x;
        long ordinal = p.businessDaysBefore[day] + (dayZeroCounts ? 1 : 0) + (long) n;
        BusinessDay d = businessDay(p, ordinal);
        return Instant.ofEpochSecond(d.plan.closeAt[d.index]);
    }

    private Instant sameClockTime(long x, int n) {
        long opening = nextOpeningSecond(x);
        YearPlan p = planOf(opening);
        int day = p.dayOf(opening);
        int wallSecond = p.uniform[day]
                ? (int) (opening - p.dayStart[day])
                : LocalDateTime.ofInstant(Instant.ofEpochSecond(opening), zone).toLocalTime().toSecondOfDay();
        // the day of the opening is business day 0
        long ordinal = p.businessDaysBefore[day] + 1 + (long) n;
        BusinessDay d = businessDay(p, ordinal);
        YearPlan q = d.plan;
        int j = d.index;
        long candidate = q.uniform[j]
                ? q.dayStart[j] + wallSecond
                : YearPlan.firstInstant(zone.getRules(), zone, q.firstDate.plusDays(j), wallSecond);
        if (candidate <= q.openAt[j]) {
            return Instant.ofEpochSecond(q.openAt[j]);
        }
        if (candidate >= q.closeAt[j]) {
            return Instant.ofEpochSecond(q.closeAt[j]);
        }
        int k = q.lastStartAtOrBefore(candidate);
        // inside a break the clock time is not working time: take the closing before it
        return Instant.ofEpochSecond(candidate < q.ends[k] ? candidate : q.ends[k]);
    }

    /** A local day of some year: the plan of its year and its index in it. */
    private record BusinessDay(YearPlan plan, int index) {
    }

    /** The day that is business day number {@code ordinal} (1-based) counted from the start of {@code p}'s year. */
    private BusinessDay businessDay(YearPlan p, long ordinal) {
        int closedYears = 0;
        while (ordinal > p.businessDays) {
            ordinal -= p.businessDays;
            closedYears = p.businessDays == 0 ? closedYears + 1 : 0;
            if (closedYears > MAX_CLOSED_YEARS) {
                throw neverOpens();
            }
            p = plan(p.year + 1);
        }
        return new BusinessDay(p, p.businessDay((int) ordinal));
    }

    /** The plan of the local year holding instant t. */
    private YearPlan planOf(long t) {
        // a first guess from the mean Gregorian year, then at most a step either way
        int year = (int) (1970 + Math.floorDiv(t, 31_556_952L));
        YearPlan p = plan(year);
        while (t < p.dayStart[0]) {
            p = plan(p.year - 1);
        }
        while (t >= p.dayStart[p.days]) {
            p = plan(p.year + 1);
        }
        return p;
    }

    private YearPlan plan(int year) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new IllegalArgumentException("the business calendar covers " + FIRST_YEAR + "-" + LAST_YEAR + ", not " + year);
        }
        YearPlan p = plans.get(year - FIRST_YEAR);
        if (p == null) {
            // computed at most a few times under contention; every copy is equal
            p = new YearPlan(year, zone, hours, holidaysOf(year), closureStarts, closureEnds);
            plans.compareAndSet(year - FIRST_YEAR, null, p);
            p = plans.get(year - FIRST_YEAR);
        }
        return p;
    }

    private IllegalStateException neverOpens() {
        return new IllegalStateException("the calendar has no business time for " + MAX_CLOSED_YEARS + " years in a row");
    }

    @Override
    public String toString() {
        return "BusinessCalendar[" + zone + ", " + hours.days() + ", " + holidays + "]";
    }

    /** Builds a calendar; see the policy file's {@code calendars} section for the same in YAML. */
    public static final class Builder {
        private final ZoneId zone;
        private WeeklyHours hours = WeeklyHours.twentyFourSeven();
        private HolidaySource holidays = HolidaySource.none();
        private final Set<LocalDate> added = new HashSet<>();
        private final Set<LocalDate> removed = new HashSet<>();
        private final List<InstantRange> closures = new ArrayList<>();

        private Builder(ZoneId zone) {
            this.zone = zone;
        }

        public Builder hours(WeeklyHours weeklyHours) {
            this.hours = weeklyHours;
            return this;
        }

        public Builder holidays(HolidaySource source) {
            this.holidays = source;
            return this;
        }

        /** CAL-5: a date the policy closes on top of the holiday library. */
        public Builder addHoliday(LocalDate date) {
            added.add(date);
            return this;
        }

        /** CAL-5: a date the holiday library lists but the policy keeps open. */
        public Builder removeHoliday(LocalDate date) {
            removed.add(date);
            return this;
        }

        public Builder closure(Instant start, Instant end) {
            closures.add(new InstantRange(start, end));
            return this;
        }

        public BusinessCalendar build() {
            return new BusinessCalendar(this);
        }
    }
}
