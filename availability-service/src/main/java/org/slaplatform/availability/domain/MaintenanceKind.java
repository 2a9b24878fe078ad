package org.slaplatform.availability.domain;

import org.slaplatform.policy.Exclusion;

/**
 * AVL-3: the kinds of maintenance, each an exclusion a policy may grant. An {@code UPGRADE} (a new
 * version deployed, NTF-2) is planned maintenance with its own kind, so that its announcement says so;
 * under a policy whose {@code upgradesAnnounced} is on it must be announced before it starts, however short.
 */
public enum MaintenanceKind {
    PLANNED(Exclusion.Kind.PLANNED_MAINTENANCE),
    UPGRADE(Exclusion.Kind.PLANNED_MAINTENANCE),
    EMERGENCY(Exclusion.Kind.EMERGENCY_MAINTENANCE),
    CUSTOMER_DESIGNATED(Exclusion.Kind.CUSTOMER_DESIGNATED_WINDOW);

    private final Exclusion.Kind exclusion;

    MaintenanceKind(Exclusion.Kind exclusion) {
        this.exclusion = exclusion;
    }

    public Exclusion.Kind exclusion() {
        return exclusion;
    }

    /** Planned ahead, held to the policy's notice and windows (AVL-3). */
    public boolean isPlanned() {
        return exclusion == Exclusion.Kind.PLANNED_MAINTENANCE;
    }
}
