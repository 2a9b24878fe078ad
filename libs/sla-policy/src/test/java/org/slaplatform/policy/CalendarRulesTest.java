package org.slaplatform.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.policy.calendar.BusinessCalendar;
import org.slaplatform.policy.calendar.BusinessDayReading;
import org.slaplatform.policy.calendar.InstantRange;

/** The seed rules the business calendar decides, as the policies read them. */
class CalendarRulesTest {

    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final ZoneId EASTERN = ZoneId.of("America/New_York");
    private final Policy is = PolicyLoader.fromClasspath("infostretch");
    private final Policy inf = PolicyLoader.fromClasspath("inflectra");
    private final BusinessCalendar standard = is.calendar("standard");

    private static Instant pacific(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(PACIFIC).toInstant();
    }

    private static Instant eastern(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(EASTERN).toInstant();
    }

    private Instant due(Policy policy, String severity, TargetKind kind, Instant filed) {
        return policy.dueAt(severity, kind, filed, List.of()).orElseThrow();
    }

    @Test
    @DisplayName("IS-SLA-2 a Sev1 ticket filed Friday 17:30 Pacific has its response due Monday 10:30 (across spring-forward)")
    void sev1FiledFridayEvening() {
        assertThat(due(is, "sev1", TargetKind.FIRST_RESPONSE, pacific("2025-03-07T17:30")))
                .isEqualTo(pacific("2025-03-10T10:30"));
    }

    @Test
    @DisplayName("IS-SLA-2 a Sev2 ticket filed Saturday starts at Monday's opening: response due Monday 13:00")
    void sev2FiledOnSaturday() {
        assertThat(due(is, "sev2", TargetKind.FIRST_RESPONSE, pacific("2025-06-14T11:00")))
                .isEqualTo(pacific("2025-06-16T13:00"));
    }

    @Test
    @DisplayName("IS-SLA-1 CAL-3 a Sev1 workaround filed Friday 17:30 is due Saturday 17:30, worked around the clock")
    void sev1WorkaroundAroundTheClock() {
        assertThat(due(is, "sev1", TargetKind.WORKAROUND, pacific("2025-03-07T17:30")))
                .isEqualTo(pacific("2025-03-08T17:30"));
        // across spring-forward: the same clock time the next day, 23 hours later
        assertThat(due(is, "sev1", TargetKind.WORKAROUND, pacific("2025-03-08T12:00")))
                .isEqualTo(pacific("2025-03-09T12:00"));
    }

    @Test
    @DisplayName("IS-SLA-1 Sev2 response 4 hours, workaround 2 business days; Sev3 and Sev4 respond within 1 business day")
    void isResponseTable() {
        Instant wednesday10 = pacific("2025-06-11T10:00");
        assertThat(due(is, "sev2", TargetKind.FIRST_RESPONSE, wednesday10)).isEqualTo(pacific("2025-06-11T14:00"));
        assertThat(due(is, "sev2", TargetKind.WORKAROUND, wednesday10)).isEqualTo(pacific("2025-06-13T10:00"));
        assertThat(due(is, "sev3", TargetKind.FIRST_RESPONSE, wednesday10)).isEqualTo(pacific("2025-06-12T10:00"));
        assertThat(due(is, "sev4", TargetKind.FIRST_RESPONSE, wednesday10)).isEqualTo(pacific("2025-06-12T10:00"));
        assertThat(due(is, "sev1", TargetKind.FIRST_RESPONSE, wednesday10)).isEqualTo(pacific("2025-06-11T12:00"));
    }

    @Test
    @DisplayName("IS-SLA-1 CAL-1 a Sev3 workaround of 5 business days skips Independence Day: Wednesday July 2 10:00 is due Thursday July 10 10:00")
    void sev3WorkaroundSkipsHoliday() {
        assertThat(due(is, "sev3", TargetKind.WORKAROUND, pacific("2025-07-02T10:00")))
                .isEqualTo(pacific("2025-07-10T10:00"));
    }

