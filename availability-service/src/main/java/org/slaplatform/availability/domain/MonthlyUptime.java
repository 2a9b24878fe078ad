package org.slaplatform.availability.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slaplatform.availability.mapping.IsoInstant;
import org.slaplatform.events.availability.MonthlyAvailability;

import com.fasterxml.jackson.annotation.JsonIgnore;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * The uptime of one instance over {@code [from, to)} (QNT-AVL-2, IS-AVL-5), minute-exact, with the
 * explanation: each run of Unavailable minutes, whether it counted and, if not, which exclusion left
 * it out.
 */
public record MonthlyUptime(Instant from, Instant to, long totalMinutes, long unavailableMinutes,
        long excludedMinutes, Map<String, Long> excludedByCause, BigDecimal uptimePercent, List<Run> explanation,
        @JsonIgnore List<MonthlyAvailability.UnavailableInterval> intervals) {

    /**
     * Consecutive Unavailable minutes with the same fate.
     *
     * @param counted true when the minutes count against the commitment
     * @param cause   {@code UNAVAILABLE} for counted minutes, else the exclusion kind that left them out
     */
    public record Run(@JsonSerialize(using = IsoInstant.Serializer.class) Instant from,
            @JsonSerialize(using = IsoInstant.Serializer.class) Instant to, long minutes, boolean counted, String cause) {
    }

    /**
     * A fingerprint of the figures and of where the Unavailable minutes lie: a correction is published
     * only when it changes (AVL-7). The intervals are part of it because claims are confirmed against
     * them (QNT-CRD-2): minutes that moved, or changed source or fate, are a correction even when the
     * totals did not change.
     */
    public String fingerprint() {
        return totalMinutes + "/" + unavailableMinutes + "/" + excludedMinutes + "/" + new java.util.TreeMap<>(excludedByCause)
                + "/" + Integer.toHexString(intervals.hashCode());
    }
}
