package org.slaplatform.policy;

import java.time.LocalDate;
import java.util.List;

/**
 * CAL-5: holidays from the jollyday library, overridden per policy.
 *
 * @param library the library's calendar, or absent for "no public holidays"
 * @param add     dates closed on top of the library's
 * @param remove  dates the library lists that stay open
 */
public record HolidaySpec(Library library, List<LocalDate> add, List<LocalDate> remove) {

    public HolidaySpec {
        add = add == null ? List.of() : List.copyOf(add);
        remove = remove == null ? List.of() : List.copyOf(remove);
    }

    /**
     * @param country      a jollyday {@code HolidayCalendar} name, e.g. UNITED_STATES
     * @param subdivisions e.g. {@code [ca]} for California; empty for national holidays only
     * @param types        jollyday holiday types; default PUBLIC_HOLIDAY (observances stay open)
     */
    public record Library(String country, List<String> subdivisions, List<String> types) {
        public Library {
            subdivisions = subdivisions == null ? List.of() : List.copyOf(subdivisions);
            types = types == null || types.isEmpty() ? List.of("PUBLIC_HOLIDAY") : List.copyOf(types);
        }
    }
}
