package org.slaplatform.availability.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.slaplatform.policy.Plan;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyBook;

/**
 * One revision of an account's contract terms as availability needs them (POL-2, POL-3): from
 * {@code since} (the revision's {@code changedAt}) the account is under {@code policy}, at least at
 * {@code policyVersion}, on {@code plan}. The history of an account is every revision received, so an
 * outage, a maintenance window or a month is judged under the terms of when it began, never under
 * today's.
 */
public record ContractTerms(Instant since, int revision, String policy, int policyVersion, String plan) {

    /**
     * The terms in force at {@code t}: the latest revision written at or before it; before the first
     * revision received, the first (the earliest terms there are). {@code history} is ordered by
     * {@code since}, then revision, and never empty.
     */
    public static ContractTerms at(List<ContractTerms> history, Instant t) {
        ContractTerms chosen = history.get(0);
        for (ContractTerms terms : history) {
            if (!terms.since().isAfter(t)) {
                chosen = terms;
            }
        }
        return chosen;
    }

    /**
     * POL-3: the policy version in force on {@code day}: the version the book has in force that day
     * ({@code effectiveFrom}), or the contract's own version when the contract already names a newer
     * one (a contract that moved to a new version early). A vendor's new version applies from its
     * effective date: "We reserve the right to change the terms of this policy" (Quantive).
     */
    public Policy policyOn(PolicyBook book, LocalDate day) {
        Policy inForce = book.inForce(policy, day);
        return book.find(policy, policyVersion).filter(p -> p.version() > inForce.version()).orElse(inForce);
    }

    /** The policy version in force at {@code t}, whose day is taken in {@code zone}. */
    public static Policy policyAt(PolicyBook book, List<ContractTerms> history, Instant t, ZoneId zone) {
        return at(history, t).policyOn(book, LocalDate.ofInstant(t, zone));
    }

    /**
     * The terms a month is judged under (POL-3, QNT-CRD-1, IS-AVL-5).
     *
     * @param policy     the policy version in force at the month's first minute
     * @param plan       the plan whose commitment the month is held to
     * @param commitment that plan's uptime commitment in {@code policy}, null when it makes none
     */
    public record MonthTerms(Policy policy, String plan, BigDecimal commitment) {

        /** Terms frozen when the month was first closed: the same policy version and plan for every correction. */
        public static MonthTerms frozen(PolicyBook book, String policy, int version, String plan) {
            Policy p = book.version(policy, version);
            return new MonthTerms(p, plan, p.plan(plan).map(Plan::uptimeCommitment).orElse(null));
        }
    }

    /**
     * The month {@code [from, to)}: judged under the policy version in force at its first minute, and
     * held to the <b>highest</b> commitment of the plans in force during any of its minutes (a plan
     * changed mid-month: the customer had the stricter promise for part of the month, and the seed
     * promises the commitment "during any monthly ... billing cycles"). On a tie the plan in force at
     * the first minute names it. Plans the month's policy version does not know make no commitment.
     */
    public static MonthTerms month(PolicyBook book, List<ContractTerms> history, Instant from, Instant to, ZoneId zone) {
        ContractTerms first = at(history, from);
        Policy policy = first.policyOn(book, LocalDate.ofInstant(from, zone));
        String plan = first.plan();
        BigDecimal commitment = policy.plan(plan).map(Plan::uptimeCommitment).orElse(null);
        for (ContractTerms terms : history) {
            if (terms.since().isAfter(from) && terms.since().isBefore(to) && terms.policy().equals(policy.id())) {
                BigDecimal other = policy.plan(terms.plan()).map(Plan::uptimeCommitment).orElse(null);
                if (other != null && (commitment == null || other.compareTo(commitment) > 0)) {
                    plan = terms.plan();
                    commitment = other;
                }
            }
        }
        return new MonthTerms(policy, plan, commitment);
    }
}
