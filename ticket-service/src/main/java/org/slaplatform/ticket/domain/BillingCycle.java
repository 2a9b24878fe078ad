package org.slaplatform.ticket.domain;

/** How often a contract's charges are billed (POL-2, QNT-CRD-1). */
public enum BillingCycle {
    MONTHLY, QUARTERLY, ANNUAL
}
