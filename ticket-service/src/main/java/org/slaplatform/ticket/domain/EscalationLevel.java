package org.slaplatform.ticket.domain;

/** The escalation tiers of INF-TKT-7, also the roles of a contract's contacts. */
public enum EscalationLevel {
    SUPPORT, ACCOUNT_MANAGER, EXECUTIVE
}
