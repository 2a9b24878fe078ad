package org.slaplatform.availability.repository;

import jakarta.enterprise.context.ApplicationScoped;


import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class InstanceRepository implements PanacheRepositoryBase<ServiceInstance, String> {
}
