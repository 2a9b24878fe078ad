package org.slaplatform.ticket.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A product of the vendor; its versions are judged under the vendor's policy (IS-LIFE-2, ITC-LIFE-3). */
@Entity
@Table(name = "products")
public class Product {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String policy;

    @Column(nullable = false)
    public int revision;

    /** IS-TKT-5 the supported platforms, comma-separated (a platform id holds no comma); empty while not recorded. */
    @Column(nullable = false)
    public String platforms = "";

    public java.util.List<String> platformList() {
        return platforms == null || platforms.isEmpty() ? java.util.List.of() : java.util.List.of(platforms.split(","));
    }

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
