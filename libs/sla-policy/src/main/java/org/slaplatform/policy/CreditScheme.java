package org.slaplatform.policy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;

/**
 * How a missed commitment turns into money (QNT-CRD-1, QNT-CRD-3, IS-CRD-4, CRD-6).
 *
 * @param kind                  tiered percentage of charges, or a day's worth of fees per hour missed
 * @param oneTimeFeesExcluded   one-time payments (setup, professional services) are not in the basis
 * @param tiers                 for {@link Kind#TIERED_PERCENTAGE}: contiguous tiers, highest first
 * @param perHour               for {@link Kind#DAY_OF_FEES_PER_HOUR}
 * @param issue                 how a confirmed credit is given
 * @param rounding              money is rounded once, at the end (CRD-6)
 */
public record CreditScheme(Kind kind, Boolean oneTimeFeesExcluded, List<CreditTier> tiers, PerHour perHour,
        Issue issue, Rounding rounding) {

    public CreditScheme {
        oneTimeFeesExcluded = oneTimeFeesExcluded == null || oneTimeFeesExcluded;
        tiers = tiers == null ? List.of() : List.copyOf(tiers);
        rounding = rounding == null ? new Rounding(2, RoundingMode.HALF_EVEN) : rounding;
    }

    public enum Kind { TIERED_PERCENTAGE, DAY_OF_FEES_PER_HOUR }

    /**
     * IS-CRD-4.
     *
     * @param dayWorth     what "one day's worth of fees" is
     * @param countedHours which hours of unavailability earn a credit
     */
    public record PerHour(DayWorth dayWorth, CountedHours countedHours) {

        public enum DayWorth {
            /** the month's recurring fees divided by the number of days in that month */
            MONTHLY_RECURRING_OVER_DAYS_IN_MONTH,
            /** twelve months' recurring fees divided by 365 */
            ANNUAL_RECURRING_OVER_365
        }

        public enum CountedHours {
            /** every hour (or part) of unavailability in a month whose level is missed */
            ALL_UNAVAILABLE,
            /** only the unavailability beyond what the level allows */
            EXCESS_OVER_ALLOWANCE
        }

        /** One day's worth of fees, unrounded (rounding happens once, on the total). */
        public BigDecimal dayWorth(BigDecimal monthlyRecurring, YearMonth month) {
            return switch (dayWorth) {
                case MONTHLY_RECURRING_OVER_DAYS_IN_MONTH -> monthlyRecurring.divide(BigDecimal.valueOf(month.lengthOfMonth()),
                        java.math.MathContext.DECIMAL128);
                case ANNUAL_RECURRING_OVER_365 -> monthlyRecurring.multiply(BigDecimal.valueOf(12))
                        .divide(BigDecimal.valueOf(365), java.math.MathContext.DECIMAL128);
            };
        }

        /**
         * Hours credited for {@code unavailable} time in a month of {@code monthLength} whose level
         * is {@code levelPercent}; "each hour or fraction thereof" rounds up.
         */
        public long creditedHours(Duration unavailable, Duration monthLength, BigDecimal levelPercent) {
            Duration counted = unavailable;
            if (countedHours == CountedHours.EXCESS_OVER_ALLOWANCE) {
                BigDecimal allowedSeconds = BigDecimal.valueOf(monthLength.getSeconds())
                        .multiply(BigDecimal.valueOf(100).subtract(levelPercent)).divide(BigDecimal.valueOf(100));
                counted = unavailable.minusSeconds(allowedSeconds.setScale(0, RoundingMode.FLOOR).longValueExact());
            }
            if (counted.isNegative() || counted.isZero()) {
                return 0;
            }
            long hours = counted.toHours();
            return counted.equals(Duration.ofHours(hours)) ? hours : hours + 1;
        }
    }

    /**
     * QNT-CRD-3.
     *
     * @param withinBillingCycles credit issued within this many billing cycles after confirmation
     */
    public record Issue(Integer withinBillingCycles, Boolean onlyAgainstFuturePayments, Boolean refundable,
            Boolean transferable) {
        public Issue {
            onlyAgainstFuturePayments = Boolean.TRUE.equals(onlyAgainstFuturePayments);
            refundable = Boolean.TRUE.equals(refundable);
            transferable = Boolean.TRUE.equals(transferable);
        }
    }

    /** CRD-6: scale (decimal places) and rounding mode of a credit amount. */
    public record Rounding(Integer scale, RoundingMode mode) {
    }
}
