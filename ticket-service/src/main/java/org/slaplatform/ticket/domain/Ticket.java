package org.slaplatform.ticket.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A support request of one customer account. */
@Entity
@Table(name = "tickets")
public class Ticket {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false, updatable = false)
    public String accountId;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String description;

    /** 1 Urgent-Blocker, 2 High-Critical, 3 Medium-Major, 4 Low-Minor-Trivial (IS-TKT-2). */
    @Column(nullable = false)
    public short severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TicketState state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Channel channel;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
