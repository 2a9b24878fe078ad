package org.slaplatform.ticket.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.ticket.domain.Ticket;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TicketRepository implements PanacheRepositoryBase<Ticket, UUID> {
}
