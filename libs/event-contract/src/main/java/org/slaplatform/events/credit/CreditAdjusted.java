package org.slaplatform.events.credit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A new ledger entry that corrects earlier ones, never an edit of them (CRD-7): either a
 * MonthlyAvailability correction after settlement (kind CORRECTION, the difference between the
 * corrected credit and what was issued) or an administrator's adjustment (kind MANUAL). Keyed by
 * account.
 *
 * @param kind          CORRECTION or MANUAL
 * @param instanceId    for CORRECTION: the instance
 * @param month         for CORRECTION: the measured month
 * @param sourceVersion for CORRECTION: the correcting MonthlyAvailability version
 * @param amount        positive adds to the balance, negative takes from it; rounded once (CRD-6)
 * @param reason        why, in words, with the figures before and after
 * @param actor         who made a MANUAL adjustment; {@code credit-service} for a correction
 */
public record CreditAdjusted(UUID entryId, String accountId, String kind, String instanceId, String month,
        Integer sourceVersion, BigDecimal amount, String currency, String reason, String actor, Instant adjustedAt) {

    public CreditAdjusted {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
    }
}
