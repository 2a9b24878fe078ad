package org.slaplatform.credit.domain;

/**
 * The credit one account's measured month earns (QNT-CRD-1, IS-CRD-4), with its explanation (CRD-6).
 * A zero amount is a decision too: the commitment was met, or the policy credits nothing.
 *
 * @param sourceVersion the account month's revision the figures come from
 */
public record CreditDecision(String accountId, String month, int sourceVersion, Money amount,
        CreditExplanation explanation) {

    public boolean earnsCredit() {
        return amount.amount().signum() > 0;
    }
}
