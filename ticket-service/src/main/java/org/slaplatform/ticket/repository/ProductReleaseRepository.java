package org.slaplatform.ticket.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.ticket.domain.ProductRelease;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ProductReleaseRepository implements PanacheRepositoryBase<ProductRelease, ProductRelease.Key> {

    public Uni<List<ProductRelease>> ofProduct(String productId) {
        return list("productId = ?1 order by major, version", productId);
    }
}
