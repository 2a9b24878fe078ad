package org.slaplatform.policy;

import java.time.DayOfWeek;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Working intervals per weekday, e.g. {@code monday: ["09:00-18:00"]}; an absent day is closed. */
public record HoursSpec(List<String> monday, List<String> tuesday, List<String> wednesday, List<String> thursday,
        List<String> friday, List<String> saturday, List<String> sunday) {

    /** The raw interval texts per weekday, in weekday order; absent days map to an empty list. */
    public Map<DayOfWeek, List<String>> byDay() {
        Map<DayOfWeek, List<String>> map = new EnumMap<>(DayOfWeek.class);
        List<List<String>> all = java.util.Arrays.asList(monday, tuesday, wednesday, thursday, friday, saturday, sunday);
        for (int i = 0; i < 7; i++) {
            map.put(DayOfWeek.of(i + 1), all.get(i) == null ? List.of() : all.get(i));
        }
        return map;
    }
}