    @Test
    @DisplayName("CAL-4 'within 1 business day' filed Friday 17:30: same clock time Monday 17:30, end of day Monday 18:00")
    void cal4BothReadings() {
        Instant friday = pacific("2025-06-13T17:30");
        assertThat(standard.addBusinessDays(friday, 1, BusinessDayReading.SAME_CLOCK_TIME)).isEqualTo(pacific("2025-06-16T17:30"));
        assertThat(standard.addBusinessDays(friday, 1, BusinessDayReading.END_OF_DAY)).isEqualTo(pacific("2025-06-16T18:00"));
        // before the opening, the day itself is business day 1 in the end-of-day reading
        Instant mondayEarly = pacific("2025-06-16T07:00");
        assertThat(standard.addBusinessDays(mondayEarly, 1, BusinessDayReading.END_OF_DAY)).isEqualTo(pacific("2025-06-16T18:00"));
        assertThat(standard.addBusinessDays(mondayEarly, 1, BusinessDayReading.SAME_CLOCK_TIME)).isEqualTo(pacific("2025-06-17T09:00"));
        // "N hours" is business time
        assertThat(standard.addBusinessTime(friday, Duration.ofHours(9))).isEqualTo(pacific("2025-06-16T17:30"));
    }

    @Test
    @DisplayName("CAL-1 09:00-18:00 Pacific Monday-Friday, DST-aware: open 09:00 PST in winter and 09:00 PDT in summer")
    void cal1Hours() {
        assertThat(standard.isOpen(pacific("2025-01-06T09:00"))).isTrue();
        assertThat(standard.isOpen(pacific("2025-01-06T08:59"))).isFalse();
        assertThat(standard.isOpen(pacific("2025-07-07T09:00"))).isTrue();
        assertThat(standard.isOpen(pacific("2025-07-07T18:00"))).isFalse();
        assertThat(standard.isOpen(pacific("2025-07-05T12:00"))).isFalse();
        assertThat(standard.zone()).isEqualTo(PACIFIC);
        // fall-back weekend: Friday 17:00 PDT + 4 hours is Monday 12:00 PST
        assertThat(standard.addBusinessTime(pacific("2025-10-31T17:00"), Duration.ofHours(4))).isEqualTo(pacific("2025-11-03T12:00"));
    }

    @Test
    @DisplayName("CAL-1 federal and California holidays close the day on their observed date; observances stay open")
    void cal1Holidays() {
        assertThat(standard.isHoliday(LocalDate.of(2027, 12, 31))).as("New Year 2028 observed Friday").isTrue();
        assertThat(standard.isHoliday(LocalDate.of(2026, 7, 3))).as("Independence Day observed Friday").isTrue();
        assertThat(standard.isHoliday(LocalDate.of(2027, 7, 5))).as("Independence Day observed Monday").isTrue();
        assertThat(standard.isHoliday(LocalDate.of(2026, 11, 27))).as("day after Thanksgiving (CA)").isTrue();
        assertThat(standard.isHoliday(LocalDate.of(2026, 3, 31))).as("César Chávez Day (CA)").isTrue();
        assertThat(standard.isHoliday(LocalDate.of(2026, 2, 12))).as("Lincoln's Birthday is an observance").isFalse();
        // Sev2 filed Thursday 2027-12-30 16:00: 2 hours Thursday, Friday is New Year observed, Monday 09:00-11:00
        assertThat(due(is, "sev2", TargetKind.FIRST_RESPONSE, pacific("2027-12-30T16:00"))).isEqualTo(pacific("2028-01-03T11:00"));
    }

