package org.slaplatform.events.availability;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Maintenance was announced, moved or cancelled (AVL-3, IS-AVL-4, NTF-2): what notification-service
 * tells the account's contacts.
 *
 * @param maintenanceId    the maintenance
 * @param accountId        the account, also the record key
 * @param instanceIds      the instances it affects
 * @param kind             PLANNED, UPGRADE (a new version deployed, NTF-2), EMERGENCY or CUSTOMER_DESIGNATED
 * @param revision         1 for the first announcement, one more for each move or the cancellation
 * @param status           ANNOUNCED, MOVED or CANCELLED
 * @param announcedAt      when this revision was announced
 * @param startsAt         first instant of the window
 * @param endsAt           end of the window (exclusive)
 * @param excluded         whether its downtime will be excluded from uptime under the policy
 * @param reasons          why it will not be excluded (notice short, outside the allowed window); empty when excluded
 * @param policy           the account's policy
 * @param policyVersion    the version the maintenance is judged under (POL-3)
 */
public record MaintenanceAnnounced(String maintenanceId, String accountId, List<String> instanceIds, String kind,
        int revision, String status, Instant announcedAt, Instant startsAt, Instant endsAt, boolean excluded,
        List<String> reasons, String policy, int policyVersion) {

    public MaintenanceAnnounced {
        Objects.requireNonNull(maintenanceId, "maintenanceId");
        Objects.requireNonNull(accountId, "accountId");
        instanceIds = instanceIds == null ? List.of() : List.copyOf(instanceIds);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
