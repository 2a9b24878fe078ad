package org.slaplatform.policy.calendar;

import java.time.LocalDate;
import java.util.Set;

/** The closed days of one year (CAL-5). Called once per year and calendar, so it may be slow. */
@FunctionalInterface
public interface HolidaySource {

    /** Dates falling in {@code year} on which the calendar is closed all day. */
    Set<LocalDate> holidaysIn(int year);

    static HolidaySource none() {
        return year -> Set.of();
    }
}
