package org.slaplatform.policy;

import java.time.Instant;
import java.util.List;

/**
 * A calendar as a policy file writes it (CAL-1..CAL-5): a zone, working hours (a preset or per
 * weekday), holidays from the library with dates added and removed, and extra closures.
 */
public record CalendarSpec(String description, String zone, Preset preset, HoursSpec hours, HolidaySpec holidays,
        List<Closure> closures) {

    public CalendarSpec {
        closures = closures == null ? List.of() : List.copyOf(closures);
    }

    public enum Preset {
        /** CAL-3 */
        ALWAYS("24x7"),
        /** CAL-2 */
        WEEKDAYS_ALL_DAY("24x5");

        private final String text;

        Preset(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A closure of the calendar as an instant range, e.g. a site shutdown. */
    public record Closure(Instant start, Instant end, String reason) {
    }
}
