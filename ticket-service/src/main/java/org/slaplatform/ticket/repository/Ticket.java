package org.slaplatform.ticket.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.slaplatform.ticket.domain.Category;
import org.slaplatform.ticket.domain.Channel;
import org.slaplatform.ticket.domain.EscalationLevel;
import org.slaplatform.ticket.domain.FeatureAnswer;
import org.slaplatform.ticket.domain.TicketLifecycle;

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
    public TicketLifecycle state;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Category category;

    /** INF-TKT-3 triage of defects, values from the policy's scales. */
    public String priority;

    public String risk;

    /** POL-3: the policy and version in force when the ticket was created, for its whole life. */
    @Column(nullable = false, updatable = false)
    public String policy;

    @Column(name = "policy_version", nullable = false, updatable = false)
    public int policyVersion;

    @Column(updatable = false)
    public String plan;

    @Column(name = "time_zone", updatable = false)
    public String timeZone;

    @Column(name = "product_id", updatable = false)
    public String productId;

    @Column(updatable = false)
    public String version;

    @Column(name = "instance_id", updatable = false)
    public String instanceId;

    @Column(updatable = false)
    public String environment;

    /** IS-TKT-5 the platform the installation runs on, as named or attached from the instance. */
    @Column(updatable = false)
    public String platform;

    /** Entitlement findings, comma-separated (IS-TKT-5, ITC-TKT-6). */
    @Column(nullable = false, updatable = false)
    public String flags;

    /**
     * ITC-LIFE-3: for a defect filed in extended support, the price per fix the contract's additional
     * agreement named when it was filed, in {@link #fixCurrency}; null when no agreement prices it.
     * Charged only while the ticket is flagged {@code EXTENDED_SUPPORT_CHARGEABLE}.
     */
    @Column(name = "fix_price", updatable = false, precision = 19, scale = 4)
    public java.math.BigDecimal fixPrice;

    @Column(name = "fix_currency", updatable = false)
    public String fixCurrency;

    /** ITC-TKT-6: the contract year whose quota unit this ticket took, if any. */
    @Column(name = "quota_year", updatable = false)
    public LocalDate quotaYear;

    @Enumerated(EnumType.STRING)
    @Column(name = "escalation_level", nullable = false)
    public EscalationLevel escalationLevel;

    @Enumerated(EnumType.STRING)
    @Column(name = "feature_answer")
    public FeatureAnswer featureAnswer;

    @Column(name = "feature_timeline")
    public String featureTimeline;

    @Column(name = "feature_reason")
    public String featureReason;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public List<String> flagList() {
        return flags == null || flags.isEmpty() ? List.of() : Arrays.asList(flags.split(","));
    }
}
