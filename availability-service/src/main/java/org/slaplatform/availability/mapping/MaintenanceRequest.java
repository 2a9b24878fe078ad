package org.slaplatform.availability.mapping;

import java.time.Instant;

/**
 * AVL-3: maintenance to announce. {@code instanceId} null = every instance of the account.
 * {@code kind}: PLANNED, EMERGENCY or CUSTOMER_DESIGNATED.
 */
public record MaintenanceRequest(String accountId, String instanceId, String kind, Instant startsAt, Instant endsAt,
        String description) {
}
