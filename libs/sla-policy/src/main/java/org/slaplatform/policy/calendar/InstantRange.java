package org.slaplatform.policy.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A half-open span of time {@code [start, end)}: a pause of an SLA clock or a closure of a calendar. */
public record InstantRange(Instant start, Instant end) {

    public InstantRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }

    /** Sorted, with overlapping or touching ranges joined and empty ones dropped. */
    public static List<InstantRange> normalize(List<InstantRange> ranges) {
        List<InstantRange> sorted = new ArrayList<>(ranges);
        sorted.removeIf(r -> !r.end.isAfter(r.start));
        sorted.sort(Comparator.comparing(InstantRange::start));
        List<InstantRange> merged = new ArrayList<>();
        for (InstantRange r : sorted) {
            int last = merged.size() - 1;
            if (last >= 0 && !r.start.isAfter(merged.get(last).end)) {
                InstantRange prev = merged.get(last);
                merged.set(last, new InstantRange(prev.start, r.end.isAfter(prev.end) ? r.end : prev.end));
            } else {
                merged.add(r);
            }
        }
        return merged;
    }
}
