package org.slaplatform.events.credit;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Objects;
import java.util.UUID;

/**
 * A credit claim changed state (QNT-CRD-2): RECEIVED, then CONFIRMED or DISQUALIFIED (with the
 * reason), then CREDITED once the ledger holds its credit. Keyed by account.
 *
 * @param claimId    the claim (the ticket's id when filed as a ticket)
 * @param instanceId the affected instance, absent when the claim named none
 * @param month      the calendar month of the incidents, {@code yyyy-MM}, absent when none were given
 * @param state      RECEIVED, CONFIRMED, DISQUALIFIED or CREDITED
 * @param reason     for DISQUALIFIED: a code such as RECEIVED_TOO_LATE or FOREIGN_INSTANCE
 * @param detail     the reason in words, or how the measured month confirmed the claim
 * @param ledgerEntryId for CREDITED: the ledger entry that holds the credit
 */
public record CreditClaimDecided(UUID claimId, String accountId, String instanceId, String month, String state,
        String reason, String detail, UUID ledgerEntryId, Instant decidedAt) {

    public CreditClaimDecided {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(state, "state");
        if (month != null) {
            YearMonth.parse(month);
        }
    }
}
