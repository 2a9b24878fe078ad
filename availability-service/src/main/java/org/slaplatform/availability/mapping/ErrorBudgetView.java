package org.slaplatform.availability.mapping;

import java.math.BigDecimal;

/**
 * The current month's error budget: Unavailable minutes the month may still take before its
 * commitment is missed, and how fast it burns (1.0 = exactly as fast as the commitment allows).
 */
public record ErrorBudgetView(String instanceId, String month, BigDecimal commitment, long monthMinutes,
        long allowedMinutes, long usedMinutes, long leftMinutes, BigDecimal burnRateLastHour, BigDecimal burnRateLastDay) {
}
