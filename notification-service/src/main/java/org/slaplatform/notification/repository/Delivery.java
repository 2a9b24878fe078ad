package org.slaplatform.notification.repository;

import org.slaplatform.notification.domain.Channel;
import org.slaplatform.notification.domain.DeliveryState;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * One notice to one recipient, read for the delivery log. Rows are written by the consumer
 * ({@code NoticePlanner}, insert-first) and moved by the delivery workers, both in SQL.
 */
@Entity
@Immutable
@Table(name = "deliveries")
public class Delivery {

    @Id
    public UUID id;

    @Column(name = "account_id")
    public String accountId;

    @Column(name = "subscription_id")
    public UUID subscriptionId;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    public String recipient;

    public String notice;

    @Column(name = "event_id")
    public String eventId;

    @Column(name = "event_type")
    public String eventType;

    @Enumerated(EnumType.STRING)
    public DeliveryState state;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "created_at")
    public Instant createdAt;
}
