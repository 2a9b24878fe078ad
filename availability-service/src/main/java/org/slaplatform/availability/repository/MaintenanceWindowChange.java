package org.slaplatform.availability.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * IS-AVL-4, AVL-3: the account's recurring maintenance windows from {@code effectiveAt} on, in place
 * of the policy's (or of an earlier change's). Requested at least the policy's window-change notice
 * ahead; never edited afterwards.
 */
@Entity
@Table(name = "maintenance_window_changes")
public class MaintenanceWindowChange {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(name = "requested_at", nullable = false)
    public Instant requestedAt;

    @Column(name = "effective_at", nullable = false)
    public Instant effectiveAt;

    /** JSON list of windows in the policy's shape ({@code WindowShape}). */
    @Column(nullable = false)
    public String windows;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    @Column(nullable = false)
    public String policy;

    @Column(name = "policy_version", nullable = false)
    public int policyVersion;
}
