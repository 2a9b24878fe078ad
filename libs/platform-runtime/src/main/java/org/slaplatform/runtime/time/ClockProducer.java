package org.slaplatform.runtime.time;

import java.nio.file.Path;
import java.time.Clock;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.StartupEvent;

/**
 * The one source of "now" (DESIGN: an injected Clock, so tests travel in time): the system's UTC
 * clock, unless the JVM was started for an end-to-end scenario with
 * {@code -Dplatform.scenario-clock.file} ({@link ScenarioClock}, docs/e2e.md).
 */
public class ClockProducer {

    private static final Logger LOG = Logger.getLogger(ClockProducer.class);

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        String file = System.getProperty(ScenarioClock.FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            return Clock.systemUTC();
        }
        ScenarioClock clock = ScenarioClock.enable(Path.of(file), System.getenv());
        LOG.warnf("SCENARIO CLOCK ON: this service's time is real time shifted by the offset in %s (now %s offset %d ms). "
                + "For end-to-end tests only, never in production (docs/e2e.md).", clock.file(), clock.instant(),
                clock.offsetMillis());
        return clock;
    }

    /** Makes the clock at start, so that a refused scenario clock stops the service before it serves anything. */
    void atStart(@Observes StartupEvent event, Clock clock) {
        clock.instant();
    }
}
