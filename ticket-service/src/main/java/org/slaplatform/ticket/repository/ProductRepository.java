package org.slaplatform.ticket.repository;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.ticket.domain.Product;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, String> {
}
