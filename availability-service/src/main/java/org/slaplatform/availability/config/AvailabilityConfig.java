package org.slaplatform.availability.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The availability service's settings. */
@ConfigMapping(prefix = "availability")
public interface AvailabilityConfig {

    Probes probes();

    MonthClose monthClose();

    Maintenance maintenance();

    /** The bounds of a maintenance window (docs/availability-service.md, Maintenance bounds). */
    interface Maintenance {
        /**
         * Longest window of any kind, start to end. The seed policies set no maximum length, so this is
         * the platform's: a week covers any real maintenance and keeps one request from excluding a month.
         */
        @WithDefault("P7D")
        Duration maxLength();

        /** How far ahead of now a window may start. */
        @WithDefault("P366D")
        Duration maxAhead();
    }

    interface Probes {
        /** Most results one batch may carry; more is refused with 413. */
        @WithDefault("5000")
        int maxBatch();

        /** Oldest result accepted, counted back from now: older is refused (far past). */
        @WithDefault("P45D")
        Duration maxAge();

        /** How far ahead of this service's clock a result may be (probe clock skew); more is refused. */
        @WithDefault("PT2M")
        Duration maxSkew();
    }

    interface MonthClose {
        /** AVL-7: how long after a month ends its results are closed and published. */
        @WithDefault("P2D")
        Duration grace();

        /** How often each service instance looks for months to close or correct. */
        @WithDefault("60s")
        String every();

        /** Instance-months one transaction claims, read and written with one statement per table. */
        @WithDefault("500")
        int batch();

        /**
         * Batches each run of one service instance claims side by side (each on its own connection,
         * {@code FOR UPDATE SKIP LOCKED}): overlaps one batch's database work with another's computation.
         */
        @WithDefault("2")
        int workers();
    }
}
