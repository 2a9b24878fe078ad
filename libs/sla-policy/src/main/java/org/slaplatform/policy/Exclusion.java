package org.slaplatform.policy;

/**
 * AVL-3: downtime that does not count against the commitment. Planned maintenance counts as
 * excluded only when it keeps the policy's {@link MaintenanceRules} (notice and window).
 */
public record Exclusion(Kind kind, String rule, String note) {

    public enum Kind {
        PLANNED_MAINTENANCE, EMERGENCY_MAINTENANCE, CUSTOMER_DESIGNATED_WINDOW, FORCE_MAJEURE,
        INTERNET_BEYOND_DEMARCATION, CUSTOMER_CAUSED, THIRD_PARTY_CAUSED, SUSPENSION
    }
}
