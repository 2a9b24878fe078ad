package org.slaplatform.ticket.mapping;

import java.time.LocalDate;
import java.util.List;

/** A product with each release's milestones and its support status on {@code on}. */
public record ProductView(String id, String name, String policy, int revision, LocalDate on, List<ReleaseView> releases,
        List<String> platforms) {

    public record ReleaseView(String version, LocalDate generalAvailability, LocalDate deliveredOn,
            LocalDate endOfSales, LocalDate endOfMainstreamSupport, LocalDate endOfLife, LocalDate supportedUntil,
            String status) {
    }
}
