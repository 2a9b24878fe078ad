package org.slaplatform.policy.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slaplatform.policy.calendar.SeededCases.between;
import static org.slaplatform.policy.calendar.SeededCases.oneOf;
import static org.slaplatform.policy.calendar.SeededCases.weight;
import static org.slaplatform.policy.calendar.SeededCases.weighted;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The fast calendar against {@link MinuteSteppingCalendar} over generated calendars, instants,
 * durations and pauses. Zones are chosen for their awkward DST: transitions at 02:00 (US), at
 * midnight (Santiago, Havana), half an hour (Lord Howe), none (Kolkata, UTC).
 *
 * <p>Every case is drawn from its own seed ({@link SeededCases}): a failure prints the seed and the
 * scenario, and {@code -Dproperties.case=<seed>} replays exactly that case. The build runs a fixed
 * set; {@code -Dproperties.seed=<n> -Dproperties.tries=<n>} runs another or a larger one.
 */
class BusinessCalendarPropertiesTest {

    private static final List<String> ZONES = List.of("America/Los_Angeles", "America/New_York", "Europe/London",
            "Australia/Lord_Howe", "America/Santiago", "America/Havana", "Asia/Kolkata", "UTC", "America/St_Johns");
    private static final long FROM = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() / 60;
    private static final long TO = Instant.parse("2030-12-31T00:00:00Z").getEpochSecond() / 60;

    /** A generated calendar, its reference twin, and an instant near something interesting. */
    record Scenario(BusinessCalendar fast, MinuteSteppingCalendar slow, long weeklyOpenMinutes, Instant start,
            String description) {
        @Override
        public String toString() {
            return description + " start=" + start;
        }
    }

    @TestFactory
    Stream<DynamicTest> addBusinessTimeAgreesWithReference() {
        return SeededCases.of("addBusinessTimeAgreesWithReference", 400, random -> {
            Scenario s = scenario(random);
            if (s.weeklyOpenMinutes == 0) {
                return;
            }
            long max = Math.min(20 * 24 * 60, s.weeklyOpenMinutes * 4);
            Duration d = Duration.ofMinutes(between(random, 0, max));
            assertThat(s.fast.addBusinessTime(s.start, d)).as("%s + %s", s, d).isEqualTo(s.slow.addBusinessTime(s.start, d));
        });
    }

    @TestFactory
    Stream<DynamicTest> businessTimeBetweenAgreesWithReference() {
        return SeededCases.of("businessTimeBetweenAgreesWithReference", 300, random -> {
            Scenario s = scenario(random);
            Instant end = s.start.plus(Duration.ofMinutes(between(random, 0, 30 * 1440 - 1)));
            List<InstantRange> pauses = pauses(random, s.start);
            assertThat(s.fast.businessTimeBetween(s.start, end, pauses)).as("%s to %s pauses %s", s, end, pauses)
                    .isEqualTo(s.slow.businessTimeBetween(s.start, end, pauses));
            assertThat(s.fast.businessTimeBetween(s.start, end)).as("%s to %s", s, end)
                    .isEqualTo(s.slow.businessTimeBetween(s.start, end, List.of()));
        });
    }

    @TestFactory
    Stream<DynamicTest> addBusinessTimeWithPausesAgreesWithReference() {
        return SeededCases.of("addBusinessTimeWithPausesAgreesWithReference", 300, random -> {
            Scenario s = scenario(random);
            if (s.weeklyOpenMinutes == 0) {
                return;
            }
            long max = Math.min(10 * 24 * 60, s.weeklyOpenMinutes * 2);
            Duration d = Duration.ofMinutes(between(random, 0, max));
            List<InstantRange> pauses = pauses(random, s.start);
            assertThat(s.fast.addBusinessTime(s.start, d, pauses)).as("%s + %s pauses %s", s, d, pauses)
                    .isEqualTo(s.slow.addBusinessTime(s.start, d, pauses));
        });
    }

    @TestFactory
    Stream<DynamicTest> nextOpeningAgreesWithReference() {
        return SeededCases.of("nextOpeningAgreesWithReference", 300, random -> {
            Scenario s = scenario(random);
            if (s.weeklyOpenMinutes == 0) {
                return;
            }
            assertThat(s.fast.nextOpening(s.start)).as("%s", s).isEqualTo(s.slow.nextOpening(s.start));
            assertThat(s.fast.isOpen(s.start)).as("%s", s).isEqualTo(s.slow.nextOpening(s.start).equals(s.start));
        });
    }

