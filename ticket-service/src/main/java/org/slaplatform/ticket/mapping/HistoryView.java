package org.slaplatform.ticket.mapping;

import java.time.Instant;

import org.slaplatform.ticket.repository.TicketHistoryEntry;

/** One line of a ticket's audit trail. */
public record HistoryView(Instant occurredAt, String actor, String kind, String from, String to, String note) {

    public static HistoryView of(TicketHistoryEntry e) {
        return new HistoryView(e.occurredAt, e.actor, e.kind.name(), e.fromValue, e.toValue, e.note);
    }
}
