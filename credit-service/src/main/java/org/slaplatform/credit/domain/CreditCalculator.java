package org.slaplatform.credit.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Currency;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.policy.CreditScheme;
import org.slaplatform.policy.CreditTier;
import org.slaplatform.policy.Plan;
import org.slaplatform.policy.Policy;

/**
 * Turns one account's measured month into money (QNT-CRD-1, IS-CRD-4, CRD-6): at most one credit per
 * account and month, over all its instances ({@link AccountMonth}), a share of the month's part of
 * the billing cycle's charges and never more than that part. Pure: no clock, no database; every
 * figure it uses is in the explanation it returns.
 */
public final class CreditCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private CreditCalculator() {
    }

    /** An account with one instance: that instance's month decides. */
    public static CreditDecision decide(Policy policy, MonthlyAvailability month, AccountCharges charges) {
        return decide(policy, AccountMonth.of(month), charges);
    }

    /**
     * @param charges the account's recurring charges and currency, from its contract; one-time fees
     *                are never part of them (QNT-CRD-1)
     */
    public static CreditDecision decide(Policy policy, AccountMonth month, AccountCharges charges) {
        YearMonth ym = YearMonth.parse(month.month());
        Currency currency = charges.currency();
        Optional<CreditScheme> scheme = policy.credits();
        // CRD-6: the policy's rounding (credits.rounding), scale and mode; a policy without credits earns nothing.
        RoundingMode mode = scheme.map(s -> s.rounding().mode()).orElse(RoundingMode.HALF_EVEN);
        int policyScale = scheme.map(s -> s.rounding().scale()).orElse(Math.max(0, currency.getDefaultFractionDigits()));
        int scale = Money.effectiveScale(policyScale, currency);
        int minor = Math.max(0, currency.getDefaultFractionDigits());
        String rounding = mode + " to " + scale + " decimals (policy rounding scale " + policyScale
                + (policyScale > minor ? ", at most the " : ", ") + currency.getCurrencyCode() + " minor unit " + minor
                + "), once, on the final amount";
        BigDecimal commitment = policy.plan(month.plan()).map(Plan::uptimeCommitment).orElse(month.commitment());
        String minutes = ym + " has " + month.totalMinutes() + " minutes, " + month.unavailableMinutes()
                + " Unavailable, " + month.excludedMinutes() + " excluded" + causes(month) + "; "
                + (month.combined() ? "account uptime " : "uptime ") + month.uptimePercent().toPlainString() + " %"
                + (month.combined() ? " (" + month.reading() + ")" : "");
        if (scheme.isEmpty() || commitment == null || month.uptimePercent().compareTo(commitment) >= 0) {
            String why = scheme.isEmpty() || commitment == null ? "the policy makes no commitment that earns credits"
                    : "commitment " + commitment.toPlainString() + " % met";
            return none(month, charges, rounding, commitment, minutes + ": " + why + ", no credit");
        }
        return switch (scheme.get().kind()) {
            case TIERED_PERCENTAGE -> tiered(policy, scheme.get(), ym, month, charges, commitment, scale, mode,
                    rounding, minutes);
            case DAY_OF_FEES_PER_HOUR -> perHour(scheme.get(), ym, month, charges, commitment, scale, mode,
                    rounding, minutes);
        };
    }

    // QNT-CRD-1: a share of the month's part of the cycle's recurring charges, one-time payments excluded.
    private static CreditDecision tiered(Policy policy, CreditScheme scheme, YearMonth ym, AccountMonth month,
            AccountCharges charges, BigDecimal commitment, int scale, RoundingMode mode, String rounding, String minutes) {
        CreditTier tier = policy.creditTierFor(month.uptimePercent(), month.plan())
                .orElseThrow(() -> new IllegalStateException("no credit tier holds " + month.uptimePercent()));
        boolean excluded = scheme.oneTimeFeesExcluded();
        BigDecimal basis = charges.monthPart(ym, excluded);
        BigDecimal share = basis.multiply(tier.percent()).divide(HUNDRED);
        BigDecimal unrounded = share.min(basis);
        Money amount = new Money(unrounded, charges.currency()).rounded(scale, mode);
        BigDecimal oneTime = charges.oneTimeFeesInCycle(ym);
        String of = charges.cycle() == BillingCycle.MONTHLY && (excluded || oneTime.signum() == 0)
                ? basis.toPlainString() + " " + charges.currencyCode() + " recurring charges of the monthly cycle"
                : basis.toPlainString() + " " + charges.currencyCode() + ", the month's part of the "
                        + charges.cycle().name().toLowerCase() + " cycle's " + charges.cycleCharges().toPlainString() + " "
                        + charges.currencyCode() + " recurring charges"
                        + (excluded || oneTime.signum() == 0 ? "" : " + " + oneTime.toPlainString() + " "
                                + charges.currencyCode() + " one-time fees")
                        + " (/ " + charges.cycle().months() + " months)";
        String text = minutes + ", below the " + commitment.toPlainString() + " % commitment, in tier ["
                + tier.atLeast().toPlainString() + " %, " + tier.upperBound(commitment).toPlainString() + " %): "
                + tier.percent().toPlainString() + " % of " + of + oneTimeFees(excluded, oneTime, charges)
                + (share.compareTo(basis) > 0 ? ", capped at " + basis.toPlainString() + " " + charges.currencyCode() : "")
                + " = " + amount + " (QNT-CRD-1)";
        return new CreditDecision(month.accountId(), month.month(), month.revision(), amount,
                new CreditExplanation("QNT-CRD-1", month.month(), month.revision(), month.totalMinutes(),
                        month.unavailableMinutes(), month.excludedMinutes(), month.excludedByCause(),
                        month.uptimePercent(), commitment, tier.percent(), null, null, basis, unrounded,
                        amount.amount(), rounding, text));
    }

    // IS-CRD-4: one day's worth of fees for each hour, or fraction of one, that the level is missed.
    private static CreditDecision perHour(CreditScheme scheme, YearMonth ym, AccountMonth month,
            AccountCharges charges, BigDecimal commitment, int scale, RoundingMode mode, String rounding, String minutes) {
        CreditScheme.PerHour rule = scheme.perHour();
        long hours = rule.creditedHours(Duration.ofMinutes(month.unavailableMinutes()),
                Duration.ofMinutes(month.totalMinutes()), commitment);
        boolean excluded = scheme.oneTimeFeesExcluded();
        BigDecimal basis = charges.monthPart(ym, excluded);
        BigDecimal oneTime = charges.oneTimeFeesInCycle(ym);
        // IS-CRD-4 "one day's worth of fees": of the month's fees, one-time fees only when the policy counts them.
        BigDecimal monthFees = excluded ? charges.monthlyCharges() : basis;
        BigDecimal dayWorth = rule.dayWorth(monthFees, ym);
        BigDecimal earned = dayWorth.multiply(BigDecimal.valueOf(hours));
        // Days' worth of fees are a share of the month's fees: never more than that month's part (cap).
        BigDecimal unrounded = earned.min(basis);
        Money amount = new Money(unrounded, charges.currency()).rounded(scale, mode);
        String dayRule = rule.dayWorth() == CreditScheme.PerHour.DayWorth.MONTHLY_RECURRING_OVER_DAYS_IN_MONTH
                ? monthFees.toPlainString() + " / " + ym.lengthOfMonth() + " days"
                : monthFees.toPlainString() + " x 12 / 365 days";
        String text = minutes + ", below the " + commitment.toPlainString() + " % Service Level: "
                + month.unavailableMinutes() + " minutes (Downtime excluded) count as " + hours
                + " hour(s), each hour or fraction one day's worth of fees (" + dayRule + " = "
                + dayWorth.stripTrailingZeros().toPlainString() + " " + charges.currencyCode()
                + oneTimeFees(excluded, oneTime, charges) + ")"
                + (earned.compareTo(basis) > 0 ? ", capped at the month's " + basis.toPlainString() + " "
                        + charges.currencyCode() + " of fees" : "")
                + " = " + amount + " (IS-CRD-4)";
        return new CreditDecision(month.accountId(), month.month(), month.revision(), amount,
                new CreditExplanation("IS-CRD-4", month.month(), month.revision(), month.totalMinutes(),
                        month.unavailableMinutes(), month.excludedMinutes(), month.excludedByCause(),
                        month.uptimePercent(), commitment, null, hours, dayWorth, basis, unrounded,
                        amount.amount(), rounding, text));
    }

    private static CreditDecision none(AccountMonth month, AccountCharges charges, String rounding,
            BigDecimal commitment, String text) {
        Money zero = Money.zero(charges.currency());
        return new CreditDecision(month.accountId(), month.month(), month.revision(), zero,
                new CreditExplanation("NONE", month.month(), month.revision(), month.totalMinutes(),
                        month.unavailableMinutes(), month.excludedMinutes(), month.excludedByCause(),
                        month.uptimePercent(), commitment, null, null, null, charges.monthPart(), BigDecimal.ZERO,
                        zero.amount(), rounding, text));
    }

    /**
     * QNT-CRD-1 "excluding any one-time payments": the policy's credits.oneTimeFeesExcluded decides whether
     * the contract's one-time fees charged in the month's billing cycle are part of the basis.
     */
    private static String oneTimeFees(boolean excluded, BigDecimal inCycle, AccountCharges charges) {
        if (excluded) {
            return " (one-time fees excluded, credits.oneTimeFeesExcluded: true"
                    + (inCycle.signum() == 0 ? "" : ": " + inCycle.toPlainString() + " " + charges.currencyCode()
                            + " charged in the cycle left out")
                    + ")";
        }
        return " (one-time fees included, credits.oneTimeFeesExcluded: false"
                + (inCycle.signum() == 0 ? ": none charged in the cycle" : "") + ")";
    }

    private static String causes(AccountMonth month) {
        if (month.excludedByCause().isEmpty()) {
            return "";
        }
        return " (" + month.excludedByCause().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")";
    }
}
