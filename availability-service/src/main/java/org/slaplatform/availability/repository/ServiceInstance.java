package org.slaplatform.availability.repository;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A monitored instance as the account's latest contract describes it (POL-2). */
@Entity
@Table(name = "instances")
public class ServiceInstance {

    @Id
    @Column(name = "instance_id")
    public String instanceId;

    @Column(name = "account_id", nullable = false)
    public String accountId;

    @Column(nullable = false)
    public String policy;

    @Column(name = "policy_version", nullable = false)
    public int policyVersion;

    public String plan;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    /** The zone whose calendar months are measured (the policy's uptime zone, or the account's). */
    @Column(name = "month_zone", nullable = false)
    public String monthZone;

    @Column(name = "product_id")
    public String productId;

    public String environment;

    /** False once the contract no longer lists the instance: probes for it are refused. */
    @Column(nullable = false)
    public boolean active;

    @Column(name = "contract_revision", nullable = false)
    public int contractRevision;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The contract's first day (issue 17: no maintenance window starts before it); null for rows from before it was kept. */
    @Column(name = "contract_starts_on")
    public LocalDate contractStartsOn;
}
