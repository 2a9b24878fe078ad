package org.slaplatform.events.product;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The whole release history of one product, published on every change (compacted topic keyed by
 * product id). Milestones the policy derives (ITC-LIFE-3 EOMS and EOL) are filled in.
 *
 * @param productId the product, also the record key
 * @param policy    the vendor policy whose lifecycle rules judge its versions (IS-LIFE-2, ITC-LIFE-3)
 * @param revision  increases by one with every change
 * @param releases  every version x.x.x.x with its dates (IS-LIFE-1)
 * @param platforms the platforms the product supports (IS-TKT-5), e.g. {@code linux-x86_64}; empty when
 *                  not recorded, and then left out of the JSON, so such a record is written exactly as
 *                  before the field existed
 */
public record ProductChanged(String productId, String name, String policy, int revision, List<Release> releases,
        Instant changedAt, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> platforms) {

    public ProductChanged {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(changedAt, "changedAt");
        releases = releases == null ? List.of() : List.copyOf(releases);
        platforms = platforms == null ? List.of() : List.copyOf(platforms);
    }

    /** A product without recorded platforms: the shape every producer wrote before IS-TKT-5's platforms. */
    public ProductChanged(String productId, String name, String policy, int revision, List<Release> releases,
            Instant changedAt) {
        this(productId, name, policy, revision, releases, changedAt, List.of());
    }

    /** One version and its milestones; absent dates are not (yet) known. */
    public record Release(String version, LocalDate generalAvailability, LocalDate deliveredOn, LocalDate endOfSales,
            LocalDate endOfMainstreamSupport, LocalDate endOfLife) {
    }
}
