package org.slaplatform.credit.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.credit.domain.CreditCalculator;
import org.slaplatform.credit.domain.CreditDecision;
import org.slaplatform.credit.domain.TerminationJudge;
import org.slaplatform.credit.repository.AccountRow;
import org.slaplatform.credit.repository.CreditStore;
import org.slaplatform.credit.repository.CreditStore.DecisionRow;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.events.credit.TerminationRightGranted;
import org.slaplatform.policy.Policy;

import io.smallrye.mutiny.Uni;

/**
 * What one measured month (MonthlyAvailability, any version) decides: a termination right
 * (IS-CRD-5), the confirmation of waiting claims (QNT-CRD-2), and credit decisions for settlement
 * (QNT-CRD-1, IS-CRD-4). A correction after a decision adds a CORRECTION decision for the difference,
 * never an edit (CRD-7). Runs in the consumer's transaction.
 */
@ApplicationScoped
public class MonthDecisions {

    private static final Logger LOG = Logger.getLogger(MonthDecisions.class);

    private final CreditStore store;
    private final PolicyBook policies;
    private final ClaimDesk claims;
    private final Events events;
    private final Clock clock;

    MonthDecisions(CreditStore store, PolicyBook policies, ClaimDesk claims, Events events, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.claims = claims;
        this.events = events;
        this.clock = clock;
    }

    public Uni<Void> apply(MonthlyAvailability month) {
        return store.recordMonth(month).chain(first -> !first ? Uni.createFrom().voidItem()
                : store.account(month.accountId()).chain(account -> {
                    if (account.isEmpty()) {
                        // Kept: a claim or a later contract finds the month; nothing can be priced yet.
                        LOG.warnf("month %s of instance %s: account %s has no contract yet, no credit decided",
                                month.month(), month.instanceId(), month.accountId());
                        return Uni.createFrom().voidItem();
                    }
                    Policy policy = policies.get(account.get().policy());
                    return termination(month, policy, account.get())
                            .chain(() -> policy.claims().isPresent() ? byClaims(month, policy, account.get())
                                    : withoutClaims(month, policy, account.get()));
                }));
    }

    // IS-CRD-5, judged on the latest version of each month; each right is published once.
    private Uni<Void> termination(MonthlyAvailability month, Policy policy, AccountRow account) {
        if (policy.termination().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        return store.latestUptimes(month.instanceId()).chain(uptimes -> TerminationJudge
                .judge(policy.termination(), uptimes, YearMonth.parse(month.month()))
                .map(right -> store.recordTerminationRight(month.instanceId(), right.key(), account.accountId(), now)
                        .chain(first -> !first ? Uni.createFrom().voidItem()
                                : events.publish(EventTypes.TERMINATION_RIGHT_GRANTED, account.accountId(), now,
                                        new TerminationRightGranted(account.accountId(), month.instanceId(), right.rule(),
                                                right.below(), right.months(), right.window(),
                                                right.monthsBelow().stream().map(YearMonth::toString).toList(),
                                                right.explanation(), now))))
                .orElse(Uni.createFrom().voidItem()));
    }

    // QNT-CRD-2: credits only for confirmed claims; waiting claims are judged now, and a correction of
    // an already credited month adjusts it.
    private Uni<Void> byClaims(MonthlyAvailability month, Policy policy, AccountRow account) {
        return store.waitingClaims(month.instanceId(), month.month()).chain(waiting -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (CreditStore.ClaimRow claim : waiting) {
                chain = chain.chain(() -> claims.confirm(claim, month, account));
            }
            return chain;
        }).chain(() -> month.version() == 1 ? Uni.createFrom().voidItem()
                : store.confirmedClaim(month.instanceId(), month.month()).chain(claim -> claim.isEmpty()
                        ? Uni.createFrom().voidItem() : correct(month, policy, account, claim.get())));
    }

    // IS-CRD-4 and any policy without claims: the measured month decides by itself.
    private Uni<Void> withoutClaims(MonthlyAvailability month, Policy policy, AccountRow account) {
        return correct(month, policy, account, null);
    }

    private Uni<Void> correct(MonthlyAvailability month, Policy policy, AccountRow account, UUID claimId) {
        CreditDecision decision = CreditCalculator.decide(policy, month, account.charges());
        return store.decidedSoFar(account.accountId(), month.instanceId(), month.month()).chain(soFar -> {
            BigDecimal now = decision.amount().amount();
            if (soFar == null && !decision.earnsCredit()) {
                return Uni.createFrom().voidItem();
            }
            BigDecimal delta = soFar == null ? now : now.subtract(soFar);
            if (soFar != null && delta.signum() == 0) {
                return Uni.createFrom().voidItem();
            }
            String kind = soFar == null ? "CREDIT" : "CORRECTION";
            String explanation = soFar == null ? decision.explanation().text()
                    : "correction of " + month.month() + " by version " + month.version() + ": the credit is now "
                            + decision.amount() + ", " + soFar.toPlainString() + " was decided before, difference "
                            + delta.toPlainString() + "; " + decision.explanation().text();
            DecisionRow row = new DecisionRow(UUID.randomUUID(), account.accountId(), month.instanceId(), month.month(),
                    month.version(), kind, delta, decision.amount().currency().getCurrencyCode(),
                    decision.explanation().rule(), explanation, claimId);
            return store.recordDecision(row, YearMonth.from(clock.instant().atZone(account.zone())).toString())
                    .replaceWithVoid();
        });
    }
}
