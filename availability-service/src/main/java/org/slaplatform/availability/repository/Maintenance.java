package org.slaplatform.availability.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.slaplatform.availability.domain.MaintenanceKind;

/**
 * Announced maintenance of one instance, or of every instance of the account when
 * {@code instanceId} is null (AVL-3, IS-AVL-4). Whether it is excluded is decided when it is
 * announced or moved and kept with the reasons.
 */
@Entity
@Table(name = "maintenance")
public class Maintenance {

    public enum Status { ANNOUNCED, MOVED, CANCELLED }

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(name = "instance_id")
    public String instanceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MaintenanceKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public int revision;

    @Column(name = "announced_at", nullable = false)
    public Instant announcedAt;

    @Column(name = "starts_at", nullable = false)
    public Instant startsAt;

    @Column(name = "ends_at", nullable = false)
    public Instant endsAt;

    @Column(nullable = false)
    public boolean excluded;

    /** Why it is not excluded, one reason a line; empty when excluded. */
    @Column(nullable = false)
    public String reasons;

    public String description;

    /** AVL-3: why emergency maintenance could not wait, as an agent or admin recorded it; null otherwise. */
    public String justification;

    @Column(nullable = false)
    public String policy;

    @Column(name = "policy_version", nullable = false)
    public int policyVersion;
}
