package org.slaplatform.credit.domain;

/**
 * The credit one instance's month earns (QNT-CRD-1, IS-CRD-4), with its explanation (CRD-6). A zero
 * amount is a decision too: the commitment was met, or the policy credits nothing.
 */
public record CreditDecision(String accountId, String instanceId, String month, int sourceVersion, Money amount,
        CreditExplanation explanation) {

    public boolean earnsCredit() {
        return amount.amount().signum() > 0;
    }
}
