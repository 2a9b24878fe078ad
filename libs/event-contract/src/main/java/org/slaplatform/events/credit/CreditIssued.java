package org.slaplatform.events.credit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A credit entered the account's ledger at settlement (QNT-CRD-1, IS-CRD-4, QNT-CRD-3): applied only
 * against future invoices, never refunded, never moved to another account. Keyed by account.
 *
 * @param entryId       the ledger entry
 * @param cycle         the billing cycle whose settlement issued it, {@code yyyy-MM} (its first month)
 * @param month         the measured month the credit is for
 * @param sourceVersion the MonthlyAvailability version the amount comes from
 * @param amount        rounded once, HALF_EVEN to the currency's minor unit (CRD-6)
 * @param currency      ISO 4217
 * @param rule          QNT-CRD-1 or IS-CRD-4
 * @param explanation   minutes counted, exclusions applied, tier or hours, basis and amount (CRD-6)
 * @param claimId       the confirmed claim it answers, absent where the policy credits without claims
 */
public record CreditIssued(UUID entryId, String accountId, String instanceId, String cycle, String month,
        int sourceVersion, BigDecimal amount, String currency, String rule, String explanation, UUID claimId,
        Instant issuedAt) {

    public CreditIssued {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }
}
