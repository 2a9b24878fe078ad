package org.slaplatform.policy;


/** TKT-4: the states of a ticket, as pause rules name them. */
public enum TicketState {
    NEW, ACKNOWLEDGED, IN_PROGRESS, WAITING_ON_CUSTOMER, WORKAROUND_PROVIDED, RESOLVED, CLOSED;

    public String text() {
        return name().toLowerCase().replace('_', '-');
    }
}
