package org.slaplatform.ticket.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One line of a ticket's audit trail (TKT-4): what changed, from what to what, who and why. */
@Entity
@Table(name = "ticket_history")
public class TicketHistoryEntry {

    public enum Kind { CREATED, STATE, SEVERITY, ESCALATION, FEATURE_ANSWER }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "ticket_id", nullable = false, updatable = false)
    public UUID ticketId;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;

    @Column(nullable = false, updatable = false)
    public String actor;

    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Kind kind;

    @Column(name = "from_value", updatable = false)
    public String fromValue;

    @Column(name = "to_value", updatable = false)
    public String toValue;

    @Column(updatable = false)
    public String note;

    public static TicketHistoryEntry of(UUID ticketId, Instant at, String actor, Kind kind, String from, String to,
            String note) {
        TicketHistoryEntry entry = new TicketHistoryEntry();
        entry.ticketId = ticketId;
        entry.occurredAt = at;
        entry.actor = actor;
        entry.kind = kind;
        entry.fromValue = from;
        entry.toValue = to;
        entry.note = note;
        return entry;
    }
}
