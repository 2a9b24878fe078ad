package org.slaplatform.credit.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.credit.domain.AccountMonth;
import org.slaplatform.credit.domain.CreditCalculator;
import org.slaplatform.credit.domain.CreditDecision;
import org.slaplatform.credit.repository.AccountRow;
import org.slaplatform.credit.repository.CreditStore;
import org.slaplatform.credit.repository.CreditStore.DecisionRow;
import org.slaplatform.policy.Policy;

import io.smallrye.mutiny.Uni;

/**
 * Money once (QNT-CRD-1, IS-CRD-4, QNT-CRD-3): an account's month earns at most one credit, decided on
 * all its instances' latest measured months ({@link AccountMonth}). A later figure (a correction, or
 * another instance's month arriving late) re-evaluates that one credit: more money is a CORRECTION
 * decision for the difference; less money is a CORRECTION of 0.00 that says why the credit stands,
 * because no seed policy lets a credit be taken back and the ledger only grows. Runs in the caller's
 * transaction, after the account month's row is locked.
 */
@ApplicationScoped
public class AccountMonthCredits {

    /** What an account month's figures earn now. */
    public record Evaluation(AccountMonth month, CreditDecision decision) {
    }

    /** What recording an evaluation did. */
    public enum Outcome {
        /** nothing was decided before and nothing is earned */
        NOTHING,
        /** the month's first (and only) credit */
        CREDIT,
        /** a correction adding the difference */
        RAISED,
        /** the month now earns less: a 0.00 correction with the reason, the credit stands */
        HELD,
        /** the same amount as decided before */
        UNCHANGED,
        /** this revision of the month was decided before (a replay) */
        ALREADY_DECIDED
    }

    private final CreditStore store;
    private final Clock clock;

    AccountMonthCredits(CreditStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The account month's figures and credit at {@code revision} (the row must be locked by the caller). */
    public Uni<Evaluation> evaluate(AccountRow account, Policy policy, String month, int revision) {
        return store.latestMonthsOfAccount(account.accountId(), month).map(months -> {
            AccountMonth measured = AccountMonth.of(months, revision);
            return new Evaluation(measured, CreditCalculator.decide(policy, measured, account.charges()));
        });
    }

    /** Locks the account month and evaluates it at its current revision (a claim judged after the month arrived). */
    public Uni<Evaluation> lockAndEvaluate(AccountRow account, Policy policy, String month) {
        return store.lockAccountMonth(account.accountId(), month)
                .chain(revision -> evaluate(account, policy, month, revision));
    }

    /**
     * Records what the evaluation changes against what the month was given so far.
     *
     * @param claimId the confirmed claim the credit answers (QNT-CRD-2), null for a policy without claims
     */
    public Uni<Outcome> record(Evaluation evaluation, AccountRow account, UUID claimId) {
        CreditDecision decision = evaluation.decision();
        AccountMonth month = evaluation.month();
        String currency = decision.amount().currency().getCurrencyCode();
        return store.decidedSoFar(account.accountId(), month.month()).chain(soFar -> {
            BigDecimal now = decision.amount().amount();
            if (soFar == null && !decision.earnsCredit()) {
                return Uni.createFrom().item(Outcome.NOTHING);
            }
            if (soFar != null && now.compareTo(soFar) == 0) {
                return Uni.createFrom().item(Outcome.UNCHANGED);
            }
            Outcome outcome;
            BigDecimal amount;
            String explanation;
            String source = "revision " + month.revision() + " of " + month.month() + " (" + String.join(", ", month.instances())
                    + ")";
            if (soFar == null) {
                outcome = Outcome.CREDIT;
                amount = now;
                explanation = decision.explanation().text();
            } else if (now.compareTo(soFar) > 0) {
                outcome = Outcome.RAISED;
                amount = now.subtract(soFar);
                explanation = "correction of " + month.month() + " by " + source + ": the credit is now "
                        + decision.amount() + ", " + soFar.toPlainString() + " was decided before, difference "
                        + amount.toPlainString() + "; " + decision.explanation().text();
            } else {
                // QNT-CRD-3: no seed sentence lets a credit be taken back ("Service Credits will not entitle
                // you to any refund"; they are applied "only against future ... payments"), and the ledger
                // only grows: the credit decided stands and the lower figure is recorded with its reason.
                outcome = Outcome.HELD;
                amount = BigDecimal.ZERO.setScale(decision.amount().amount().scale());
                explanation = "correction of " + month.month() + " by " + source + ": the month now earns "
                        + decision.amount() + ", " + soFar.toPlainString() + " " + currency + " was decided before; "
                        + "a credit is never taken back (QNT-CRD-3), so it stands and this adjustment is "
                        + amount.toPlainString() + " " + currency + "; " + decision.explanation().text();
            }
            DecisionRow row = new DecisionRow(UUID.randomUUID(), account.accountId(), null, month.month(),
                    month.revision(), outcome == Outcome.CREDIT ? "CREDIT" : "CORRECTION", amount, currency,
                    decision.explanation().rule(), explanation, outcome == Outcome.CREDIT ? claimId : null);
            return store.recordDecision(row, YearMonth.from(clock.instant().atZone(account.zone())).toString())
                    .map(recorded -> recorded ? outcome : Outcome.ALREADY_DECIDED);
        });
    }
}
