package org.slaplatform.slatimer.timer;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The durable timers' firing loop. */
@ConfigMapping(prefix = "sla.timers")
public interface TimerConfig {

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
