package org.slaplatform.ticket.domain;

/** How a ticket arrived (IS-TKT-1). */
public enum Channel {
    API, EMAIL, FEEDBACK
}
