package org.slaplatform.ticket.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;
import org.slaplatform.ticket.domain.BillingCycle;
import org.slaplatform.ticket.domain.ContractTerms;

/** The contract an account holds (POL-2): policy and plan, money, dates, and the terms document. */
@Entity
@Table(name = "contracts")
public class Contract {

    @Id
    @Column(name = "account_id")
    public String accountId;

    /** Increases with every change; the compacted topic's consumers can tell the newest. */
    @Column(nullable = false)
    public int revision;

    @Column(nullable = false)
    public String policy;

    @Column(name = "policy_version", nullable = false)
    public int policyVersion;

    @Column(nullable = false)
    public String plan;

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(nullable = false)
    public String currency;

    @Column(name = "monthly_charges", nullable = false, precision = 19, scale = 4)
    public BigDecimal monthlyCharges;

    /** ITC-CRD-8: the licence price support fees are a share of; both absent when the contract names none. */
    @Column(name = "licence_price", precision = 19, scale = 4)
    public BigDecimal licencePrice;

    @Column(name = "licence_currency")
    public String licenceCurrency;

    @Enumerated(EnumType.STRING)
    @Column(name = "billing_cycle", nullable = false)
    public BillingCycle billingCycle;

    @Column(name = "starts_on", nullable = false)
    public LocalDate startsOn;

    @Column(name = "ends_on")
    public LocalDate endsOn;

    /** {@link ContractTerms} as JSON; read as text so that the reactive driver hands back a string. */
    @Column(nullable = false)
    @ColumnTransformer(read = "terms::text", write = "cast(cast(? as text) as jsonb)")
    public String terms;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** IS-TKT-5: the agreement is valid on {@code day} (both ends inclusive). */
    public boolean validOn(LocalDate day) {
        return !day.isBefore(startsOn) && (endsOn == null || !day.isAfter(endsOn));
    }

    /**
     * ITC-TKT-6: the first day of the contract year holding {@code day}. Years count from the
     * contract's start; a contract starting on 29 February has its anniversaries on 28 February.
     */
    public LocalDate contractYearStart(LocalDate day) {
        int years = java.time.Period.between(startsOn, day).getYears();
        return startsOn.plusYears(Math.max(0, years));
    }
}
