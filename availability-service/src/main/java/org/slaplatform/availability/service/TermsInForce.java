package org.slaplatform.availability.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.availability.domain.ContractTerms;
import org.slaplatform.availability.mapping.InstanceView;
import org.slaplatform.availability.repository.AvailabilityReads;
import org.slaplatform.availability.repository.ServiceInstance;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.policy.Uptime;

import io.smallrye.mutiny.Uni;

/**
 * POL-3: the policy version and plan an outage, a maintenance window or a month is judged under, from
 * the account's contract history ({@code contract_terms}) and the {@link PolicyBook}.
 */
@ApplicationScoped
public class TermsInForce {

    private final AvailabilityReads reads;
    private final PolicyBook book;

    TermsInForce(AvailabilityReads reads, PolicyBook book) {
        this.reads = reads;
        this.book = book;
    }

    public PolicyBook book() {
        return book;
    }

    /** The policy version in force for the account at {@code t} (its day in {@code zone}). */
    public Uni<Policy> policyAt(String accountId, Instant t, String zone) {
        return reads.terms(accountId).map(history -> ContractTerms.policyAt(book, history, t, ZoneId.of(zone)));
    }

    /** The policy version in force now for an instance whose row holds the contract's latest terms. */
    public Policy now(ServiceInstance instance, Instant now) {
        return new ContractTerms(now, instance.contractRevision, instance.policy, instance.policyVersion, instance.plan)
                .policyOn(book, LocalDate.ofInstant(now, ZoneId.of(instance.monthZone)));
    }

    /**
     * The terms of a month: those frozen when it was first closed (AVL-7: a closed month keeps its policy
     * version and plan for every correction), else those its contract history gives.
     */
    public Uni<ContractTerms.MonthTerms> month(InstanceView instance, YearMonth month) {
        return reads.frozenMonthTerms(instance.instanceId(), month.toString()).chain(frozen -> frozen != null
                ? Uni.createFrom().item(ContractTerms.MonthTerms.frozen(book, frozen.policy(), frozen.policyVersion(), frozen.plan()))
                : reads.terms(instance.accountId()).map(history -> ContractTerms.month(book, history,
                        UptimeService.monthStart(month, instance.monthZone()),
                        UptimeService.monthStart(month.plusMonths(1), instance.monthZone()), ZoneId.of(instance.monthZone()))));
    }

    /** QNT-AVL-2: the zone whose calendar months are measured, the account's own when the policy says {@code account}. */
    public static String monthZone(Policy policy, String accountZone) {
        String zone = policy.uptime().map(Uptime::zone).orElse("account");
        return "account".equals(zone) ? accountZone : zone;
    }

    /** AVL-1: the quorum rule, a majority of reporting locations when the policy sets none. */
    public static Uptime.Quorum quorum(Policy policy) {
        return policy.uptime().map(Uptime::quorum).orElse(new Uptime.Quorum(Uptime.Quorum.Rule.MAJORITY, null));
    }
}
