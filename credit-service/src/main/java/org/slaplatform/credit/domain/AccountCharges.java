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

    /**
     * QNT-CRD-1: the part of the cycle's charges that belongs to one of its months, the basis of that
     * month's credit and its cap: cycle charges / months in the cycle, never the whole cycle's charges
     * (docs/policies.md, Credit readings). Exact: the cycle's charges are the monthly charges times its months.
     */
    public BigDecimal monthPart() {
        return cycleCharges().divide(BigDecimal.valueOf(cycle.months()));
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }
}
