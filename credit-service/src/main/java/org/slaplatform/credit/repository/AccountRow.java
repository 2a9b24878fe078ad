package org.slaplatform.credit.repository;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Set;

import org.slaplatform.credit.domain.AccountCharges;
import org.slaplatform.credit.domain.BillingCycle;

/** An account as credit-service knows it from contracts.v1. */
public record AccountRow(String accountId, int revision, String policy, String plan, ZoneId zone, Currency currency,
        BigDecimal monthlyCharges, BillingCycle cycle, Set<String> instances, List<AccountCharges.OneTimeFee> oneTimeFees) {

    /** QNT-CRD-1: recurring charges and one-time fees; the policy decides whether the fees count. */
    public AccountCharges charges() {
        return new AccountCharges(monthlyCharges, currency, cycle, oneTimeFees);
    }
}
