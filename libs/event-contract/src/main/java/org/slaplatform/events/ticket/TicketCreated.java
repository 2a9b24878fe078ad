package org.slaplatform.events.ticket;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A ticket was accepted at intake (IS-TKT-1). Its clocks start from {@code createdAt} (IS-SLA-2) and
 * are judged under {@code policy} at {@code policyVersion} for the ticket's whole life (POL-3).
 *
 * @param ticketId      the ticket, also the record key
 * @param accountId     the customer account the ticket belongs to
 * @param severity      1 (Urgent-Blocker) to 4 (Low-Minor-Trivial), IS-TKT-2
 * @param subject       the ticket's subject line
 * @param channel       how it arrived: API, EMAIL or FEEDBACK
 * @param createdAt     when the customer filed it
 * @param category      DEFECT, QUESTION, FEATURE_REQUEST or CREDIT_CLAIM
 * @param policy        the policy of the account's contract at creation
 * @param policyVersion its version at creation
 * @param plan          the contract's plan at creation
 * @param timeZone      the customer's time zone at creation
 * @param flags         entitlement findings the ticket was accepted with, e.g. CHARGEABLE (ITC-TKT-6)
 */
public record TicketCreated(UUID ticketId, String accountId, int severity, String subject, String channel,
        Instant createdAt, String category, String policy, int policyVersion, String plan, String timeZone,
        List<String> flags) {

    public TicketCreated {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(createdAt, "createdAt");
        flags = flags == null ? List.of() : List.copyOf(flags);
    }
}
