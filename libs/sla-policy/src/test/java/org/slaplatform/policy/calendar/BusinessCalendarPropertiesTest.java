package org.slaplatform.policy.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The fast calendar against {@link MinuteSteppingCalendar} over random calendars, instants,
 * durations and pauses. Zones are chosen for their awkward DST: transitions at 02:00 (US), at
 * midnight (Santiago, Havana), half an hour (Lord Howe), none (Kolkata, UTC).
 */
class BusinessCalendarPropertiesTest {

    private static final List<String> ZONES = List.of("America/Los_Angeles", "America/New_York", "Europe/London",
            "Australia/Lord_Howe", "America/Santiago", "America/Havana", "Asia/Kolkata", "UTC", "America/St_Johns");
    private static final long FROM = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() / 60;
    private static final long TO = Instant.parse("2030-12-31T00:00:00Z").getEpochSecond() / 60;

    /** A random calendar, its reference twin, and an instant near something interesting. */
    record Scenario(BusinessCalendar fast, MinuteSteppingCalendar slow, long weeklyOpenMinutes, Instant start,
            String description) {
        @Override
        public String toString() {
            return description + " start=" + start;
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<String> zone = Arbitraries.of(ZONES);
        Arbitrary<WeeklyHours> hours = weeklyHours();
        Arbitrary<Set<LocalDate>> holidays = Arbitraries.longs().between(LocalDate.of(2023, 12, 1).toEpochDay(),
                        LocalDate.of(2031, 2, 1).toEpochDay()).map(LocalDate::ofEpochDay).set().ofMaxSize(40);
        Arbitrary<List<long[]>> closures = Combinators.combine(Arbitraries.longs().between(FROM, TO),
                Arbitraries.longs().between(1, 3 * 1440)).as((s, len) -> new long[] {s, s + len}).list().ofMaxSize(3);
        Arbitrary<Long> startPick = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<Integer> offsetMinutes = Arbitraries.integers().between(-1500, 1500);
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 2);
        return Combinators.combine(zone, hours, holidays, closures, startPick, offsetMinutes, kind)
                .as((z, h, hol, cl, pick, offset, k) -> scenario(ZoneId.of(z), h, hol, cl, pick, offset, k));
    }

    private static Scenario scenario(ZoneId zone, WeeklyHours hours, Set<LocalDate> holidays, List<long[]> closureMinutes,
            long pick, int offset, int kind) {
        List<InstantRange> closures = new ArrayList<>();
        for (long[] c : closureMinutes) {
            closures.add(new InstantRange(Instant.ofEpochSecond(c[0] * 60), Instant.ofEpochSecond(c[1] * 60)));
        }
        BusinessCalendar.Builder b = BusinessCalendar.builder(zone).hours(hours);
        holidays.forEach(b::addHoliday);
        closures.forEach(c -> b.closure(c.start(), c.end()));
        long start;
        if (kind == 0) {
            start = FROM + Math.floorMod(pick, TO - FROM);
        } else if (kind == 1) {
            // near a DST change of this zone (or any instant for a zone without one)
            List<ZoneOffsetTransition> transitions = transitions(zone);
            start = transitions.isEmpty() ? FROM + Math.floorMod(pick, TO - FROM)
                    : transitions.get((int) Math.floorMod(pick, transitions.size())).getInstant().getEpochSecond() / 60 + offset;
        } else {
            List<LocalDate> sorted = new ArrayList<>(new TreeSet<>(holidays));
            LocalDate day = sorted.isEmpty() ? LocalDate.of(2027, 12, 31) : sorted.get((int) Math.floorMod(pick, sorted.size()));
            start = day.atStartOfDay(zone).toEpochSecond() / 60 + offset;
        }
        long weekly = 0;
        for (DayOfWeek d : DayOfWeek.values()) {
            for (WorkingInterval wi : hours.on(d)) {
                weekly += (wi.endSecond() - wi.startSecond()) / 60;
            }
        }
        return new Scenario(b.build(), new MinuteSteppingCalendar(zone, hours, holidays, closures), weekly,
                Instant.ofEpochSecond(start * 60), zone + " " + hours.days() + " holidays=" + new TreeSet<>(holidays)
                        + " closures=" + closures);
    }

