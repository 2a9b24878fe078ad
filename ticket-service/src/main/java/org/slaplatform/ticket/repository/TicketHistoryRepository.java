package org.slaplatform.ticket.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class TicketHistoryRepository implements PanacheRepositoryBase<TicketHistoryEntry, Long> {

    public Uni<List<TicketHistoryEntry>> ofTicket(UUID ticketId) {
        return list("ticketId = ?1 order by id", ticketId);
    }
}
