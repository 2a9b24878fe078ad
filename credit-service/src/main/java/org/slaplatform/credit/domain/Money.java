package org.slaplatform.credit.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in one currency (CRD-6). Amounts stay unrounded through a computation and are rounded
 * once, at the end, to the currency's minor unit (2 places for USD and EUR, 0 for JPY) with the
 * policy's mode (HALF_EVEN in every shipped policy).
 */
public record Money(BigDecimal amount, Currency currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currency));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO.setScale(Math.max(0, currency.getDefaultFractionDigits())), currency);
    }

    /** The one rounding of CRD-6: to the currency's minor unit, with {@code mode}. */
    public Money rounded(RoundingMode mode) {
        return new Money(amount.setScale(minorUnit(), mode), currency);
    }

    /**
     * CRD-6 with the policy's rounding: to {@code scale} decimals (credits.rounding.scale), never finer
     * than the currency's minor unit (no credit is a fraction of a yen), with {@code mode}; the result is
     * written at the minor unit (a scale of 0 in USD gives 33.00, not 33), which adds no second rounding.
     */
    public Money rounded(int scale, RoundingMode mode) {
        return new Money(amount.setScale(effectiveScale(scale, currency), mode).setScale(minorUnit()), currency);
    }

    /** The decimals a credit is rounded to: the policy's scale, at most the currency's minor unit. */
    public static int effectiveScale(int policyScale, Currency currency) {
        return Math.min(policyScale, Math.max(0, currency.getDefaultFractionDigits()));
    }

    private int minorUnit() {
        return Math.max(0, currency.getDefaultFractionDigits());
    }

    public Money plus(Money other) {
        sameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        sameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    private void sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.currency + " to " + currency);
        }
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
