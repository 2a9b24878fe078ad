package org.slaplatform.policy;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;

/**
 * Which versions are supported (IS-LIFE-1, IS-LIFE-2, ITC-LIFE-3, ITC-LIFE-4). A policy gives either
 * a fixed support period per major release or a lifecycle with milestones.
 *
 * @param scheme            names of the version digits, e.g. major.minor.build.patch
 * @param majorSupportedFor IS-LIFE-2: how long each major release is supported
 * @param from              what that period counts from
 */
public record VersionSupport(String scheme, Period majorSupportedFor, From from, Lifecycle lifecycle) {

    public enum From { DELIVERY, GENERAL_AVAILABILITY }

    /** The names of the version's numbers, e.g. [major, minor] (ITC) or [major, minor, build, patch] (IS-LIFE-1). */
    public java.util.List<String> schemeParts() {
        return scheme == null ? java.util.List.of() : java.util.List.of(scheme.split("\\.", -1));
    }

    /** The last day a major release is supported under a fixed period (IS-LIFE-2). */
    public Optional<LocalDate> supportedUntil(LocalDate delivered) {
        return Optional.ofNullable(majorSupportedFor).map(delivered::plus);
    }

    /**
     * ITC-LIFE-3 milestones: EOMS is the later of EOS + {@code eomsAfterEos} and the next major's
     * GA + {@code eomsAfterNextMajorGa}; extended support follows; EOL is its end, and never before
     * GA + {@code minimumTotal}. {@code noticeLead} is ITC-LIFE-4.
     */
    public record Lifecycle(Period eomsAfterEos, Period eomsAfterNextMajorGa, Period extendedSupport,
            Period minimumTotal, Period noticeLead, List<String> extendedSupportFreeFixes) {

        public Lifecycle {
            extendedSupportFreeFixes = extendedSupportFreeFixes == null ? List.of() : List.copyOf(extendedSupportFreeFixes);
        }

        /**
         * @param nextMajorGa absent while the next major version is not on sale; EOMS is then a
         *                    lower bound that moves later once it is
         */
        public Milestones milestones(LocalDate ga, LocalDate eos, Optional<LocalDate> nextMajorGa) {
            LocalDate eoms = eos.plus(eomsAfterEos);
            if (nextMajorGa.isPresent()) {
                LocalDate byNextMajor = nextMajorGa.get().plus(eomsAfterNextMajorGa);
                eoms = byNextMajor.isAfter(eoms) ? byNextMajor : eoms;
            }
            LocalDate eol = eoms.plus(extendedSupport);
            LocalDate minimum = minimumTotal == null ? eol : ga.plus(minimumTotal);
            eol = minimum.isAfter(eol) ? minimum : eol;
            return new Milestones(ga, eos, eoms, eol, nextMajorGa.isEmpty());
        }
    }

    /** GA, EOS, EOMS, EOL of one version; {@code provisional} while the next major's GA is unknown. */
    public record Milestones(LocalDate ga, LocalDate eos, LocalDate eoms, LocalDate eol, boolean provisional) {
    }
}
