package org.slaplatform.policy.calendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.LocalDate;
import java.time.Year;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Holidays from the jollyday library (CAL-5), e.g. {@code UNITED_STATES} with subdivision {@code ca}
 * for CAL-1. The date used is the observed one (a Saturday holiday closes the Friday before).
 */
public final class PublicHolidays implements HolidaySource {

    private final HolidayCalendar country;
    private final String[] subdivisions;
    private final List<HolidayType> types;
    private final HolidayManager manager;

    public PublicHolidays(HolidayCalendar country, List<String> subdivisions, List<HolidayType> types) {
        this.country = country;
        this.subdivisions = subdivisions.toArray(String[]::new);
        this.types = List.copyOf(types);
        this.manager = HolidayManager.getInstance(ManagerParameters.create(country));
    }

    @Override
    public Set<LocalDate> holidaysIn(int year) {
        Set<LocalDate> dates = new HashSet<>();
        // DESIGN.md: jollyday 2.19.0 lists a Saturday New Year observed on the Friday before
        // (2027-12-31) only under the following year, so ask y-1..y+1 and keep the dates in y.
        synchronized (manager) {
            for (int y = year - 1; y <= year + 1; y++) {
                for (HolidayType type : types) {
                    for (Holiday holiday : manager.getHolidays(Year.of(y), type, subdivisions)) {
                        if (holiday.getDate().getYear() == year) {
                            dates.add(holiday.getDate());
                        }
                    }
                }
            }
        }
        return dates;
    }

    @Override
    public String toString() {
        return "PublicHolidays[" + country + " " + String.join(",", subdivisions) + " " + types + "]";
    }
}
