package org.slaplatform.ticket.email;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.notification.EmailReplyRequested;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.ticket.domain.Category;
import org.slaplatform.ticket.domain.Channel;
import org.slaplatform.ticket.repository.ContractRepository;
import org.slaplatform.ticket.service.Intake;
import org.slaplatform.ticket.service.TicketService;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * IS-TKT-1 email channel. The sender must be a contact of exactly one account's contract: then a
 * ticket is filed and the sender is answered with its id; otherwise no ticket, and a refusal reply
 * saying why (no anonymous tickets). Replies are requested from notification-service (NTF-3) through
 * the outbox, in the same transaction. Each Message-ID is handled once, whichever way it arrives.
 */
@ApplicationScoped
public class EmailIntake {

    private static final Logger LOG = Logger.getLogger(EmailIntake.class);

    public enum Outcome { TICKET_CREATED, REFUSED }

    /** What became of a message; {@code duplicate} when it had been handled before. */
    public record Result(String messageId, Outcome outcome, UUID ticketId, String reason, boolean duplicate) {
    }

    private final ContractRepository contracts;
    private final TicketService tickets;
    private final Outbox outbox;
    private final Clock clock;

    EmailIntake(ContractRepository contracts, TicketService tickets, Outbox outbox, Clock clock) {
        this.contracts = contracts;
        this.tickets = tickets;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<Result> receive(byte[] raw) {
        InboundEmail mail = InboundEmail.parse(raw);
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("insert into inbound_emails (message_id, received_at, sender, outcome)"
                        + " values (:id, :at, :sender, 'PENDING') on conflict do nothing")
                        .setParameter("id", mail.messageId()).setParameter("at", now).setParameter("sender", mail.sender())
                        .executeUpdate())
                .chain(inserted -> inserted == 1 ? handle(mail, now) : previous(mail.messageId())));
    }

    private Uni<Result> handle(InboundEmail mail, Instant now) {
        return contracts.accountsWithContact(mail.sender()).chain(accounts -> {
            if (accounts.isEmpty()) {
                return refuse(mail, null, now, "unknown-sender", "We could not match " + mail.sender()
                        + " to a contact of a customer account, so no ticket was created: tickets are never anonymous."
                        + " Please file it through the support portal, or ask your administrator to add this address"
                        + " as a contact.");
            }
            if (accounts.size() > 1) {
                return refuse(mail, null, now, "ambiguous-sender", mail.sender() + " is a contact of several accounts,"
                        + " so no ticket was created. Please file it through the support portal for the right account.");
            }
            String accountId = accounts.get(0);
            Intake intake = new Intake(accountId, mail.subject(), mail.text(), mail.severity(), Category.DEFECT, null, null,
                    null, null, null, Channel.EMAIL, mail.sender());
            return tickets.file(intake)
                    .chain(ticket -> record(mail, Outcome.TICKET_CREATED, ticket.id, null)
                            .call(() -> reply(mail, Outcome.TICKET_CREATED, ticket.id, accountId, now,
                                    "[ticket " + ticket.id + "] " + mail.subject(),
                                    "Thank you. Your request was filed as ticket " + ticket.id + " with severity "
                                            + ticket.severity + (ticket.flagList().isEmpty() ? "" : " (" + ticket.flagList() + ")")
                                            + ". Please quote the ticket id in any reply."))
                            .map(x -> new Result(mail.messageId(), Outcome.TICKET_CREATED, ticket.id, null, false)))
                    .onFailure(ProblemException.class).recoverWithUni(failure -> {
                        // a refusal decided in Java before any failed statement: the transaction is intact
                        ProblemException refusal = (ProblemException) failure;
                        return refuse(mail, accountId, now, refusal.problem().type().getPath().replaceFirst(".*/", ""),
                                "No ticket was created: " + refusal.problem().detail());
                    });
        });
    }

    private Uni<Result> refuse(InboundEmail mail, String accountId, Instant now, String reason, String body) {
        LOG.infof("email %s refused: %s", mail, reason);
        return record(mail, Outcome.REFUSED, null, reason)
                .call(() -> reply(mail, Outcome.REFUSED, null, accountId, now, "Re: " + mail.subject(), body))
                .map(x -> new Result(mail.messageId(), Outcome.REFUSED, null, reason, false));
    }

    private Uni<Integer> record(InboundEmail mail, Outcome outcome, UUID ticketId, String reason) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "update inbound_emails set outcome = :outcome, ticket_id = :ticket, reason = :reason where message_id = :id")
                .setParameter("outcome", outcome.name()).setParameter("ticket", ticketId).setParameter("reason", reason)
                .setParameter("id", mail.messageId()).executeUpdate());
    }

    private Uni<Void> reply(InboundEmail mail, Outcome outcome, UUID ticketId, String accountId, Instant now,
            String subject, String body) {
        String requestId = "email-reply:" + mail.messageId();
        return outbox.append(EventEnvelope.of(EventTypes.EMAIL_REPLY_REQUESTED, TicketService.SERVICE_NAME, requestId,
                now, new EmailReplyRequested(requestId, mail.sender(), subject, body, mail.messageId(), outcome.name(),
                        ticketId, accountId, now)));
    }

    @SuppressWarnings("unchecked")
    private Uni<Result> previous(String messageId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select outcome, cast(ticket_id as text), reason from inbound_emails where message_id = :id", Object[].class)
                .setParameter("id", messageId).getSingleResult())
                .map(row -> new Result(messageId, "TICKET_CREATED".equals(row[0]) ? Outcome.TICKET_CREATED : Outcome.REFUSED,
                        row[1] == null ? null : UUID.fromString((String) row[1]), (String) row[2], true));
    }
}
