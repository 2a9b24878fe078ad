package org.slaplatform.credit.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.credit.domain.Money;
import org.slaplatform.credit.domain.SupportFeeSchedule;
import org.slaplatform.credit.repository.CreditStore;
import org.slaplatform.credit.repository.CreditStore.SupportTerms;
import org.slaplatform.policy.Plan;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.runtime.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * ITC-CRD-8 on the account: the support fee of each contract year, a share of the licence price the
 * contract names (contracts.v1), with the percentages of the account's plan in its policy and one
 * HALF_EVEN rounding to the currency's minor unit (CRD-6). POL-3: a contract year is priced under the
 * policy version in force on its first day (a later version never re-prices a year begun before it,
 * nor prices one before its effective date); an upgrade under the version in force today.
 */
@ApplicationScoped
public class SupportFeeStatements {

    /** No contract runs for a century; a larger year is a mistake, not a question. */
    static final int MAX_CONTRACT_YEAR = 100;

    private final CreditStore store;
    private final PolicyBook policies;
    private final Clock clock;

    SupportFeeStatements(CreditStore store, PolicyBook policies, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.clock = clock;
    }

    /** One contract year's fee: its dates, percentage, amount and the sentence that explains it. */
    public record YearFee(int contractYear, LocalDate from, LocalDate to, BigDecimal percent, BigDecimal amount,
            String currency, String explanation) {
    }

    /**
     * The account's support fees: every contract year from the first to the current one (today in the
     * account's time zone), and what an upgrade to the next major version costs.
     */
    public record Statement(String accountId, String policy, String plan, LocalDate startsOn, LocalDate endsOn,
            BigDecimal licencePrice, String currency, int currentContractYear, List<YearFee> years,
            YearFee majorUpgrade) {
    }

    public Uni<Statement> statement(String accountId) {
        return terms(accountId).map(t -> {
            LocalDate today = LocalDate.now(clock.withZone(t.terms().zone()));
            int current = today.isBefore(t.terms().startsOn()) ? 0
                    : SupportFeeSchedule.contractYear(t.terms().startsOn(), today);
            List<YearFee> years = new ArrayList<>();
            for (int year = 1; year <= Math.max(1, Math.min(current, MAX_CONTRACT_YEAR)); year++) {
                years.add(year(t, year));
            }
            SupportFeeSchedule.SupportFee upgrade = SupportFeeSchedule.majorUpgrade(t.planOn(today).supportFees(),
                    t.price());
            return new Statement(accountId, t.terms().policy(), t.planOn(today).name(), t.terms().startsOn(), t.terms().endsOn(),
                    t.price().amount(), t.price().currency().getCurrencyCode(), current, years,
                    new YearFee(0, null, null, upgrade.percent(), upgrade.amount().amount(),
                            upgrade.amount().currency().getCurrencyCode(), upgrade.explanation()));
        });
    }

    public Uni<YearFee> forYear(String accountId, int contractYear) {
        if (contractYear < 1 || contractYear > MAX_CONTRACT_YEAR) {
            throw ProblemException.badRequest("contractYear", "must be between 1 and " + MAX_CONTRACT_YEAR
                    + ", was " + contractYear);
        }
        return terms(accountId).map(t -> year(t, contractYear));
    }

    private record Priced(SupportTerms terms, PolicyBook policies, Money price) {

        /** The account's plan in the policy version in force on {@code day} (POL-3). */
        Plan planOn(LocalDate day) {
            Policy policy = policies.inForce(terms.policy(), day);
            return policy.plan(terms.plan()).filter(p -> p.supportFees() != null)
                    .orElseThrow(() -> ProblemException.notFound("support fees of account " + terms.accountId()
                            + ": plan " + terms.plan() + " of policy " + terms.policy() + " version " + policy.version()
                            + " defines no support fees (ITC-CRD-8)"));
        }
    }

    private static YearFee year(Priced t, int contractYear) {
        LocalDate from = t.terms().startsOn().plusYears(contractYear - 1L);
        LocalDate to = t.terms().startsOn().plusYears(contractYear).minusDays(1);
        Plan plan = t.planOn(from);
        int version = t.policies().inForce(t.terms().policy(), from).version();
        SupportFeeSchedule.SupportFee fee = SupportFeeSchedule.forYear(plan.supportFees(), t.price(), contractYear);
        return new YearFee(contractYear, from, to, fee.percent(), fee.amount().amount(),
                fee.amount().currency().getCurrencyCode(), fee.explanation() + "; contract year " + contractYear
                        + " runs " + from + " to " + to + " (years count from the contract's start " + t.terms().startsOn()
                        + "), plan " + plan.name() + " of policy " + t.terms().policy() + " version " + version);
    }

    private Uni<Priced> terms(String accountId) {
        return Panache.withSession(() -> store.supportTerms(accountId)).map(found -> {
            SupportTerms terms = found.orElseThrow(() -> ProblemException.notFound("account " + accountId));
            if (!policies.knows(terms.policy())) {
                throw ProblemException.notFound("support fees of account " + accountId + ": policy " + terms.policy()
                        + " is not known here");
            }
            Priced priced = new Priced(terms, policies, terms.licencePrice() == null ? null
                    : new Money(terms.licencePrice(), Currency.getInstance(terms.licenceCurrency())));
            priced.planOn(LocalDate.now(clock.withZone(terms.zone()))); // a plan without fees is a 404 first
            if (terms.licencePrice() == null || terms.startsOn() == null) {
                throw ProblemException.notFound("support fees of account " + accountId
                        + ": the contract names no licence price (ITC-CRD-8: the fees are a share of it)");
            }
            return priced;
        });
    }
}
