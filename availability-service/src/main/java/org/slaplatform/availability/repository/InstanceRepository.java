package org.slaplatform.availability.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.availability.domain.ServiceInstance;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class InstanceRepository implements PanacheRepositoryBase<ServiceInstance, String> {
}
