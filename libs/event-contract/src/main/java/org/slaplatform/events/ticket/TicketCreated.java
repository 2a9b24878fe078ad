package org.slaplatform.events.ticket;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A ticket was accepted at intake (IS-TKT-1). Its clock starts from {@code createdAt} (IS-SLA-2).
 *
 * @param ticketId  the ticket, also the record key
 * @param accountId the customer account the ticket belongs to
 * @param severity  1 (Urgent-Blocker) to 4 (Low-Minor-Trivial), IS-TKT-2
 * @param subject   the ticket's subject line
 * @param channel   how it arrived: API, EMAIL or FEEDBACK
 * @param createdAt when the customer filed it
 */
public record TicketCreated(UUID ticketId, String accountId, int severity, String subject, String channel,
        Instant createdAt) {

    public TicketCreated {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
