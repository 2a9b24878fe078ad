package org.slaplatform.ticket.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;


import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ProductReleaseRepository implements PanacheRepositoryBase<ProductRelease, ProductRelease.Key> {

    public Uni<List<ProductRelease>> ofProduct(String productId) {
        return list("productId = ?1 order by major, version", productId);
    }

    /** Every release of the product (a product's releases are replaced as a whole). */
    public Uni<Long> deleteOfProduct(String productId) {
        return delete("productId", productId);
    }

    /** {@link #ofProduct(String)} on the reactive SQL client of the intake's transaction. */
    public Uni<List<ProductRelease>> ofProduct(SqlClient client, String productId) {
        return client.preparedQuery("select product_id, version, major, general_availability, delivered_on, end_of_sales,"
                + " end_of_mainstream_support, end_of_life from product_releases where product_id = $1"
                + " order by major, version").execute(Tuple.of(productId)).map(rows -> {
                    List<ProductRelease> list = new java.util.ArrayList<>();
                    rows.forEach(row -> list.add(release(row)));
                    return list;
                });
    }

    private static ProductRelease release(Row row) {
        ProductRelease release = new ProductRelease();
        release.productId = row.getString("product_id");
        release.version = row.getString("version");
        release.major = row.getInteger("major");
        release.generalAvailability = row.getLocalDate("general_availability");
        release.deliveredOn = row.getLocalDate("delivered_on");
        release.endOfSales = row.getLocalDate("end_of_sales");
        release.endOfMainstreamSupport = row.getLocalDate("end_of_mainstream_support");
        release.endOfLife = row.getLocalDate("end_of_life");
        return release;
    }
}
