package org.slaplatform.availability.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.slaplatform.availability.domain.OutageCause;

/** An explicit outage (AVL-1): from a probe or an operator, with its cause (AVL-3). */
@Entity
@Table(name = "outages")
public class Outage {

    @Id
    public UUID id;

    @Column(name = "instance_id", nullable = false)
    public String instanceId;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OutageCause cause;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    /** Exclusive end; null while the outage lasts. */
    @Column(name = "ended_at")
    public Instant endedAt;

    public String note;

    @Column(name = "reported_by", nullable = false)
    public String reportedBy;

    /** The reporting token's {@code sub}: only it, or an agent or admin, ends the outage. */
    @Column(name = "reporter_subject")
    public String reporterSubject;

    /** The role it reported in; a probe's note is never shown on the public status page. */
    @Column(name = "reporter_role")
    public String reporterRole;

    /** POL-3: the policy version in force when the outage began. */
    /** The policy and version the outage is judged under: those in force when it began (POL-3). */
    @Column(nullable = false)
    public String policy;

    @Column(name = "policy_version", nullable = false)
    public int policyVersion;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
