package org.slaplatform.ticket.service;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.ticket.domain.Channel;
import org.slaplatform.ticket.domain.Ticket;
import org.slaplatform.ticket.domain.TicketState;
import org.slaplatform.ticket.mapping.NewTicket;
import org.slaplatform.ticket.repository.TicketRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TicketService {

    static final String SERVICE = "ticket-service";
    private static final Logger LOG = Logger.getLogger(TicketService.class);

    private final TicketRepository tickets;
    private final Outbox outbox;
    private final Clock clock;

    TicketService(TicketRepository tickets, Outbox outbox, Clock clock) {
        this.tickets = tickets;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Files a ticket and its {@code ticket.created} event in one transaction (IS-TKT-1). */
    public Uni<Ticket> create(NewTicket request, Caller caller, Channel channel) {
        String accountId = caller.accountForWrite(request.accountId());
        // PostgreSQL keeps microseconds: the API and the event show what is stored.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID();
        ticket.accountId = accountId;
        ticket.subject = request.subject().strip();
        ticket.description = request.description() == null ? "" : request.description();
        ticket.severity = request.severity().shortValue();
        ticket.state = TicketState.NEW;
        ticket.channel = channel;
        ticket.createdBy = caller.name();
        ticket.createdAt = now;
        ticket.updatedAt = now;
        TicketCreated created = new TicketCreated(ticket.id, accountId, ticket.severity, ticket.subject,
                channel.name(), now);
        return Panache.withTransaction(() -> tickets.persist(ticket)
                .call(() -> outbox.append(EventEnvelope.of(EventTypes.TICKET_CREATED, SERVICE, ticket.id.toString(),
                        now, created))))
                .invoke(() -> LOG.infof("ticket %s filed for account %s, severity %d, by %s", ticket.id, accountId,
                        ticket.severity, channel));
    }

    /** The ticket, if the caller may see it; otherwise a 404 that does not tell whether it exists. */
    public Uni<Ticket> find(UUID id, Caller caller) {
        return Panache.withSession(() -> tickets.findById(id))
                .map(ticket -> {
                    if (ticket == null || !caller.maySee(ticket.accountId)) {
                        throw ProblemException.notFound("ticket " + id);
                    }
                    return ticket;
                });
    }
}
