package org.slaplatform.ticket.domain;

import java.time.LocalDate;

/** One product version and the milestones an admin recorded for it; absent dates are not known. */
public record Release(String version, LocalDate generalAvailability, LocalDate deliveredOn, LocalDate endOfSales,
        LocalDate endOfMainstreamSupport, LocalDate endOfLife) {

    public ReleaseVersion parsed() {
        return ReleaseVersion.parse(version);
    }
}
