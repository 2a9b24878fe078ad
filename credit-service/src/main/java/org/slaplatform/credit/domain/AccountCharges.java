package org.slaplatform.credit.domain;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * What an account pays on recurring terms, from its contract (ContractChanged). One-time fees are
 * not here on purpose: they are never part of a credit basis (QNT-CRD-1).
 */
public record AccountCharges(BigDecimal monthlyCharges, Currency currency, BillingCycle cycle) {

    public static AccountCharges of(String monthly, String currency, BillingCycle cycle) {
        return new AccountCharges(new BigDecimal(monthly), Currency.getInstance(currency), cycle);
    }

    /** QNT-CRD-1: the recurring charges of one billing cycle. */
    public BigDecimal cycleCharges() {
        return monthlyCharges.multiply(BigDecimal.valueOf(cycle.months()));
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }
}
