package org.slaplatform.credit.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;

import org.slaplatform.policy.SupportFees;

/**
 * ITC-CRD-8: Basic support costs 12 % of the licence price in the first contract year and 20 % in
 * each later year; an upgrade to the next major version costs 30 %. The percentages are the
 * policy's; the amount is rounded once, HALF_EVEN to the currency's minor unit (CRD-6).
 */
public final class SupportFeeSchedule {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private SupportFeeSchedule() {
    }

    /** The contract year {@code date} falls in, 1 for the year starting on {@code startsOn}. */
    public static int contractYear(LocalDate startsOn, LocalDate date) {
        if (date.isBefore(startsOn)) {
            throw new IllegalArgumentException(date + " is before the contract starts on " + startsOn);
        }
        return Period.between(startsOn, date).getYears() + 1;
    }

    public static SupportFee forYear(SupportFees fees, Money licencePrice, int contractYear) {
        requirePositive(licencePrice);
        BigDecimal percent = fees.percentForYear(contractYear);
        Money amount = new Money(licencePrice.amount().multiply(percent).divide(HUNDRED), licencePrice.currency())
                .rounded(RoundingMode.HALF_EVEN);
        return new SupportFee(contractYear, percent, amount, "contract year " + contractYear + ": "
                + percent.toPlainString() + " % of the licence price " + licencePrice + " = " + amount + " (ITC-CRD-8)");
    }

    public static SupportFee majorUpgrade(SupportFees fees, Money licencePrice) {
        requirePositive(licencePrice);
        Money amount = new Money(licencePrice.amount().multiply(fees.majorUpgradePercent()).divide(HUNDRED),
                licencePrice.currency()).rounded(RoundingMode.HALF_EVEN);
        return new SupportFee(0, fees.majorUpgradePercent(), amount, "upgrade to the next major version: "
                + fees.majorUpgradePercent().toPlainString() + " % of the licence price " + licencePrice + " = "
                + amount + " (ITC-CRD-8)");
    }

    private static void requirePositive(Money price) {
        if (price.amount().signum() <= 0) {
            throw new IllegalArgumentException("the licence price must be positive, was " + price);
        }
    }

    /** @param contractYear 1-based; 0 for a major upgrade */
    public record SupportFee(int contractYear, BigDecimal percent, Money amount, String explanation) {
    }
}
