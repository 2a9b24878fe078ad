package org.slaplatform.availability.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MaintenanceWindowChangeRepository implements PanacheRepositoryBase<MaintenanceWindowChange, UUID> {

    /** The change in effect at {@code at}: the latest one effective at or before it; null when none (the policy's windows). */
    public Uni<MaintenanceWindowChange> inEffect(String accountId, Instant at) {
        return find("accountId = ?1 and effectiveAt <= ?2 order by effectiveAt desc, requestedAt desc", accountId, at)
                .firstResult();
    }

    /** Changes that take effect after {@code at}, earliest first. */
    public Uni<List<MaintenanceWindowChange>> pendingAfter(String accountId, Instant at) {
        return list("accountId = ?1 and effectiveAt > ?2 order by effectiveAt, requestedAt", accountId, at);
    }
}
