package org.slaplatform.slatimer.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** sla-timer-service's configuration: every key under {@code sla-timer.} (docs/sla-timer-service.md). */
@ConfigMapping(prefix = "sla-timer")
public interface SlaTimerConfig {

    /** The durable timers' firing loop ({@code sla-timer.timers.*}). */
    Timers timers();

    interface Timers {

        /** Whether this instance fires timers (every instance may; they share the work). */
        @WithDefault("true")
        boolean firingEnabled();

        /** Timers claimed per transaction; the loop claims batch after batch until none is due. */
        @WithDefault("500")
        int batchSize();

        /** The longest sleep between looks; a NOTIFY or the next deadline wakes the loop earlier. */
        @WithDefault("1s")
        Duration pollInterval();
    }
}
