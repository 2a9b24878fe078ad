package org.slaplatform.availability.domain;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.Set;

/** AVL-7: an input that lands in a closed month makes that month due for a correction. */
public final class LateInputs {

    private LateInputs() {
    }

    /** The months of {@code zone} that {@code [from, to)} touches. */
    public static Set<String> months(Instant from, Instant to, String zone) {
        Set<String> months = new LinkedHashSet<>();
        YearMonth m = YearMonth.from(from.atZone(ZoneId.of(zone)));
        YearMonth last = YearMonth.from((to.isAfter(from) ? to.minusNanos(1) : from).atZone(ZoneId.of(zone)));
        for (; !m.isAfter(last); m = m.plusMonths(1)) {
            months.add(m.toString());
        }
        return months;
    }
}
