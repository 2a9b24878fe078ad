package org.slaplatform.policy.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every DST change and every holiday of 2024-2030 in Los Angeles and New York, against the
 * minute-stepping reference. The reference takes its holidays from jollyday's date-range query, a
 * different path from the per-year one (with its year-boundary fix) that the calendar uses.
 */
class DstAndHolidaySweepTest {

    private static final List<DayOfWeek> WEEKDAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    static Set<LocalDate> referenceHolidays(String... subdivisions) {
        HolidayManager m = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.UNITED_STATES));
        return m.getHolidays(LocalDate.of(2023, 1, 1), LocalDate.of(2031, 12, 31), HolidayType.PUBLIC_HOLIDAY, subdivisions)
                .stream().map(Holiday::getDate).collect(Collectors.toSet());
    }

    @Test
    @DisplayName("CAL-1 CAL-5 the per-year holiday query agrees with the range query for 2024-2030, 2027-12-31 included")
    void holidaySetsAgree() {
        Set<LocalDate> reference = referenceHolidays("ca");
        PublicHolidays source = new PublicHolidays(HolidayCalendar.UNITED_STATES, List.of("ca"), List.of(HolidayType.PUBLIC_HOLIDAY));
        for (int year = 2024; year <= 2030; year++) {
            int y = year;
            assertThat(source.holidaysIn(year)).as("year %d", year)
                    .isEqualTo(reference.stream().filter(d -> d.getYear() == y).collect(Collectors.toSet()));
        }
        assertThat(source.holidaysIn(2027)).contains(LocalDate.of(2027, 12, 31));
    }

    @Test
    @DisplayName("CAL-1..CAL-4 every DST change and holiday 2024-2030, Los Angeles and New York: zero disagreements")
    void sweep() {
        WeeklyHours officeHours = WeeklyHours.weekdays(WEEKDAYS, WorkingInterval.parse("09:00-18:00"));
        WeeklyHours lunchBreak = WeeklyHours.weekdays(WEEKDAYS, WorkingInterval.parse("08:30-12:00"),
                WorkingInterval.parse("13:00-17:30"));
        List<String> disagreements = new ArrayList<>();
        int checks = 0;
        for (String zoneName : List.of("America/Los_Angeles", "America/New_York")) {
            ZoneId zone = ZoneId.of(zoneName);
            Set<LocalDate> holidays = zoneName.endsWith("Angeles") ? referenceHolidays("ca") : referenceHolidays();
            HolidaySource source = zoneName.endsWith("Angeles")
                    ? new PublicHolidays(HolidayCalendar.UNITED_STATES, List.of("ca"), List.of(HolidayType.PUBLIC_HOLIDAY))
                    : new PublicHolidays(HolidayCalendar.UNITED_STATES, List.of(), List.of(HolidayType.PUBLIC_HOLIDAY));
            for (WeeklyHours hours : List.of(officeHours, lunchBreak, WeeklyHours.twentyFourFive(), WeeklyHours.twentyFourSeven())) {
                BusinessCalendar fast = BusinessCalendar.builder(zone).hours(hours).holidays(source).build();
                MinuteSteppingCalendar slow = new MinuteSteppingCalendar(zone, hours, holidays, List.of());
                List<Instant> starts = new ArrayList<>();
                ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.parse("2024-01-01T00:00:00Z"));
                while (t.getInstant().isBefore(Instant.parse("2031-01-01T00:00:00Z"))) {
                    for (int minutes : new int[] {-1500, -90, 0, 30}) {
                        starts.add(t.getInstant().plus(Duration.ofMinutes(minutes)));
                    }
                    t = zone.getRules().nextTransition(t.getInstant());
                }
                for (LocalDate d : holidays) {
                    if (d.getYear() >= 2024 && d.getYear() <= 2030) {
                        starts.add(d.minusDays(1).atTime(17, 30).atZone(zone).toInstant());
                        starts.add(d.atTime(10, 0).atZone(zone).toInstant());
                    }
                }
                for (Instant start : starts) {
                    for (Duration d : List.of(Duration.ofHours(1), Duration.ofHours(9))) {
                        checks++;
                        Instant a = fast.addBusinessTime(start, d);
                        Instant b = slow.addBusinessTime(start, d);
                        if (!a.equals(b)) {
                            disagreements.add(zone + " " + hours + " " + start + " + " + d + ": " + a + " vs " + b);
                        }
                    }
                    for (BusinessDayReading reading : BusinessDayReading.values()) {
                        checks++;
                        Instant a = fast.addBusinessDays(start, 2, reading);
                        Instant b = slow.addBusinessDays(start, 2, reading);
                        if (!a.equals(b)) {
                            disagreements.add(zone + " " + hours + " " + start + " + 2 days " + reading + ": " + a + " vs " + b);
                        }
                    }
                    checks++;
                    Instant end = start.plus(Duration.ofDays(3));
                    if (!fast.businessTimeBetween(start, end).equals(slow.businessTimeBetween(start, end, List.of()))) {
                        disagreements.add(zone + " " + hours + " between " + start + " and " + end);
                    }
                }
            }
        }
        assertThat(disagreements).as("%d checks", checks).isEmpty();
        assertThat(checks).isGreaterThan(5_000);
    }
}