    @Test
    @DisplayName("CAL-2 INF 24x5 Eastern: answered no later than 1 business day; filed Friday 20:00 is due Monday 20:00")
    void cal2TwentyFourFive() {
        assertThat(due(inf, "high", TargetKind.FIRST_RESPONSE, eastern("2025-06-13T20:00"))).isEqualTo(eastern("2025-06-16T20:00"));
        assertThat(due(inf, "low", TargetKind.FIRST_RESPONSE, eastern("2025-06-14T10:00"))).isEqualTo(eastern("2025-06-17T00:00"));
        assertThat(inf.calendar("coverage").isOpen(eastern("2025-06-15T23:59"))).isFalse();
        assertThat(inf.calendar("coverage").isOpen(eastern("2025-06-16T00:00"))).isTrue();
    }

    @Test
    @DisplayName("CAL-3 the around-the-clock calendar counts elapsed time, 23 hours on spring-forward day")
    void cal3AroundTheClock() {
        BusinessCalendar always = is.calendar("around-the-clock");
        assertThat(always.businessTimeBetween(pacific("2025-03-09T00:00"), pacific("2025-03-10T00:00"))).isEqualTo(Duration.ofHours(23));
        assertThat(always.addBusinessTime(pacific("2025-12-25T10:00"), Duration.ofHours(2))).isEqualTo(pacific("2025-12-25T12:00"));
    }

    @Test
    @DisplayName("CAL-5 a policy adds and removes holiday dates on top of the library")
    void cal5Overrides() {
        String yaml = PolicyFiles.shipped("infostretch").replace("      add: []", "      add: [2025-12-24]")
                .replace("      remove: []", "      remove: [2025-11-28]");
        BusinessCalendar c = PolicyLoader.fromString(yaml).calendar("standard");
        assertThat(c.isHoliday(LocalDate.of(2025, 12, 24))).isTrue();
        assertThat(c.isHoliday(LocalDate.of(2025, 11, 28))).isFalse();
        assertThat(c.isOpen(pacific("2025-11-28T10:00"))).isTrue();
        assertThat(c.isOpen(pacific("2025-12-24T10:00"))).isFalse();
        assertThat(standard.isOpen(pacific("2025-11-28T10:00"))).isFalse();
    }

    @Test
    @DisplayName("IS-SLA-3 a Sev2 workaround paused 6 business hours while waiting on the licensee is due 6 business hours later")
    void is3Pause() {
        Instant filed = pacific("2025-06-16T10:00");
        List<InstantRange> waiting = List.of(new InstantRange(pacific("2025-06-16T14:00"), pacific("2025-06-17T11:00")));
        assertThat(due(is, "sev2", TargetKind.WORKAROUND, filed)).isEqualTo(pacific("2025-06-18T10:00"));
        assertThat(is.dueAt("sev2", TargetKind.WORKAROUND, filed, waiting)).contains(pacific("2025-06-18T16:00"));
        assertThat(standard.businessTimeBetween(filed, pacific("2025-06-18T16:00"), waiting)).isEqualTo(Duration.ofHours(18));
    }

    @Test
    @DisplayName("CAL-4 a duration of months jumps whole years: 2,000 business hours from 2025-01-02 09:00")
    void longDurations() {
        Instant start = pacific("2025-01-02T09:00");
        Instant due = standard.addBusinessTime(start, Duration.ofHours(2_000));
        assertThat(standard.businessTimeBetween(start, due)).isEqualTo(Duration.ofHours(2_000));
        assertThat(standard.addBusinessTime(start, Duration.ofHours(9 * 250 * 3))).isAfter(pacific("2027-12-01T00:00"));
    }

    @Test
    @DisplayName("CAL-4 sub-second parts are carried exactly")
    void subSeconds() {
        Instant start = pacific("2025-06-16T17:59:59").plusMillis(500);
        assertThat(standard.addBusinessTime(start, Duration.ofSeconds(1))).isEqualTo(pacific("2025-06-17T09:00:00").plusMillis(500));
        assertThat(standard.businessTimeBetween(start, pacific("2025-06-17T09:00:01"))).isEqualTo(Duration.ofMillis(1_500));
    }
}
