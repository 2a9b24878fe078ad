package org.slaplatform.credit.service;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.credit.domain.TerminationJudge;
import org.slaplatform.credit.repository.AccountRow;
import org.slaplatform.credit.repository.CreditStore;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.credit.TerminationRightGranted;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyBook;

import io.smallrye.mutiny.Uni;

/**
 * What one measured month (MonthlyAvailability, any version, of one instance) decides: a termination
 * right (IS-CRD-5), the confirmation of waiting claims (QNT-CRD-2), and the credit of the account's
 * month (QNT-CRD-1, IS-CRD-4), one per account and month over all its instances
 * ({@link AccountMonthCredits}). A later figure re-evaluates that credit, never adds a second one.
 * Runs in the consumer's transaction.
 */
@ApplicationScoped
public class MonthDecisions {

    private static final Logger LOG = Logger.getLogger(MonthDecisions.class);

    private final CreditStore store;
    private final PolicyBook policies;
    private final ClaimDesk claims;
    private final AccountMonthCredits credits;
    private final Events events;
    private final Clock clock;

    MonthDecisions(CreditStore store, PolicyBook policies, ClaimDesk claims, AccountMonthCredits credits, Events events,
            Clock clock) {
        this.store = store;
        this.policies = policies;
        this.claims = claims;
        this.credits = credits;
        this.events = events;
        this.clock = clock;
    }

    public Uni<Void> apply(MonthlyAvailability month) {
        return store.recordMonth(month).chain(first -> !first ? Uni.createFrom().voidItem() : decide(month));
    }

    /**
     * Applies an account's contract (DESIGN-2: only a strictly newer revision changes anything) and,
     * when it was applied, decides the months waiting for it ({@link #afterContract}); an older or
     * repeated revision reads nothing more.
     */
    public Uni<Void> applyContract(ContractChanged contract) {
        return store.applyContract(contract).chain(applied -> applied ? afterContract(contract.accountId())
                : Uni.createFrom().voidItem());
    }

    /**
     * contracts.v1 and availability.v1 are separate topics, so an account's measured months can arrive
     * before its contract: they are kept, and the contract, when it is applied, decides every month of
     * the account that has no decision yet (each instance month's latest version, as if it arrived now).
     */
    private Uni<Void> afterContract(String accountId) {
        return store.undecidedMonths(accountId).chain(months -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (MonthlyAvailability month : months) {
                chain = chain.chain(() -> decide(month));
            }
            return chain;
        });
    }

    private Uni<Void> decide(MonthlyAvailability month) {
        // The account month's row lock: another instance's month of this account waits for this one.
        return store.nextAccountMonthRevision(month.accountId(), month.month()).chain(revision -> store
                .account(month.accountId()).chain(account -> {
                    if (account.isEmpty()) {
                        // Kept: the contract decides the month when it arrives (afterContract).
                        LOG.warnf("month %s of instance %s: account %s has no contract yet, decided when it arrives",
                                month.month(), month.instanceId(), month.accountId());
                        return Uni.createFrom().voidItem();
                    }
                    // POL-3: the month is priced under the policy version it closed under, not the current one.
                    Policy policy = policies.version(month.policy(), month.policyVersion());
                    return termination(month, policy, account.get())
                            .chain(() -> credits.evaluate(account.get(), policy, month.month(), revision))
                            .chain(evaluation -> policy.claims().isPresent()
                                    ? byClaims(month, evaluation, account.get())
                                    : credits.record(evaluation, account.get(), null).replaceWithVoid());
                }));
    }
    /**
     * IS-CRD-5, judged on the account's months (its instances combined, as its credits are), each on the
     * latest version of its instance months; each right is published once. The months read are every
     * window that holds this month, so a late or corrected month is judged with those after it too.
     */
    private Uni<Void> termination(MonthlyAvailability month, Policy policy, AccountRow account) {
        if (policy.termination().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        YearMonth measured = YearMonth.parse(month.month());
        int window = policy.termination().stream().mapToInt(c -> c.window() == null ? 1 : c.window()).max().orElse(1);
        return store.accountUptimes(account.accountId(), measured.minusMonths(window - 1L), measured.plusMonths(window - 1L))
                .chain(uptimes -> TerminationJudge.judge(policy.termination(), uptimes, measured)
                .map(right -> store.recordTerminationRight(account.accountId(), right.key(), now)
                        .chain(first -> !first ? Uni.createFrom().voidItem()
                                : events.publish(EventTypes.TERMINATION_RIGHT_GRANTED, account.accountId(), now,
                                        new TerminationRightGranted(account.accountId(), null, right.rule(),
                                                right.below(), right.months(), right.window(),
                                                right.monthsBelow().stream().map(YearMonth::toString).toList(),
                                                right.explanation(), now))))
                .orElse(Uni.createFrom().voidItem()));
    }

    // QNT-CRD-2: credits only for confirmed claims; waiting claims of this instance's month are judged
    // now, and once any claim of the account's month is confirmed, every later figure re-evaluates its credit.
    private Uni<Void> byClaims(MonthlyAvailability month, AccountMonthCredits.Evaluation evaluation, AccountRow account) {
        return store.waitingClaims(month.instanceId(), month.month()).chain(waiting -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (CreditStore.ClaimRow claim : waiting) {
                chain = chain.chain(() -> claims.confirm(claim, month, evaluation, account));
            }
            return chain;
        }).chain(() -> store.confirmedClaimOfAccount(account.accountId(), month.month())).chain(claim -> claim.isEmpty()
                ? Uni.createFrom().voidItem()
                : credits.record(evaluation, account, claim.get()).replaceWithVoid());
    }
}
