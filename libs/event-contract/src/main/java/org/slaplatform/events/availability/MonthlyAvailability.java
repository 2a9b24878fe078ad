package org.slaplatform.events.availability;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One instance's closed month (AVL-7, QNT-AVL-2, IS-AVL-5): version 1 at month close, a higher
 * version (a correction) whenever late inputs change the figures.
 *
 * @param instanceId          the instance, also the record key
 * @param accountId           the instance's account
 * @param month               the calendar month, {@code yyyy-MM}, in {@code timeZone}
 * @param timeZone            the zone whose calendar month was measured
 * @param version             1 at close, then one more per correction
 * @param policy              the policy the month was judged under
 * @param policyVersion       its version (POL-3)
 * @param plan                the contract's plan
 * @param commitment          the plan's monthly commitment in percent, absent when the plan makes none
 * @param uptimePercent       100 minus the share of Unavailable minutes, 4 decimals, rounded down
 * @param totalMinutes        minutes in the month (DST months have 60 more or fewer)
 * @param unavailableMinutes  Unavailable minutes that count
 * @param excludedMinutes     Unavailable minutes left out by an exclusion
 * @param excludedByCause     excluded minutes per exclusion kind
 * @param met                 whether the commitment was met (true when there is none)
 * @param closedAt            when this version was computed
 */
public record MonthlyAvailability(String instanceId, String accountId, String month, String timeZone, int version,
        String policy, int policyVersion, String plan, BigDecimal commitment, BigDecimal uptimePercent,
        long totalMinutes, long unavailableMinutes, long excludedMinutes, Map<String, Long> excludedByCause,
        boolean met, Instant closedAt) {

    public MonthlyAvailability {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(month, "month");
        excludedByCause = excludedByCause == null ? Map.of() : Map.copyOf(excludedByCause);
    }
}
