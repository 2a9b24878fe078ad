package org.slaplatform.events.claim;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A ticket whose subject holds the policy's claim marker ("SLA Credit Request") was filed: it is a
 * credit claim for credit-service to judge (QNT-TKT-10, QNT-CRD-2). Keyed by account.
 *
 * @param claimId       the claim, equal to the ticket's id
 * @param policy        the policy and version in force when the claim was filed (POL-3)
 * @param description   the ticket's text, which should name each incident and the instance (QNT-CRD-2)
 * @param instanceId    the affected instance when the ticket named one
 */
public record CreditClaimFiled(UUID claimId, UUID ticketId, String accountId, String policy, int policyVersion,
        String subject, String description, String instanceId, String channel, Instant filedAt) {

    public CreditClaimFiled {
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(filedAt, "filedAt");
    }
}
