package org.slaplatform.availability.mapping;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slaplatform.availability.domain.MonthlyUptime;

/**
 * QNT-AVL-2 / IS-AVL-5 figures of one instance and month, with the explanation. For the running
 * month, {@code to} is now and {@code totalMinutes} the minutes so far.
 */
public record UptimeView(String instanceId, String accountId, String month, String timeZone, String policy,
        int policyVersion, String plan, BigDecimal commitment, boolean met, boolean running, Instant from, Instant to,
        long totalMinutes, long unavailableMinutes, long excludedMinutes, Map<String, Long> excludedByCause,
        BigDecimal uptimePercent, List<MonthlyUptime.Run> explanation) {
}
