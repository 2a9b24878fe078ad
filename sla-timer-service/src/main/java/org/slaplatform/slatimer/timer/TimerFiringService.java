package org.slaplatform.slatimer.timer;

import java.sql.SQLException;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.slaplatform.runtime.health.Heartbeats;
import org.slaplatform.slatimer.config.SlaTimerConfig;
import org.slaplatform.slatimer.repository.TimerStore;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs this instance's {@link TimerFiring} on its platform worker ({@code sla-timer-firing}); every
 * instance runs one and they share the work.
 */
@ApplicationScoped
public class TimerFiringService {

    private static final Logger LOG = Logger.getLogger(TimerFiringService.class);

    private final AgroalDataSource dataSource;
    private final TimerStore store;
    private final Clock clock;
    private final SlaTimerConfig.Timers config;
    private final MeterRegistry registry;
    private final Heartbeats heartbeats;
    private TimerFiring firing;

    TimerFiringService(AgroalDataSource dataSource, TimerStore store, Clock clock, SlaTimerConfig config,
            MeterRegistry registry, Heartbeats heartbeats) {
        this.dataSource = dataSource;
        this.store = store;
        this.clock = clock;
        this.config = config.timers();
        this.registry = registry;
        this.heartbeats = heartbeats;
    }

    void start(@Observes StartupEvent startup) {
        Gauge.builder("sla.clocks.running", () -> count(store::runningClocks))
                .description("SLA clocks counting now (not met, not paused)").register(registry);
        Gauge.builder("sla.timers.due", () -> count(store::dueTimers))
                .description("Timers whose deadline has passed and that have not fired yet").register(registry);
        if (!config.firingEnabled()) {
            LOG.warn("timer firing disabled (sla-timer.timers.firing-enabled=false)");
            return;
        }
        firing = newFiring("sla-timer-firing");
        firing.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (firing != null) {
            firing.stop();
        }
    }

    private static double count(Count count) {
        try {
            return count.get();
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    /** One of the store's counts. */
    @FunctionalInterface
    private interface Count {
        long get() throws SQLException;
    }

    /** A firing loop over this instance's database; tests start a second one to play a second instance. */
    public TimerFiring newFiring(String name) {
        return new TimerFiring(store, dataSource, clock, config.batchSize(), config.pollInterval(), name, registry,
                heartbeats);
    }

    /** Stops this instance's loop, as a killed instance would stop firing. */
    public void stopOwnFiring() {
        if (firing != null) {
            firing.stop();
        }
    }

    public void startOwnFiring() {
        if (firing != null) {
            firing.start();
        }
    }
}
