package org.slaplatform.events.availability;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One instance's closed month (AVL-7, QNT-AVL-2, IS-AVL-5): version 1 at month close, a higher
 * version (a correction) whenever late inputs change the figures.
 *
 * @param instanceId          the instance, also the record key
 * @param accountId           the instance's account
 * @param month               the calendar month, {@code yyyy-MM}, in {@code timeZone}
 * @param timeZone            the zone whose calendar month was measured
 * @param version             1 at close, then one more per correction
 * @param policy              the policy the month was judged under
 * @param policyVersion       its version (POL-3)
 * @param plan                the contract's plan
 * @param commitment          the plan's monthly commitment in percent, absent when the plan makes none
 * @param uptimePercent       100 minus the share of Unavailable minutes, 4 decimals, rounded down
 * @param totalMinutes        minutes in the month (DST months have 60 more or fewer)
 * @param unavailableMinutes  Unavailable minutes that count
 * @param excludedMinutes     Unavailable minutes left out by an exclusion
 * @param excludedByCause     excluded minutes per exclusion kind
 * @param met                 whether the commitment was met (true when there is none)
 * @param closedAt            when this version was computed
 * @param unavailableIntervals the runs of Unavailable minutes of the month, counted and excluded, in order
 *                            (QNT-CRD-2 confirms claimed incidents against them). Their minutes add up to
 *                            {@code unavailableMinutes + excludedMinutes}. Added after the first release:
 *                            absent or null reads as empty, so a month published before the field existed
 *                            has no intervals although it may have Unavailable minutes.
 */
// Unknown fields are ignored so that a later additive field does not make this version's consumers fail.
@JsonIgnoreProperties(ignoreUnknown = true)
public record MonthlyAvailability(String instanceId, String accountId, String month, String timeZone, int version,
        String policy, int policyVersion, String plan, BigDecimal commitment, BigDecimal uptimePercent,
        long totalMinutes, long unavailableMinutes, long excludedMinutes, Map<String, Long> excludedByCause,
        boolean met, Instant closedAt, List<UnavailableInterval> unavailableIntervals) {

    /** Where the minutes of an interval were seen Unavailable. */
    public static final String PROBES = "PROBES";
    public static final String OUTAGE = "OUTAGE";
    public static final String PROBES_AND_OUTAGE = "PROBES_AND_OUTAGE";

    public MonthlyAvailability {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(month, "month");
        excludedByCause = excludedByCause == null ? Map.of() : Map.copyOf(excludedByCause);
        unavailableIntervals = unavailableIntervals == null ? List.of() : List.copyOf(unavailableIntervals);
    }

    /** A month without intervals: the shape every producer wrote before they were added. */
    public MonthlyAvailability(String instanceId, String accountId, String month, String timeZone, int version,
            String policy, int policyVersion, String plan, BigDecimal commitment, BigDecimal uptimePercent,
            long totalMinutes, long unavailableMinutes, long excludedMinutes, Map<String, Long> excludedByCause,
            boolean met, Instant closedAt) {
        this(instanceId, accountId, month, timeZone, version, policy, policyVersion, plan, commitment, uptimePercent,
                totalMinutes, unavailableMinutes, excludedMinutes, excludedByCause, met, closedAt, null);
    }

    /** Minutes in the intervals; equal to {@code unavailableMinutes + excludedMinutes} when the producer sent them. */
    public long intervalMinutes() {
        return unavailableIntervals.stream().mapToLong(UnavailableInterval::minutes).sum();
    }

    /** Whether the intervals account for every Unavailable minute (false for a month published before they existed). */
    public boolean intervalsComplete() {
        return intervalMinutes() == unavailableMinutes + excludedMinutes;
    }

    /** The month with other intervals (e.g. none, or as stored apart from the figures). */
    public MonthlyAvailability withIntervals(List<UnavailableInterval> intervals) {
        return new MonthlyAvailability(instanceId, accountId, month, timeZone, version, policy, policyVersion, plan,
                commitment, uptimePercent, totalMinutes, unavailableMinutes, excludedMinutes, excludedByCause, met,
                closedAt, intervals);
    }

    /**
     * Consecutive Unavailable minutes of one kind: adjacent minutes with the same source, cause and
     * fate are one interval; overlapping outages count once, as in the uptime.
     *
     * @param start     first minute's start
     * @param end       exclusive: the start of the first minute after the run
     * @param source    {@code PROBES} (the probes' quorum saw it down, no explicit outage touches it),
     *                  {@code OUTAGE} (an explicit outage touches it, the probes did not see it down) or
     *                  {@code PROBES_AND_OUTAGE}
     * @param cause     the explicit outage's cause ({@code OURS}, {@code FORCE_MAJEURE}, ...); null for {@code PROBES}
     * @param excluded  true when an exclusion leaves the minutes out of the uptime
     * @param exclusion the exclusion kind that leaves them out (a key of {@code excludedByCause}); null when counted
     */
    public record UnavailableInterval(Instant start, Instant end, String source, String cause, boolean excluded,
            String exclusion) {

        public UnavailableInterval {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            Objects.requireNonNull(source, "source");
        }

        public long minutes() {
            return java.time.Duration.between(start, end).toMinutes();
        }
    }
}
