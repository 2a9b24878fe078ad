package org.slaplatform.slatimer.timer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.slaplatform.runtime.health.Heartbeats;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/** Runs this instance's {@link TimerFiring} loop; every instance runs one and they share the work. */
@ApplicationScoped
public class TimerFiringService {

    private static final Logger LOG = Logger.getLogger(TimerFiringService.class);

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final TimerConfig config;
    private final MeterRegistry registry;
    private final Heartbeats heartbeats;
    private TimerFiring firing;

    TimerFiringService(AgroalDataSource dataSource, Clock clock, TimerConfig config, MeterRegistry registry,
            Heartbeats heartbeats) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
        this.registry = registry;
        this.heartbeats = heartbeats;
    }

    void start(@Observes StartupEvent startup) {
        Gauge.builder("sla.clocks.running", () -> count(
                "select count(*) from sla_clocks where met_at is null and paused_since is null"))
                .description("SLA clocks counting now (not met, not paused)").register(registry);
        Gauge.builder("sla.timers.due", () -> count(
                "select count(*) from sla_timers where fired_at is null and due_at <= now()"))
                .description("Timers whose deadline has passed and that have not fired yet").register(registry);
        if (!config.firingEnabled()) {
            LOG.warn("timer firing disabled (sla.timers.firing-enabled=false)");
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

    private double count(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    /** A firing loop over this instance's database; tests start a second one to play a second instance. */
    public TimerFiring newFiring(String name) {
        return new TimerFiring(dataSource, clock, config.batchSize(), config.pollInterval(), name, registry, heartbeats);
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
