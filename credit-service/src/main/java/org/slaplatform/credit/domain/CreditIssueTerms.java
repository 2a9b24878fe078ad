package org.slaplatform.credit.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slaplatform.policy.CreditScheme;

/**
 * QNT-CRD-3: how a confirmed credit is given, as the policy's {@code credits.issue} says. Pure.
 *
 * <ul>
 * <li>{@code withinBillingCycles} N: a credit confirmed in month M is due by the end of the N-th billing
 * cycle after the cycle M falls in (monthly, N = 1: a March credit by 30 April 23:59:59 UTC; quarterly: a
 * February credit by 30 June), the deadline of {@code credit_settlements_overdue}. A policy without it
 * (InfoStretch) promises no date: the platform's own due date applies, the start of M+1 plus
 * {@code credit.settlement.overdue-after}, the schedule settling every earlier month at once.</li>
 * <li>{@code onlyAgainstFuturePayments}, {@code refundable}, {@code transferable}: the ledger shows them with
 * the balance; credit-service has no refund, no cash payout and no transfer between accounts at all, so
 * none of them can be asked for (docs/credit-service.md).</li>
 * </ul>
 *
 * @param withinBillingCycles null when the policy sets no deadline
 */
public record CreditIssueTerms(Integer withinBillingCycles, boolean onlyAgainstFuturePayments, boolean refundable,
        boolean transferable) {

    /** The terms of a policy's credits; a policy without {@code credits.issue} promises none of them. */
    public static CreditIssueTerms of(Optional<CreditScheme> credits) {
        return credits.map(CreditScheme::issue).map(i -> new CreditIssueTerms(i.withinBillingCycles(),
                i.onlyAgainstFuturePayments(), i.refundable(), i.transferable()))
                .orElse(new CreditIssueTerms(null, false, false, false));
    }

    /**
     * QNT-CRD-3: the first instant a credit confirmed in {@code confirmed} is late, for an account billed
     * every {@code cycle}: the policy's deadline, else the platform's (start of the next month, UTC, plus
     * {@code platformGrace}).
     */
    public Instant deadline(YearMonth confirmed, BillingCycle cycle, Duration platformGrace) {
        if (withinBillingCycles == null) {
            return confirmed.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(platformGrace);
        }
        return cycle.firstMonthAfterNthCycleAfter(confirmed, withinBillingCycles).atDay(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
    }

    /** What the statement says of the balance, quoting the policy's keys. */
    public String text() {
        List<String> parts = new ArrayList<>();
        if (withinBillingCycles != null) {
            parts.add("a confirmed credit is issued within " + withinBillingCycles
                    + " billing cycle(s) after the month of confirmation (credits.issue.withinBillingCycles: "
                    + withinBillingCycles + ")");
        }
        parts.add(onlyAgainstFuturePayments
                ? "the balance is applied only against future invoices (credits.issue.onlyAgainstFuturePayments: true)"
                : "the policy does not limit the balance to future invoices (credits.issue.onlyAgainstFuturePayments: false)");
        parts.add(refundable
                ? "the policy allows a refund, which credit-service does not pay: ask the account manager (credits.issue.refundable: true)"
                : "it is never refunded or paid out in cash (credits.issue.refundable: false)");
        parts.add(transferable
                ? "the policy allows a transfer to another account, which credit-service does not make (credits.issue.transferable: true)"
                : "it is never transferred or applied to another account (credits.issue.transferable: false)");
        return String.join("; ", parts) + " (QNT-CRD-3)";
    }
}
