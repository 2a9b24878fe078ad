package org.slaplatform.ticket.repository;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.slaplatform.ticket.domain.Release;

/** One version of a product (its policy's scheme: x.x.x.x IS-LIFE-1, x.x ITC) with its recorded milestones (IS-LIFE-1, ITC-LIFE-3). */
@Entity
@Table(name = "product_releases")
@IdClass(ProductRelease.Key.class)
public class ProductRelease {

    @Id
    @Column(name = "product_id")
    public String productId;

    @Id
    public String version;

    @Column(nullable = false)
    public int major;

    @Column(name = "general_availability")
    public LocalDate generalAvailability;

    @Column(name = "delivered_on")
    public LocalDate deliveredOn;

    @Column(name = "end_of_sales")
    public LocalDate endOfSales;

    @Column(name = "end_of_mainstream_support")
    public LocalDate endOfMainstreamSupport;

    @Column(name = "end_of_life")
    public LocalDate endOfLife;

    public Release toRelease() {
        return new Release(version, generalAvailability, deliveredOn, endOfSales, endOfMainstreamSupport, endOfLife);
    }

    public static class Key implements Serializable {
        public String productId;
        public String version;

        public Key() {
        }

        public Key(String productId, String version) {
            this.productId = productId;
            this.version = version;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(productId, k.productId) && Objects.equals(version, k.version);
        }

        @Override
        public int hashCode() {
            return Objects.hash(productId, version);
        }
    }
}
