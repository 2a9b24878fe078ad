package org.slaplatform.slatimer.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * SLA-6 per account and month, the month counted in {@code timeZone} (the account's customer time zone
 * as its latest ticket carried it; UTC when none is known): of the targets due in the month whose
 * outcome is known (met, or breached), the share met, by severity and target; and every breach.
 */
public record MonthlySlaReport(String accountId, String month, String timeZone, List<Share> shares,
        List<Breach> breaches) {

    /** {@code percentMet} is met / decided x 100, rounded HALF_EVEN to two places; null when none decided. */
    public record Share(int severity, String target, long decided, long met, BigDecimal percentMet) {
    }

    /** A breached target: met late ({@code metAt} after {@code dueAt}) or not met by its due time. */
    public record Breach(UUID ticketId, String target, int cycle, int severity, String calendar, Instant dueAt,
            Instant metAt) {
    }
}
