package org.slaplatform.ticket.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.notification.EmailReplyRequested;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.ticket.config.ServiceName;
import org.slaplatform.ticket.domain.Category;
import org.slaplatform.ticket.domain.Channel;
import org.slaplatform.ticket.email.InboundEmail;
import org.slaplatform.ticket.repository.ContractRepository;
import org.slaplatform.ticket.repository.InboundEmailRepository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * IS-TKT-1 email channel. The sender must be a contact of exactly one account's contract: then a
 * ticket is filed and the sender is answered with its id. A sender who is no account's contact gets no
 * ticket and no reply (no anonymous tickets, no backscatter); a contact of several accounts, or one whose
 * ticket the intake rules refuse, gets no ticket and a refusal reply saying why. Replies are requested from notification-service (NTF-3) through
 * the outbox, in the same transaction. Each Message-ID is handled once, whichever way it arrives.
 */
@ApplicationScoped
public class EmailIntake {

    private static final Logger LOG = Logger.getLogger(EmailIntake.class);

    public enum Outcome { TICKET_CREATED, REFUSED }

    /** What became of a message; {@code duplicate} when it had been handled before. */
    public record Result(String messageId, Outcome outcome, UUID ticketId, String reason, boolean duplicate) {
    }

    private final Pool pool;
    private final InboundEmailRepository emails;
    private final ContractRepository contracts;
    private final TicketService tickets;
    private final Clock clock;

    EmailIntake(Pool pool, InboundEmailRepository emails, ContractRepository contracts, TicketService tickets, Clock clock) {
        this.pool = pool;
        this.emails = emails;
        this.contracts = contracts;
        this.tickets = tickets;
        this.clock = clock;
    }

    /**
     * Files (or refuses) a message already read by {@link InboundEmail#parse}, which callers run on a
     * worker thread: parsing MIME and converting HTML is CPU work that does not belong on the event loop.
     */
    public Uni<Result> receive(InboundEmail mail) {
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        // one transaction on the reactive SQL client, shared with the ticket intake (TicketService.file)
        return pool.withTransaction(connection -> emails.claim(connection, mail.messageId(), now, mail.sender())
                .chain(claimed -> claimed ? handle(connection, mail, now) : previous(connection, mail.messageId())));
    }

    private Uni<Result> handle(SqlConnection connection, InboundEmail mail, Instant now) {
        return contracts.accountsWithContact(connection, mail.sender()).chain(accounts -> {
            if (accounts.isEmpty()) {
                // no ticket and no answer: a reply to an address nobody registered would make this service a
                // backscatter source for whoever forges From headers; the outcome is recorded and logged only
                LOG.infof("email %s refused: unknown-sender (no reply sent)", mail);
                return record(connection, mail, Outcome.REFUSED, null, "unknown-sender")
                        .map(x -> new Result(mail.messageId(), Outcome.REFUSED, null, "unknown-sender", false));
            }
            if (accounts.size() > 1) {
                return refuse(connection, mail, null, now, "ambiguous-sender", mail.sender() + " is a contact of several accounts,"
                        + " so no ticket was created. Please file it through the support portal for the right account.");
            }
            String accountId = accounts.get(0);
            // IS-TKT-2: the subject's [Sev2] / [Critical] is judged on the scale of the contract's policy version
            Intake intake = new Intake(accountId, mail.subject(), mail.text(), null, Category.DEFECT, null, null,
                    null, null, null, Channel.EMAIL, mail.sender(), null, false, mail.severityMarkers());
            return tickets.file(connection, intake)
                    .chain(ticket -> record(connection, mail, Outcome.TICKET_CREATED, ticket.id, null)
                            .call(() -> reply(connection, mail, Outcome.TICKET_CREATED, ticket.id, accountId, now,
                                    "[ticket " + ticket.id + "] " + mail.subject(),
                                    "Thank you. Your request was filed as ticket " + ticket.id + " with severity "
                                            + ticket.severity + (ticket.flagList().isEmpty() ? "" : " (" + ticket.flagList() + ")")
                                            + ". Please quote the ticket id in any reply."))
                            .map(x -> new Result(mail.messageId(), Outcome.TICKET_CREATED, ticket.id, null, false)))
                    .onFailure(ProblemException.class).recoverWithUni(failure -> {
                        // a refusal decided in Java before any failed statement: the transaction is intact
                        ProblemException refusal = (ProblemException) failure;
                        return refuse(connection, mail, accountId, now, refusal.problem().type().getPath().replaceFirst(".*/", ""),
                                "No ticket was created: " + refusal.problem().detail());
                    });
        });
    }

    private Uni<Result> refuse(SqlConnection connection, InboundEmail mail, String accountId, Instant now,
            String reason, String body) {
        LOG.infof("email %s refused: %s", mail, reason);
        return record(connection, mail, Outcome.REFUSED, null, reason)
                .call(() -> reply(connection, mail, Outcome.REFUSED, null, accountId, now, "Re: " + mail.subject(), body))
                .map(x -> new Result(mail.messageId(), Outcome.REFUSED, null, reason, false));
    }

    private Uni<Integer> record(SqlConnection connection, InboundEmail mail, Outcome outcome, UUID ticketId,
            String reason) {
        return emails.recordOutcome(connection, mail.messageId(), outcome.name(), ticketId, reason);
    }

    private Uni<Void> reply(SqlConnection connection, InboundEmail mail, Outcome outcome, UUID ticketId,
            String accountId, Instant now, String subject, String body) {
        String requestId = "email-reply:" + mail.messageId();
        return Outbox.appendAll(connection, List.of(EventEnvelope.of(EventTypes.EMAIL_REPLY_REQUESTED,
                ServiceName.VALUE, requestId, now, new EmailReplyRequested(requestId, mail.sender(), subject,
                        body, mail.messageId(), outcome.name(), ticketId, accountId, now))));
    }

    private Uni<Result> previous(SqlConnection connection, String messageId) {
        return emails.handled(connection, messageId).map(handled -> new Result(messageId,
                "TICKET_CREATED".equals(handled.outcome()) ? Outcome.TICKET_CREATED : Outcome.REFUSED,
                handled.ticketId(), handled.reason(), true));
    }
}