    @TestFactory
    Stream<DynamicTest> addBusinessDaysAgreesWithReferenceInBothReadings() {
        return SeededCases.of("addBusinessDaysAgreesWithReferenceInBothReadings", 300, random -> {
            Scenario s = scenario(random);
            int n = weighted(random, weight(5, () -> between(random, 1, 5)), weight(1, () -> between(random, 6, 20)));
            if (s.weeklyOpenMinutes == 0) {
                return;
            }
            for (BusinessDayReading reading : BusinessDayReading.values()) {
                assertThat(s.fast.addBusinessDays(s.start, n, reading)).as("%s + %d business days %s", s, n, reading)
                        .isEqualTo(s.slow.addBusinessDays(s.start, n, reading));
            }
        });
    }

    /** A calendar (zone, hours, holidays, closures) and a start near a DST change, a holiday or anywhere. */
    static Scenario scenario(SplittableRandom random) {
        ZoneId zone = ZoneId.of(oneOf(random, ZONES));
        WeeklyHours hours = weeklyHours(random);
        Set<LocalDate> holidays = new HashSet<>();
        int holidayCount = between(random, 0, 40);
        for (int i = 0; i < holidayCount; i++) {
            holidays.add(LocalDate.ofEpochDay(between(random, LocalDate.of(2023, 12, 1).toEpochDay(),
                    LocalDate.of(2031, 2, 1).toEpochDay())));
        }
        List<InstantRange> closures = new ArrayList<>();
        int closureCount = between(random, 0, 3);
        for (int i = 0; i < closureCount; i++) {
            long s = between(random, FROM, TO);
            long len = between(random, 1L, 3 * 1440L);
            closures.add(new InstantRange(Instant.ofEpochSecond(s * 60), Instant.ofEpochSecond((s + len) * 60)));
        }
        long pick = random.nextLong(Long.MAX_VALUE);
        int offset = between(random, -1500, 1500);
        int kind = between(random, 0, 2);

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

    private static WeeklyHours weeklyHours(SplittableRandom random) {
        return weighted(random,
                weight(6, () -> randomWeek(random)),
                weight(1, WeeklyHours::twentyFourSeven),
                weight(1, WeeklyHours::twentyFourFive),
                weight(2, () -> WeeklyHours.weekdays(List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
                        DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), WorkingInterval.parse("09:00-12:00"),
                        WorkingInterval.parse("13:00-18:00"))));
    }

    private static WeeklyHours randomWeek(SplittableRandom random) {
        Map<DayOfWeek, List<WorkingInterval>> map = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            // boundaries on the half hour most of the time (so DST hours are hit), any minute otherwise
            Set<Integer> boundaries = new TreeSet<>();
            int count = between(random, 0, 6);
            for (int i = 0; i < count; i++) {
                boundaries.add(weighted(random,
                        weight(6, () -> between(random, 0, 48) * 30),
                        weight(1, () -> between(random, 0, 1440)),
                        weight(2, () -> oneOf(random, List.of(0, 1440, 60, 120, 150, 180)))));
            }
            List<Integer> sorted = new ArrayList<>(boundaries);
            List<WorkingInterval> intervals = new ArrayList<>();
            for (int i = 0; i + 1 < sorted.size(); i += 2) {
                intervals.add(new WorkingInterval(sorted.get(i) * 60, sorted.get(i + 1) * 60));
            }
            map.put(day, intervals);
        }
        return new WeeklyHours(map);
    }

    /** Up to four pauses, from ten hours before the start to twenty days after, each up to three days long. */
    private static List<InstantRange> pauses(SplittableRandom random, Instant start) {
        List<InstantRange> result = new ArrayList<>();
        int count = between(random, 0, 4);
        for (int i = 0; i < count; i++) {
            long s = between(random, -600L, 20 * 1440L);
            long len = between(random, 0L, 3 * 1440L);
            result.add(new InstantRange(start.plus(Duration.ofMinutes(s)), start.plus(Duration.ofMinutes(s + len))));
        }
        return result;
    }
}
