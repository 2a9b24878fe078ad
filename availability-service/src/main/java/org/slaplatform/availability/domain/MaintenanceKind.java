package org.slaplatform.availability.domain;

import org.slaplatform.policy.Exclusion;

/** AVL-3: the three kinds of maintenance, each an exclusion a policy may grant. */
public enum MaintenanceKind {
    PLANNED(Exclusion.Kind.PLANNED_MAINTENANCE),
    EMERGENCY(Exclusion.Kind.EMERGENCY_MAINTENANCE),
    CUSTOMER_DESIGNATED(Exclusion.Kind.CUSTOMER_DESIGNATED_WINDOW);

    private final Exclusion.Kind exclusion;

    MaintenanceKind(Exclusion.Kind exclusion) {
        this.exclusion = exclusion;
    }

    public Exclusion.Kind exclusion() {
        return exclusion;
    }
}
