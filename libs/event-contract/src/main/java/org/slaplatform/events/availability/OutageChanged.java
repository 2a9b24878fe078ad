package org.slaplatform.events.availability;

import java.time.Instant;
import java.util.Objects;

/**
 * An explicit outage of one instance was opened or closed (AVL-1), with the cause that decides
 * whether its minutes are excluded (AVL-3).
 *
 * @param outageId   the outage
 * @param instanceId the instance, also the record key
 * @param accountId  the instance's account
 * @param cause      OURS, FORCE_MAJEURE, CUSTOMER_CAUSED, THIRD_PARTY_CAUSED, INTERNET_BEYOND_DEMARCATION or SUSPENSION
 * @param startedAt  first instant of the outage
 * @param endedAt    end of the outage (exclusive), absent while it lasts
 * @param excluded   whether the account's policy excludes this cause from downtime
 * @param recordedAt when the availability service recorded this change
 */
public record OutageChanged(String outageId, String instanceId, String accountId, String cause, Instant startedAt,
        Instant endedAt, boolean excluded, Instant recordedAt) {

    public OutageChanged {
        Objects.requireNonNull(outageId, "outageId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
