package org.slaplatform.credit.domain;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Why a credit is what it is (CRD-6): the minutes counted, the exclusions applied, the tier or the
 * hours, the basis and the amount before and after the one rounding.
 *
 * @param rule               the rule applied: QNT-CRD-1 (tiers) or IS-CRD-4 (per hour), or NONE
 * @param month              the measured month, yyyy-MM
 * @param sourceVersion      the account month revision the figures come from (one instance: its MonthlyAvailability version)
 * @param minutesInMonth     minutes in that month
 * @param unavailableMinutes Unavailable minutes that count
 * @param excludedMinutes    Unavailable minutes left out by exclusions
 * @param excludedByCause    those minutes per exclusion kind
 * @param uptimePercent      the month's uptime percentage
 * @param commitment         the plan's commitment, null when it makes none
 * @param tierPercent        QNT-CRD-1: the share of the charges credited
 * @param creditedHours      IS-CRD-4: the hours (or fractions, each counted as one) credited
 * @param dayWorth           IS-CRD-4: one day's worth of fees, unrounded
 * @param basis              the month's part of the cycle's recurring charges the credit is a share of and capped at (one-time fees excluded)
 * @param unrounded          the exact amount before rounding
 * @param amount             the amount after the one rounding
 * @param rounding           the rounding applied, e.g. "HALF_EVEN to 2 decimals (USD minor unit)"
 * @param text               the same in one sentence
 */
public record CreditExplanation(String rule, String month, int sourceVersion, long minutesInMonth,
        long unavailableMinutes, long excludedMinutes, Map<String, Long> excludedByCause, BigDecimal uptimePercent,
        BigDecimal commitment, BigDecimal tierPercent, Long creditedHours, BigDecimal dayWorth, BigDecimal basis,
        BigDecimal unrounded, BigDecimal amount, String rounding, String text) {

    public CreditExplanation {
        excludedByCause = excludedByCause == null ? Map.of() : Map.copyOf(excludedByCause);
    }
}
