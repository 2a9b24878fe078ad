package org.slaplatform.slatimer.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A ticket this service keeps SLA clocks for. */
@Entity
@Table(name = "tracked_tickets")
public class TrackedTicket {

    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(nullable = false)
    public short severity;

    /** When the customer filed it; the clocks start from here or the next opening (IS-SLA-2). */
    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "source_event_id", nullable = false)
    public String sourceEventId;

    /** The customer's time zone when the ticket was filed; the account's monthly report counts in it. */
    @Column(name = "time_zone")
    public String timeZone;

    @Column(name = "recorded_at", nullable = false, insertable = false, updatable = false)
    public Instant recordedAt;
}
