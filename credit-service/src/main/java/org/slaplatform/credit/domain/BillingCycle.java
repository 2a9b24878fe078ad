package org.slaplatform.credit.domain;

import java.time.YearMonth;
import java.util.Locale;

/**
 * How often the customer is invoiced (ContractChanged.billingCycle). Cycles are aligned to calendar
 * months, quarters and years of the account's time zone.
 */
public enum BillingCycle {
    MONTHLY(1), QUARTERLY(3), ANNUAL(12);

    private final int months;

    BillingCycle(int months) {
        this.months = months;
    }

    public static BillingCycle parse(String value) {
        return value == null ? MONTHLY : valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public int months() {
        return months;
    }

    /** The first month of the cycle {@code month} falls in. */
    public YearMonth cycleStart(YearMonth month) {
        int index = (month.getMonthValue() - 1) / months * months;
        return YearMonth.of(month.getYear(), index + 1);
    }

    /**
     * QNT-CRD-2: the first month after the end of the {@code n}-th cycle following the cycle of
     * {@code month}; a claim must arrive before this month starts.
     */
    public YearMonth firstMonthAfterNthCycleAfter(YearMonth month, int n) {
        return cycleStart(month).plusMonths((long) months * (n + 1));
    }
}
