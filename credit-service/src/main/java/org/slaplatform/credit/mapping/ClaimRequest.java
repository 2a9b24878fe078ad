package org.slaplatform.credit.mapping;

import java.time.Instant;
import java.util.List;

/**
 * A claim through the API (QNT-CRD-2). {@code incidents} may be left out when the description gives
 * the dates and times; {@code accountId} is required from admins and must be the caller's own for
 * customers.
 */
public record ClaimRequest(String accountId, String subject, String description, String instanceId,
        List<IncidentTimes> incidents) {

    public record IncidentTimes(Instant start, Instant end) {
    }
}
