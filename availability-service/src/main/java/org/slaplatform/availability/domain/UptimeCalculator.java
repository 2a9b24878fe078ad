package org.slaplatform.availability.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slaplatform.events.availability.MonthlyAvailability.UnavailableInterval;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.policy.Exclusion;
import org.slaplatform.policy.calendar.InstantRange;

/**
 * QNT-AVL-2: 100 % minus the share of the period's minutes in which the instance was Unavailable,
 * excluded minutes left out. One bit per minute, so overlapping outages and probe minutes count once.
 *
 * <p>Readings (docs/availability-service.md): a minute an outage of ours touches at all is
 * Unavailable; an exclusion (excluded outage cause, excluded maintenance) removes only minutes it
 * covers wholly, and never a minute that an outage of ours also touches. Excluded minutes leave the
 * numerator, not the denominator: the month keeps all its minutes, as the seed text says
 * ("percentage of minutes during the month"). The percentage has 4 decimals, rounded down, so that
 * rounding never lifts a month over its commitment.
 */
public final class UptimeCalculator {

    /** The cause of a counted minute in the explanation. */
    public static final String UNAVAILABLE = "UNAVAILABLE";

    /**
     * An explicit outage's span, its cause (e.g. {@code OURS}, {@code FORCE_MAJEURE}) and, when the
     * policy excludes that cause, the exclusion.
     */
    public record OutageSpan(InstantRange range, Exclusion.Kind exclusion, String cause) {

        /** An outage whose cause is its exclusion's name, or {@code OURS} when it has none. */
        public OutageSpan(InstantRange range, Exclusion.Kind exclusion) {
            this(range, exclusion, exclusion == null ? "OURS" : exclusion.name());
        }
    }

    /** Time an exclusion covers (e.g. maintenance that kept the policy's notice and window). */
    public record ExcludedSpan(InstantRange range, Exclusion.Kind kind) {
    }

    /** What a period's figures are made of. {@code downMinutes} are minute starts the probes' quorum saw down (AVL-1). */
    public record Inputs(List<Instant> downMinutes, List<OutageSpan> outages, List<ExcludedSpan> exclusions) {
    }

    private UptimeCalculator() {
    }

    public static MonthlyUptime compute(Instant from, Instant to, Inputs inputs) {
        int n = (int) Duration.between(from, to).toMinutes();
        BitSet down = new BitSet(n);
        BitSet ours = new BitSet(n);
        Map<Exclusion.Kind, BitSet> excluded = new EnumMap<>(Exclusion.Kind.class);
        for (Instant minute : inputs.downMinutes()) {
            long i = Duration.between(from, minute).toMinutes();
            if (i >= 0 && i < n) {
                down.set((int) i);
            }
        }
        BitSet probed = (BitSet) down.clone();
        // Which causes' outages touch each minute: counted outages' causes first, then excluded ones'.
        Map<String, BitSet> countedCauses = new TreeMap<>();
        Map<String, BitSet> excludedCauses = new TreeMap<>();
        for (OutageSpan outage : inputs.outages()) {
            setTouched(down, from, n, outage.range());
            if (outage.exclusion() == null) {
                setTouched(ours, from, n, outage.range());
                setTouched(countedCauses.computeIfAbsent(outage.cause(), k -> new BitSet(n)), from, n, outage.range());
            } else {
                setCovered(excluded.computeIfAbsent(outage.exclusion(), k -> new BitSet(n)), from, n, outage.range());
                setTouched(excludedCauses.computeIfAbsent(outage.cause(), k -> new BitSet(n)), from, n, outage.range());
            }
        }
        for (ExcludedSpan span : inputs.exclusions()) {
            setCovered(excluded.computeIfAbsent(span.kind(), k -> new BitSet(n)), from, n, span.range());
        }
        BitSet anyExcluded = new BitSet(n);
        excluded.values().forEach(anyExcluded::or);
        anyExcluded.andNot(ours);
        BitSet counted = (BitSet) down.clone();
        counted.andNot(anyExcluded);
        BitSet excludedDown = (BitSet) down.clone();
        excludedDown.and(anyExcluded);

        Map<String, Long> byCause = new LinkedHashMap<>();
        List<MonthlyUptime.Run> runs = new ArrayList<>();
        for (int start = down.nextSetBit(0); start >= 0; ) {
            String cause = causeOf(start, counted, excluded);
            int end = start;
            while (end < n && down.get(end) && cause.equals(causeOf(end, counted, excluded))) {
                end++;
            }
            runs.add(run(from, start, end, cause));
            if (!UNAVAILABLE.equals(cause)) {
                byCause.merge(cause, (long) (end - start), Long::sum);
            }
            start = end >= n ? -1 : down.nextSetBit(end);
        }
        long unavailable = counted.cardinality();
        BigDecimal percent = n == 0 ? BigDecimal.valueOf(100).setScale(4)
                : BigDecimal.valueOf((n - unavailable) * 100L).divide(BigDecimal.valueOf(n), 4, RoundingMode.FLOOR);
        List<UnavailableInterval> intervals = intervals(from, n, down, probed, counted, excluded, countedCauses,
                excludedCauses);
        return new MonthlyUptime(from, to, n, unavailable, excludedDown.cardinality(), byCause, percent, runs, intervals);
    }

