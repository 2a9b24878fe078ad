package org.slaplatform.credit.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The credit service's settings (docs/credit-service.md, Settlement). */
@ConfigMapping(prefix = "credit")
public interface CreditConfig {

    Settlement settlement();

    /** Settlement of billing cycles (QNT-CRD-3, CRD-7). */
    interface Settlement {
        /** How often the schedule settles the current cycle, one runner at a time across the group; {@code off} stops it. */
        @WithDefault("60s")
        String every();

        /**
         * For a policy without {@code credits.issue.withinBillingCycles}: how long after the start of the
         * month after confirmation a pending credit counts as overdue.
         */
        @WithDefault("P1D")
        Duration overdueAfter();

        /** Pending decisions one chunk (one transaction of two statements) claims; at least 1. */
        @WithDefault("1000")
        int chunkSize();

        /** Settlers each run loops over chunks side by side in one service instance; at least 1. */
        @WithDefault("2")
        int parallelism();
    }
}
