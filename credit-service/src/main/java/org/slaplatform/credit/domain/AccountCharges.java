package org.slaplatform.credit.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;

/**
 * What an account pays, from its contract (ContractChanged): recurring charges, and the one-time fees
 * (setup, professional services) with the day each was charged. Whether one-time fees are part of a
 * credit's basis is the policy's {@code credits.oneTimeFeesExcluded} (QNT-CRD-1 "excluding any one-time
 * payments"); every shipped policy excludes them.
 */
public record AccountCharges(BigDecimal monthlyCharges, Currency currency, BillingCycle cycle,
        List<OneTimeFee> oneTimeFees) {

    /** A one-time payment of the contract (ContractChanged.oneTimeFees). */
    public record OneTimeFee(BigDecimal amount, LocalDate chargedOn) {
    }

    public AccountCharges {
        oneTimeFees = oneTimeFees == null ? List.of() : List.copyOf(oneTimeFees);
    }

    public AccountCharges(BigDecimal monthlyCharges, Currency currency, BillingCycle cycle) {
        this(monthlyCharges, currency, cycle, List.of());
    }

    public static AccountCharges of(String monthly, String currency, BillingCycle cycle) {
        return new AccountCharges(new BigDecimal(monthly), Currency.getInstance(currency), cycle);
    }

    public AccountCharges withOneTimeFees(List<OneTimeFee> fees) {
        return new AccountCharges(monthlyCharges, currency, cycle, fees);
    }

    /** QNT-CRD-1: the recurring charges of one billing cycle. */
    public BigDecimal cycleCharges() {
        return monthlyCharges.multiply(BigDecimal.valueOf(cycle.months()));
    }

    /**
     * QNT-CRD-1: the part of the cycle's recurring charges that belongs to one of its months, the basis of
     * that month's credit and its cap: cycle charges / months in the cycle, never the whole cycle's charges
     * (docs/policies.md, Credit readings). Exact: the cycle's charges are the monthly charges times its months.
     */
    public BigDecimal monthPart() {
        return cycleCharges().divide(BigDecimal.valueOf(cycle.months()));
    }

    /**
     * QNT-CRD-1 with the policy's {@code credits.oneTimeFeesExcluded}: the month's part of the charges of
     * the billing cycle {@code month} falls in; one-time fees charged in that cycle count only when the
     * policy does not exclude them (unrounded, DECIMAL128, when they do not divide evenly).
     */
    public BigDecimal monthPart(YearMonth month, boolean oneTimeFeesExcluded) {
        BigDecimal oneTime = oneTimeFeesInCycle(month);
        if (oneTimeFeesExcluded || oneTime.signum() == 0) {
            return monthPart();
        }
        return cycleCharges().add(oneTime).divide(BigDecimal.valueOf(cycle.months()), MathContext.DECIMAL128);
    }

    /** The one-time fees charged in the billing cycle {@code month} falls in. */
    public BigDecimal oneTimeFeesInCycle(YearMonth month) {
        YearMonth start = cycle.cycleStart(month);
        YearMonth end = start.plusMonths(cycle.months() - 1L);
        return oneTimeFees.stream().filter(f -> f.chargedOn() != null)
                .filter(f -> !YearMonth.from(f.chargedOn()).isBefore(start) && !YearMonth.from(f.chargedOn()).isAfter(end))
                .map(OneTimeFee::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }
}
