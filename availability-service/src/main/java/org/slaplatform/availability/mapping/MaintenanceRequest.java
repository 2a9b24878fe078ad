package org.slaplatform.availability.mapping;

import java.time.Instant;

/**
 * AVL-3: maintenance to announce. {@code instanceId} null = every instance of the account.
 * {@code kind}: PLANNED, UPGRADE, EMERGENCY or CUSTOMER_DESIGNATED. {@code reason}: for EMERGENCY, the
 * justification an agent or admin records (IS: a failure to act immediately would lead to harm);
 * without one, emergency maintenance under such a policy is not excluded.
 */
public record MaintenanceRequest(String accountId, String instanceId, String kind, Instant startsAt, Instant endsAt,
        String description, String reason) {
}
