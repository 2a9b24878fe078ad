package org.slaplatform.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account asks for the notices of one event type by one channel. */
@Entity
@Table(name = "subscriptions")
public class Subscription {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false, updatable = false)
    public String accountId;

    @Column(name = "event_type", nullable = false, updatable = false)
    public String eventType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Channel channel;

    /** The email address, or the webhook URL. */
    @Column(nullable = false, updatable = false)
    public String address;

    /** The webhook's signing key; null for email. */
    @Column(updatable = false)
    public String secret;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
