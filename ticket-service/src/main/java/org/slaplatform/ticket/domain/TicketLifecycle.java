package org.slaplatform.ticket.domain;

import java.util.EnumSet;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The states of TKT-4 and the moves between them. Leaving NEW is the first response; RESOLVED or
 * CLOSED back to IN_PROGRESS is a reopening. Customers and partners may only answer a question
 * (WAITING_ON_CUSTOMER to IN_PROGRESS), reopen, or close; every other move is support's. Named apart
 * from the policy library's {@code TicketState} (the states as pause rules name them); the API keeps
 * calling the type {@code TicketState}.
 */
@Schema(name = "TicketState")
public enum TicketLifecycle {
    NEW, ACKNOWLEDGED, IN_PROGRESS, WAITING_ON_CUSTOMER, WORKAROUND_PROVIDED, RESOLVED, CLOSED;

    public Set<TicketLifecycle> next() {
        return switch (this) {
            case NEW -> EnumSet.of(ACKNOWLEDGED, CLOSED);
            case ACKNOWLEDGED -> EnumSet.of(IN_PROGRESS, WAITING_ON_CUSTOMER, WORKAROUND_PROVIDED, RESOLVED, CLOSED);
            case IN_PROGRESS -> EnumSet.of(WAITING_ON_CUSTOMER, WORKAROUND_PROVIDED, RESOLVED, CLOSED);
            case WAITING_ON_CUSTOMER -> EnumSet.of(IN_PROGRESS, RESOLVED, CLOSED);
            case WORKAROUND_PROVIDED -> EnumSet.of(IN_PROGRESS, WAITING_ON_CUSTOMER, RESOLVED, CLOSED);
            case RESOLVED -> EnumSet.of(IN_PROGRESS, CLOSED);
            case CLOSED -> EnumSet.of(IN_PROGRESS);
        };
    }

    public boolean mayMoveTo(TicketLifecycle target) {
        return next().contains(target);
    }

    /** Moves a customer or partner may make themselves. */
    public boolean customerMayMoveTo(TicketLifecycle target) {
        return mayMoveTo(target) && (target == CLOSED
                || this == WAITING_ON_CUSTOMER && target == IN_PROGRESS
                || isFinished() && target == IN_PROGRESS);
    }

    public boolean isFinished() {
        return this == RESOLVED || this == CLOSED;
    }
}
