package org.slaplatform.availability.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.availability.domain.MonthResult;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class MonthResultRepository implements PanacheRepositoryBase<MonthResult, MonthResult.Key> {
}
