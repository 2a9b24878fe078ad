package org.slaplatform.ticket.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;


import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, String> {

    /** IS-TKT-5 the platforms a product supports, on the intake's connection; empty when none are recorded. */
    public Uni<List<String>> supportedPlatforms(SqlClient client, String productId) {
        return client.preparedQuery("select platforms from products where id = $1").execute(Tuple.of(productId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return List.of();
                    }
                    Product product = new Product();
                    product.platforms = rows.iterator().next().getString("platforms");
                    return product.platformList();
                });
    }
}
