package org.slaplatform.policy;

import java.math.BigDecimal;

/** ITC-CRD-8: support fees as percentages of the licence price. */
public record SupportFees(BigDecimal firstYearPercent, BigDecimal laterYearsPercent, BigDecimal majorUpgradePercent) {

    /** The percentage of the licence price due for contract year {@code year} (1-based). */
    public BigDecimal percentForYear(int year) {
        if (year < 1) {
            throw new IllegalArgumentException("contract years start at 1");
        }
        return year == 1 ? firstYearPercent : laterYearsPercent;
    }
}
