package org.slaplatform.policy;

import java.math.BigDecimal;

/**
 * QNT-CRD-1: uptime in {@code [atLeast, below)} earns {@code percent} of the cycle's charges.
 * {@code below} is a percentage or the word {@code commitment}: the plan's own uptime commitment.
 */
public record CreditTier(String below, BigDecimal atLeast, BigDecimal percent) {

    public static final String COMMITMENT = "commitment";

    /** The tier's upper bound (exclusive) for a plan with this commitment. */
    public BigDecimal upperBound(BigDecimal commitment) {
        return COMMITMENT.equals(below) ? commitment : new BigDecimal(below);
    }

    public boolean contains(BigDecimal uptimePercent, BigDecimal commitment) {
        return uptimePercent.compareTo(atLeast) >= 0 && uptimePercent.compareTo(upperBound(commitment)) < 0;
    }
}
