package org.slaplatform.availability.repository;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class OutageRepository implements PanacheRepositoryBase<Outage, UUID> {
}
