package org.slaplatform.credit.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.credit.domain.AccountCharges;
import org.slaplatform.credit.domain.CreditIssueTerms;
import org.slaplatform.credit.repository.AccountRow;
import org.slaplatform.credit.repository.CreditStore;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.credit.CreditAdjusted;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.runtime.problem.ProblemException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The credit ledger (QNT-CRD-3): entries are only added. The balance is what future invoices may
 * draw on; there is no refund, no cash payout and no transfer to another account, so none exists here,
 * and the statement states the policy's terms ({@code credits.issue}) beside the balance.
 */
@ApplicationScoped
public class Ledger {

    /** An administrator may add at most a year of the account's recurring charges in one adjustment. */
    static final int MAX_ADJUSTMENT_MONTHS = 12;

    private final CreditStore store;
    private final Events events;
    private final Clock clock;
    private final PolicyBook policies;

    Ledger(CreditStore store, Events events, Clock clock, PolicyBook policies) {
        this.store = store;
        this.events = events;
        this.clock = clock;
        this.policies = policies;
    }

    /**
     * @param terms what the balance may be used for (QNT-CRD-3), from the policy in force today
     * @param use   the terms in one sentence quoting the policy's keys
     */
    public record Statement(String accountId, String currency, BigDecimal balance, CreditIssueTerms terms, String use,
            List<CreditStore.EntryRow> entries) {
    }

    public Uni<Statement> statement(String accountId) {
        return Panache.withSession(() -> store.account(accountId).chain(account -> {
            if (account.isEmpty()) {
                throw ProblemException.notFound("credit ledger of account " + accountId);
            }
            AccountRow row = account.get();
            CreditIssueTerms terms = policies.knows(row.policy())
                    ? CreditIssueTerms.of(policies.inForce(row.policy(), clock.instant().atZone(row.zone()).toLocalDate()).credits())
                    : CreditIssueTerms.of(java.util.Optional.empty());
            return store.entries(accountId).map(entries -> new Statement(accountId,
                    row.currency().getCurrencyCode(),
                    entries.stream().map(CreditStore.EntryRow::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                            .setScale(Math.max(0, row.currency().getDefaultFractionDigits())),
                    terms, terms.text(), entries));
        }));
    }

    /**
     * The amount as written back in a refusal: plain digits while that is short, otherwise scientific
     * notation, so that an absurd exponent (1e999999999) never turns into a billion-digit string.
     */
    static String shown(BigDecimal amount) {
        int digitsBeforePoint = amount.precision() - amount.scale();
        return digitsBeforePoint > 40 || amount.scale() > 40 ? amount.toString() : amount.toPlainString();
    }

    /**
     * An administrator's adjustment, a new entry, never an edit. The request's own constraints (a
     * positive amount, a reason) hold already ({@code AdjustmentRequest}); this checks it against the account.
     */
    public Uni<CreditStore.EntryRow> adjust(String accountId, BigDecimal amount, String currency, String reason,
            String actor) {
        return Panache.withTransaction(() -> store.account(accountId).chain(found -> {
            AccountRow account = found.orElseThrow(() -> ProblemException.notFound("account " + accountId));
            String code = account.currency().getCurrencyCode();
            if (currency == null || !currency.equals(code)) {
                throw ProblemException.badRequest("currency", "must be the account's currency " + code + ", was " + currency);
            }
            int minor = Math.max(0, account.currency().getDefaultFractionDigits());
            if (amount.scale() > minor && amount.stripTrailingZeros().scale() > minor) {
                throw ProblemException.badRequest("amount", "has more than " + minor + " decimal places of " + code);
            }
            BigDecimal ceiling = new AccountCharges(account.monthlyCharges(), account.currency(), account.cycle())
                    .monthlyCharges().multiply(BigDecimal.valueOf(MAX_ADJUSTMENT_MONTHS));
            if (amount.compareTo(ceiling) > 0) {
                throw ProblemException.badRequest("amount", shown(amount) + " " + code
                        + " exceeds a year of the account's recurring charges (" + ceiling.toPlainString() + " " + code + ")");
            }
            Instant now = clock.instant();
            UUID entryId = UUID.randomUUID();
            BigDecimal scaled = amount.setScale(minor);
            return store.addEntry(entryId, accountId, "MANUAL", null, null, null, null, scaled, code, null,
                    reason.strip(), null, actor, now)
                    .chain(() -> events.publish(EventTypes.CREDIT_ADJUSTED, accountId, now, new CreditAdjusted(entryId,
                            accountId, "MANUAL", null, null, null, scaled, code, reason.strip(), actor, now)))
                    .replaceWith(new CreditStore.EntryRow(entryId, "MANUAL", null, null, null, null, scaled, code, null,
                            reason.strip(), null, actor, now.toString()));
        }));
    }
}
