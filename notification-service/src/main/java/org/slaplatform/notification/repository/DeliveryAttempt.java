package org.slaplatform.notification.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** One try of one delivery, as the delivery log shows it. */
@Entity
@Immutable
@Table(name = "delivery_attempts")
public class DeliveryAttempt {

    @Id
    public Long id;

    @Column(name = "delivery_id")
    public UUID deliveryId;

    public int attempt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "duration_ms")
    public int durationMs;

    public String outcome;

    public Integer status;

    public String error;
}
