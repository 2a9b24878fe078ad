package org.slaplatform.credit.mapping;

import java.util.UUID;

import org.slaplatform.credit.repository.CreditStore.ClaimRow;

/** A claim and where it stands: RECEIVED, CONFIRMED, DISQUALIFIED (reason, detail) or CREDITED. */
public record ClaimView(UUID claimId, String accountId, String instanceId, String month, String state, String reason,
        String detail, String source, String receivedAt, UUID ledgerEntryId) {

    public static ClaimView of(ClaimRow c) {
        return new ClaimView(c.claimId(), c.accountId(), c.instanceId(), c.month(), c.state(), c.reason(), c.detail(),
                c.source(), c.receivedAt(), c.ledgerEntryId());
    }
}
