package org.slaplatform.slatimer.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.slatimer.domain.TrackedTicket;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TrackedTicketRepository implements PanacheRepositoryBase<TrackedTicket, UUID> {
}
