package org.slaplatform.events.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * ticket-service asks notification-service to answer an inbound email (IS-TKT-1, NTF-3): either the
 * ticket it created, or a refusal (unknown sender, no entitlement). Keyed by {@code requestId}.
 *
 * @param requestId derived from the inbound Message-ID, so a re-polled mail asks once
 * @param to        the sender of the inbound mail
 * @param inReplyTo the inbound Message-ID, for threading
 * @param outcome   TICKET_CREATED or REFUSED
 * @param ticketId  the created ticket, absent on a refusal
 * @param accountId the sender's account, absent for an unknown sender
 */
public record EmailReplyRequested(String requestId, String to, String subject, String body, String inReplyTo,
        String outcome, UUID ticketId, String accountId, Instant requestedAt) {

    public EmailReplyRequested {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
