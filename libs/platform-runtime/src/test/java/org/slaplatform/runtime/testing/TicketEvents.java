package org.slaplatform.runtime.testing;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.ticket.TicketStateChanged;

/** Real events of the contract (a ticket's state changes), keyed by their aggregate, the ticket. */
public final class TicketEvents {

    public static final URI SOURCE = URI.create("/runtime-test");

    private TicketEvents() {
    }

    /** The {@code n}th state change of {@code ticket}: its note says n, so that order can be read back. */
    public static EventEnvelope<TicketStateChanged> change(UUID ticket, int n) {
        Instant at = Instant.parse("2026-03-02T09:00:00Z").plus(n, ChronoUnit.MINUTES);
        return new EventEnvelope<>(UUID.randomUUID().toString(), EventTypes.TICKET_STATE_CHANGED, SOURCE,
                ticket.toString(), at, ticket.toString(), new TicketStateChanged(ticket, "acct-1", "gold", 1, "NEW",
                        "IN_PROGRESS", false, 2, at, "agent-1", "change " + n));
    }
}
