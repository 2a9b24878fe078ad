package org.slaplatform.slatimer.service;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.slatimer.mapping.TicketSlaView;
import org.slaplatform.slatimer.repository.TicketEventStore;
import org.slaplatform.slatimer.repository.TrackedTicket;
import org.slaplatform.slatimer.repository.TrackedTicketRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TicketTracking {

    private final TrackedTicketRepository tickets;
    private final TicketEventStore events;
    private final ClockKeeping clocks;
    private final Clock clock;

    TicketTracking(TrackedTicketRepository tickets, TicketEventStore events, ClockKeeping clocks, Clock clock) {
        this.tickets = tickets;
        this.events = events;
        this.clocks = clocks;
        this.clock = clock;
    }

    /** SLA-6: the ticket's clocks as of now, derived from its history; 404 outside the caller's account. */
    public Uni<TicketSlaView> view(UUID ticketId, Caller caller) {
        return Panache.withSession(() -> tickets.findById(ticketId).chain(ticket -> {
            if (ticket == null || !caller.maySee(ticket.accountId)) {
                throw ProblemException.notFound("SLA record of ticket " + ticketId);
            }
            return events.history(ticketId)
                    .map(history -> TicketSlaView.of(ticket, clocks.derive(history).orElse(null), clock.instant()));
        }));
    }

    public Uni<TrackedTicket> find(UUID ticketId, Caller caller) {
        return Panache.withSession(() -> tickets.findById(ticketId)).map(ticket -> {
            if (ticket == null || !caller.maySee(ticket.accountId)) {
                throw ProblemException.notFound("SLA record of ticket " + ticketId);
            }
            return ticket;
        });
    }
}
