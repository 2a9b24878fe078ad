package org.slaplatform.availability.mapping;

import java.time.Instant;
import java.util.List;

import org.slaplatform.availability.repository.Maintenance;

/**
 * Announced maintenance and whether its downtime will be excluded, with the reasons when not (AVL-3), the
 * justification of emergency maintenance, and the policy version it is judged under (POL-3).
 */
public record MaintenanceView(String id, String accountId, String instanceId, String kind, String status, int revision,
        Instant announcedAt, Instant startsAt, Instant endsAt, boolean excluded, List<String> reasons, String description,
        String justification, String policy, int policyVersion) {

    public static MaintenanceView of(Maintenance m) {
        return new MaintenanceView(m.id.toString(), m.accountId, m.instanceId, m.kind.name(), m.status.name(), m.revision,
                m.announcedAt, m.startsAt, m.endsAt, m.excluded, m.reasons.isEmpty() ? List.of() : List.of(m.reasons.split("\n")),
                m.description, m.justification, m.policy, m.policyVersion);
    }
}