    /**
     * The runs of Unavailable minutes by kind (source, outage cause, counted or which exclusion):
     * what credit-service confirms claimed incidents against (QNT-CRD-2). Every Unavailable minute is
     * in exactly one interval, so they add up to the Unavailable plus the excluded minutes.
     */
    private static List<UnavailableInterval> intervals(Instant from, int n, BitSet down, BitSet probed, BitSet counted,
            Map<Exclusion.Kind, BitSet> excluded, Map<String, BitSet> countedCauses, Map<String, BitSet> excludedCauses) {
        List<UnavailableInterval> intervals = new ArrayList<>();
        int start = down.nextSetBit(0);
        MinuteKind current = start < 0 ? null : kindOf(start, probed, counted, excluded, countedCauses, excludedCauses);
        int i = start;
        while (start >= 0) {
            int next = i + 1 < n ? down.nextSetBit(i + 1) : -1;
            MinuteKind nextKind = next < 0 ? null : kindOf(next, probed, counted, excluded, countedCauses, excludedCauses);
            if (next != i + 1 || !current.equals(nextKind)) {
                intervals.add(new UnavailableInterval(from.plus(start, ChronoUnit.MINUTES), from.plus(i + 1, ChronoUnit.MINUTES),
                        current.source(), current.cause(), current.exclusion() != null, current.exclusion()));
                start = next;
                current = nextKind;
            }
            i = next;
        }
        return intervals;
    }

    private record MinuteKind(String source, String cause, String exclusion) {
    }

    private static MinuteKind kindOf(int minute, BitSet probed, BitSet counted, Map<Exclusion.Kind, BitSet> excluded,
            Map<String, BitSet> countedCauses, Map<String, BitSet> excludedCauses) {
        String exclusion = counted.get(minute) ? null : causeOf(minute, counted, excluded);
        // A counted minute is blamed on a counted outage if one touches it; an excluded minute on the
        // outage whose exclusion left it out, else on whichever outage touches it.
        String cause = exclusion == null ? touching(minute, countedCauses, null) : touching(minute, excludedCauses, exclusion);
        if (cause == null) {
            cause = touching(minute, excludedCauses, null);
        }
        if (cause == null) {
            cause = touching(minute, countedCauses, null);
        }
        String source = cause == null ? MonthlyAvailability.PROBES
                : probed.get(minute) ? MonthlyAvailability.PROBES_AND_OUTAGE : MonthlyAvailability.OUTAGE;
        return new MinuteKind(source, cause, exclusion);
    }

    private static String touching(int minute, Map<String, BitSet> causes, String only) {
        if (only != null) {
            BitSet bits = causes.get(only);
            return bits != null && bits.get(minute) ? only : null;
        }
        for (Map.Entry<String, BitSet> e : causes.entrySet()) {
            if (e.getValue().get(minute)) {
                return e.getKey();
            }
        }
        return null;
    }

    private static String causeOf(int minute, BitSet counted, Map<Exclusion.Kind, BitSet> excluded) {
        if (counted.get(minute)) {
            return UNAVAILABLE;
        }
        for (Map.Entry<Exclusion.Kind, BitSet> e : excluded.entrySet()) {
            if (e.getValue().get(minute)) {
                return e.getKey().name();
            }
        }
        return UNAVAILABLE;
    }

    private static MonthlyUptime.Run run(Instant from, int start, int end, String cause) {
        return new MonthlyUptime.Run(from.plus(start, ChronoUnit.MINUTES), from.plus(end, ChronoUnit.MINUTES),
                end - start, UNAVAILABLE.equals(cause), cause);
    }

    /** Every minute the range touches, even in part. */
    private static void setTouched(BitSet bits, Instant from, int n, InstantRange range) {
        long first = floorMinutes(from, range.start());
        long last = ceilMinutes(from, range.end());
        set(bits, n, first, last);
    }

    /** Only the minutes the range covers wholly. */
    private static void setCovered(BitSet bits, Instant from, int n, InstantRange range) {
        long first = ceilMinutes(from, range.start());
        long last = floorMinutes(from, range.end());
        set(bits, n, first, last);
    }

    private static void set(BitSet bits, int n, long first, long last) {
        int a = (int) Math.max(0, first);
        int b = (int) Math.min(n, last);
        if (b > a) {
            bits.set(a, b);
        }
    }

    private static long floorMinutes(Instant from, Instant t) {
        return Math.floorDiv(Duration.between(from, t).getSeconds(), 60);
    }

    private static long ceilMinutes(Instant from, Instant t) {
        Duration d = Duration.between(from, t);
        long seconds = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.floorDiv(seconds + 59, 60);
    }
}
