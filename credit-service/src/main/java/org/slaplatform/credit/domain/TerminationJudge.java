package org.slaplatform.credit.domain;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slaplatform.policy.TerminationCondition;

/**
 * IS-CRD-5: the customer may terminate when the level is below 98 % in any month, or below 99 % in
 * two months of a rolling four calendar months; the figures are the policy's. Pure.
 */
public final class TerminationJudge {

    private TerminationJudge() {
    }

    /**
     * A termination right found in a window of consecutive calendar months that contains
     * {@code month}, judged on each month's latest measured uptime.
     *
     * @param months the latest uptime percentage per measured month of one instance
     */
    public static Optional<TerminationRight> judge(List<TerminationCondition> conditions,
            Map<YearMonth, BigDecimal> months, YearMonth month) {
        for (TerminationCondition condition : conditions) {
            int window = condition.window() == null ? 1 : condition.window();
            int needed = condition.months() == null ? 1 : condition.months();
            for (YearMonth first = month.minusMonths(window - 1L); !first.isAfter(month); first = first.plusMonths(1)) {
                List<YearMonth> below = new ArrayList<>();
                for (YearMonth m = first; m.isBefore(first.plusMonths(window)); m = m.plusMonths(1)) {
                    BigDecimal uptime = months.get(m);
                    if (uptime != null && uptime.compareTo(condition.below()) < 0) {
                        below.add(m);
                    }
                }
                if (below.size() >= needed && below.contains(month)) {
                    YearMonth last = first.plusMonths(window - 1L);
                    String text = below.stream().map(m -> m + " at " + months.get(m).toPlainString() + " %")
                            .collect(Collectors.joining(", ")) + ": " + below.size() + " month(s) below "
                            + condition.below().toPlainString() + " % within the " + window
                            + " calendar month(s) " + first + ".." + last + " (" + condition.rule() + ")";
                    return Optional.of(new TerminationRight(condition.rule(), condition.below(), needed, window,
                            first, last, List.copyOf(below), text));
                }
            }
        }
        return Optional.empty();
    }

    /** A termination right and the months that grant it. */
    public record TerminationRight(String rule, BigDecimal below, int months, int window, YearMonth windowStart,
            YearMonth windowEnd, List<YearMonth> monthsBelow, String explanation) {

        /** The same right is granted once: this names it (condition and the months that grant it). */
        public String key() {
            return below.toPlainString() + "/" + months + "/" + window + ":" + monthsBelow.stream()
                    .map(YearMonth::toString).collect(Collectors.joining(","));
        }
    }
}
