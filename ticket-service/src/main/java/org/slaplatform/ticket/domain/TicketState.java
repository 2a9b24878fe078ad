package org.slaplatform.ticket.domain;

/** The states of TKT-4. */
public enum TicketState {
    NEW, ACKNOWLEDGED, IN_PROGRESS, WAITING_ON_CUSTOMER, WORKAROUND_PROVIDED, RESOLVED, CLOSED
}
