package org.slaplatform.slatimer.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.events.ticket.TicketSeverityChanged;
import org.slaplatform.events.ticket.TicketStateChanged;

/**
 * A ticket's events in the order they happened, whatever order they arrived in: by occurrence time,
 * the creation first, ties by event id. A duplicate event id counts once.
 */
public final class TicketHistory {

    /** One event of the history: its id and its payload (TicketCreated, -StateChanged, -SeverityChanged). */
    public record Entry(String eventId, Object event) {

        Instant occurredAt() {
            if (event instanceof TicketCreated c) {
                return c.createdAt();
            }
            if (event instanceof TicketStateChanged s) {
                return s.occurredAt();
            }
            if (event instanceof TicketSeverityChanged v) {
                return v.occurredAt();
            }
            throw new IllegalArgumentException("not a clock event: " + event.getClass().getName());
        }

        int rank() {
            return event instanceof TicketCreated ? 0 : 1;
        }
    }

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::occurredAt)
            .thenComparingInt(Entry::rank).thenComparing(Entry::eventId);

    private final List<Entry> entries;

    private TicketHistory(List<Entry> entries) {
        this.entries = entries;
    }

    public static TicketHistory of(List<Entry> events) {
        Map<String, Entry> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.eventId(), e));
        List<Entry> sorted = new ArrayList<>(unique.values());
        sorted.sort(ORDER);
        return new TicketHistory(List.copyOf(sorted));
    }

    public static boolean isClockEvent(Object event) {
        return event instanceof TicketCreated || event instanceof TicketStateChanged
                || event instanceof TicketSeverityChanged;
    }

    public List<Entry> entries() {
        return entries;
    }
}