    private static List<ZoneOffsetTransition> transitions(ZoneId zone) {
        List<ZoneOffsetTransition> result = new ArrayList<>();
        ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.ofEpochSecond(FROM * 60));
        while (t != null && t.getInstant().getEpochSecond() / 60 < TO) {
            result.add(t);
            t = zone.getRules().nextTransition(t.getInstant());
        }
        return result;
    }

    private static Arbitrary<WeeklyHours> weeklyHours() {
        // boundaries on the half hour most of the time (so DST hours are hit), any minute otherwise
        Arbitrary<Integer> boundary = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(0, 48).map(h -> h * 30)),
                Tuple.of(1, Arbitraries.integers().between(0, 1440)),
                Tuple.of(2, Arbitraries.of(0, 1440, 60, 120, 150, 180)));
        Arbitrary<List<WorkingInterval>> day = boundary.set().ofMaxSize(6).map(set -> {
            List<Integer> sorted = new ArrayList<>(new TreeSet<>(set));
            List<WorkingInterval> intervals = new ArrayList<>();
            for (int i = 0; i + 1 < sorted.size(); i += 2) {
                intervals.add(new WorkingInterval(sorted.get(i) * 60, sorted.get(i + 1) * 60));
            }
            return intervals;
        });
        Arbitrary<WeeklyHours> random = day.list().ofSize(7).map(list -> {
            Map<DayOfWeek, List<WorkingInterval>> map = new EnumMap<>(DayOfWeek.class);
            for (int i = 0; i < 7; i++) {
                map.put(DayOfWeek.of(i + 1), list.get(i));
            }
            return new WeeklyHours(map);
        });
        return Arbitraries.frequencyOf(
                Tuple.of(6, random),
                Tuple.of(1, Arbitraries.just(WeeklyHours.twentyFourSeven())),
                Tuple.of(1, Arbitraries.just(WeeklyHours.twentyFourFive())),
                Tuple.of(2, Arbitraries.just(WeeklyHours.weekdays(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), WorkingInterval.parse("09:00-12:00"),
                        WorkingInterval.parse("13:00-18:00")))));
    }

    @Property(tries = 400)
    void addBusinessTimeAgreesWithReference(@ForAll("scenarios") Scenario s, @ForAll long pick) {
        if (s.weeklyOpenMinutes == 0) {
            return;
        }
        long max = Math.min(20 * 24 * 60, s.weeklyOpenMinutes * 4);
        Duration d = Duration.ofMinutes(Math.floorMod(pick, max + 1));
        assertThat(s.fast.addBusinessTime(s.start, d)).as("%s + %s", s, d).isEqualTo(s.slow.addBusinessTime(s.start, d));
    }

    @Property(tries = 300)
    void businessTimeBetweenAgreesWithReference(@ForAll("scenarios") Scenario s, @ForAll long pick,
            @ForAll("pauses") List<long[]> pauseOffsets) {
        Instant end = s.start.plus(Duration.ofMinutes(Math.floorMod(pick, 30 * 1440)));
        List<InstantRange> pauses = pauses(s.start, pauseOffsets);
        assertThat(s.fast.businessTimeBetween(s.start, end, pauses)).as("%s to %s pauses %s", s, end, pauses)
                .isEqualTo(s.slow.businessTimeBetween(s.start, end, pauses));
        assertThat(s.fast.businessTimeBetween(s.start, end)).as("%s to %s", s, end)
                .isEqualTo(s.slow.businessTimeBetween(s.start, end, List.of()));
    }

    @Property(tries = 300)
    void addBusinessTimeWithPausesAgreesWithReference(@ForAll("scenarios") Scenario s, @ForAll long pick,
            @ForAll("pauses") List<long[]> pauseOffsets) {
        if (s.weeklyOpenMinutes == 0) {
            return;
        }
        long max = Math.min(10 * 24 * 60, s.weeklyOpenMinutes * 2);
        Duration d = Duration.ofMinutes(Math.floorMod(pick, max + 1));
        List<InstantRange> pauses = pauses(s.start, pauseOffsets);
        assertThat(s.fast.addBusinessTime(s.start, d, pauses)).as("%s + %s pauses %s", s, d, pauses)
                .isEqualTo(s.slow.addBusinessTime(s.start, d, pauses));
    }

    @Property(tries = 300)
    void nextOpeningAgreesWithReference(@ForAll("scenarios") Scenario s) {
        if (s.weeklyOpenMinutes == 0) {
            return;
        }
        assertThat(s.fast.nextOpening(s.start)).as("%s", s).isEqualTo(s.slow.nextOpening(s.start));
        assertThat(s.fast.isOpen(s.start)).as("%s", s).isEqualTo(s.slow.nextOpening(s.start).equals(s.start));
    }

    @Property(tries = 300)
    void addBusinessDaysAgreesWithReferenceInBothReadings(@ForAll("scenarios") Scenario s,
            @ForAll("businessDays") int n) {
        if (s.weeklyOpenMinutes == 0) {
            return;
        }
        for (BusinessDayReading reading : BusinessDayReading.values()) {
            assertThat(s.fast.addBusinessDays(s.start, n, reading)).as("%s + %d business days %s", s, n, reading)
                    .isEqualTo(s.slow.addBusinessDays(s.start, n, reading));
        }
    }

    @Provide
    Arbitrary<Integer> businessDays() {
        return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.integers().between(1, 5)),
                Tuple.of(1, Arbitraries.integers().between(6, 20)));
    }

    @Provide
    Arbitrary<List<long[]>> pauses() {
        return Combinators.combine(Arbitraries.longs().between(-600, 20 * 1440), Arbitraries.longs().between(0, 3 * 1440))
                .as((s, len) -> new long[] {s, s + len}).list().ofMaxSize(4);
    }

    private static List<InstantRange> pauses(Instant start, List<long[]> offsets) {
        List<InstantRange> result = new ArrayList<>();
        for (long[] o : offsets) {
            result.add(new InstantRange(start.plus(Duration.ofMinutes(o[0])), start.plus(Duration.ofMinutes(o[1]))));
        }
        return result;
    }
}
