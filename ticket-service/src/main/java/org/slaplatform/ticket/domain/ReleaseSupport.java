package org.slaplatform.ticket.domain;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Derives a release's milestones and its support status on a day from the product's release
 * history and the policy's version rules (IS-LIFE-1, IS-LIFE-2, ITC-LIFE-3).
 */
public final class ReleaseSupport {

    private ReleaseSupport() {
    }

    /**
     * A release as judged: the recorded dates, the derived ones, and the status on {@code on}.
     *
     * @param supportedUntil IS-LIFE-2: the last day of the major release's year of support
     */
    public record Judged(Release release, LocalDate endOfMainstreamSupport, LocalDate endOfLife,
            LocalDate supportedUntil, VersionSupportStatus status) {

        /** The release with derived milestones filled in where none were recorded. */
        public Release withDerivedMilestones() {
            return new Release(release.version(), release.generalAvailability(), release.deliveredOn(),
                    release.endOfSales(), endOfMainstreamSupport, endOfLife);
        }
    }

    public static Judged judge(Release release, List<Release> history, IntakeRules.VersionRules rules, LocalDate on) {
        if (rules == null || rules.majorSupportedFor() == null && rules.lifecycle() == null) {
            return new Judged(release, release.endOfMainstreamSupport(), release.endOfLife(), null,
                    VersionSupportStatus.SUPPORTED);
        }
        int major = release.parsed().major();
        if (rules.majorSupportedFor() != null) {
            // IS-LIFE-2: the major release is the earliest release with that first digit
            LocalDate start = history.stream().filter(r -> r.parsed().major() == major)
                    .map(r -> startOf(r, rules.from())).filter(Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(null);
            if (start == null) {
                // no date recorded: nothing to hold against the customer
                return new Judged(release, null, null, null, VersionSupportStatus.SUPPORTED);
            }
            LocalDate until = start.plus(rules.majorSupportedFor());
            return new Judged(release, null, null, until,
                    on.isAfter(until) ? VersionSupportStatus.UNSUPPORTED : VersionSupportStatus.SUPPORTED);
        }
        IntakeRules.Lifecycle lifecycle = rules.lifecycle();
        LocalDate nextMajorGa = history.stream().filter(r -> r.parsed().major() > major)
                .min(Comparator.comparing(Release::parsed))
                .flatMap(next -> history.stream().filter(r -> r.parsed().major() == next.parsed().major())
                        .map(Release::generalAvailability).filter(Objects::nonNull).min(Comparator.naturalOrder()))
                .orElse(null);
        LocalDate eoms = release.endOfMainstreamSupport();
        if (eoms == null && release.endOfSales() != null) {
            eoms = lifecycle.endOfMainstreamSupport(release.endOfSales(), nextMajorGa);
        }
        LocalDate eol = release.endOfLife();
        if (eol == null && eoms != null) {
            eol = lifecycle.endOfLife(release.generalAvailability(), eoms);
        }
        VersionSupportStatus status;
        if (eoms == null || !on.isAfter(eoms)) {
            status = VersionSupportStatus.MAINSTREAM;
        } else if (eol == null || !on.isAfter(eol)) {
            status = VersionSupportStatus.EXTENDED;
        } else {
            status = VersionSupportStatus.END_OF_LIFE;
        }
        return new Judged(release, eoms, eol, null, status);
    }

    private static LocalDate startOf(Release release, IntakeRules.VersionRules.From from) {
        if (from == IntakeRules.VersionRules.From.GENERAL_AVAILABILITY) {
            return release.generalAvailability() != null ? release.generalAvailability() : release.deliveredOn();
        }
        return release.deliveredOn() != null ? release.deliveredOn() : release.generalAvailability();
    }
}
