package org.slaplatform.policy;

import java.math.BigDecimal;

/**
 * A plan an account's contract names (POL-2), with what the plan decides.
 *
 * @param otherPlans       true for the plan that stands for "all other plans" (QNT-CRD-1)
 * @param uptimeCommitment percent per month (QNT-CRD-1, IS-AVL-5), absent when the plan makes none
 * @param featureRequests  whether feature requests are accepted on this plan (ITC: Premium only)
 */
public record Plan(String name, Boolean otherPlans, String description, BigDecimal uptimeCommitment,
        TicketQuota ticketQuota, SupportFees supportFees, Boolean featureRequests) {

    public Plan {
        otherPlans = Boolean.TRUE.equals(otherPlans);
        featureRequests = featureRequests == null || featureRequests;
    }
}
