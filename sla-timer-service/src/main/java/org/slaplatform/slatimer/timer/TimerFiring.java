package org.slaplatform.slatimer.timer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.Traceparent;
import org.slaplatform.events.sla.SlaBreached;
import org.slaplatform.events.sla.SlaEscalated;
import org.slaplatform.events.sla.SlaWarning;
import org.slaplatform.runtime.health.Heartbeats;
import org.slaplatform.runtime.worker.Job;
import org.slaplatform.runtime.worker.Next;
import org.slaplatform.runtime.worker.Worker;
import org.slaplatform.runtime.worker.WorkerSettings;
import org.slaplatform.slatimer.config.ServiceName;
import org.slaplatform.slatimer.domain.TimerPlan;
import org.slaplatform.slatimer.repository.TimerStore.DueTimer;
import org.slaplatform.slatimer.repository.TimerStore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The firing job of the durable timers (SLA-5, NTF-1), run by a platform {@link Worker} woken by the
 * NOTIFY of a newly written timer ({@code <schema>_sla_timers}). Any number of these may run against one
 * database: each round claims due timers with {@code FOR UPDATE SKIP LOCKED}, writes the warning, breach
 * or escalation event to the outbox and marks the timer fired in the same transaction
 * ({@link TimerStore#fire}), so each timer fires once whatever the restarts or instances. It fires round
 * after round until nothing is due (no cap that lets lag grow), then sleeps until the earliest pending
 * deadline, a NOTIFY, or the poll interval, whichever comes first.
 */
public final class TimerFiring implements Job {

    private final TimerStore store;
    private final Clock clock;
    private final int batchSize;
    private final MeterRegistry registry;
    private final Timer lag;
    private final Worker worker;

    public TimerFiring(TimerStore store, DataSource dataSource, Clock clock, int batchSize, Duration pollInterval,
            String name, MeterRegistry registry, Heartbeats heartbeats) {
        this.store = store;
        this.clock = clock;
        this.batchSize = batchSize;
        this.lag = Timer.builder("sla.timer.firing.lag").description("From a timer's deadline to its event in the outbox")
                .publishPercentileHistogram().register(registry);
        this.registry = registry;
        this.worker = new Worker(WorkerSettings.of(name, pollInterval).listening("sla_timers"), dataSource, heartbeats,
                this);
    }

    /** Starts firing; a no-op while it runs. */
    public void start() {
        worker.start();
    }

    /** Stops firing; a round in flight either commits or rolls back, never half. */
    public void stop() {
        worker.stop();
    }

    /** One firing round: more may be due after a round that fired; else wait for the next deadline. */
    @Override
    public Next turn() throws Exception {
        TimerStore.Round round = store.fire(clock.instant(), batchSize, TimerFiring::event);
        if (round.fired().isEmpty()) {
            return round.nextDue() == null ? Next.idle()
                    : Next.within(Duration.ofMillis(round.nextDue().toEpochMilli() - clock.millis()));
        }
        Instant committed = clock.instant();
        for (DueTimer timer : round.fired()) {
            Duration late = Duration.between(timer.dueAt(), committed);
            lag.record(late.isNegative() ? Duration.ZERO : late);
            if (TimerPlan.BREACH.equals(timer.kind())) {
                // bounded labels only (policy, severity, target), never the ticket or account
                Counter.builder("sla.breaches").description("SLA breaches fired (SLA-5)")
                        .tag("policy", timer.policy()).tag("severity", Integer.toString(timer.severity()))
                        .tag("target", timer.target()).register(registry).increment();
            }
        }
        return Next.now();
    }

    /**
     * The timer's event. Its id is derived from what the timer is, so even a replay could not publish a
     * second id. The event continues the trace of the ticket event that armed the timer, in a span of its own.
     */
    static EventEnvelope<?> event(DueTimer timer) {
        return untraced(timer).withTraceparent(Traceparent.parse(timer.traceparent()).map(Traceparent::child)
                .map(Traceparent::toString).orElse(null));
    }

    private static EventEnvelope<?> untraced(DueTimer timer) {
        UUID ticketId = timer.ticketId();
        String kind = timer.kind();
        String id = UUID.nameUUIDFromBytes((ticketId + "/" + timer.target() + "/" + timer.cycle() + "/" + kind)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
        String key = ticketId.toString();
        java.net.URI source = EventEnvelope.source(ServiceName.VALUE);
        if (kind.equals(TimerPlan.BREACH)) {
            return new EventEnvelope<>(id, EventTypes.SLA_BREACHED, source, key, timer.dueAt(), key,
                    new SlaBreached(ticketId, timer.accountId(), timer.target(), timer.cycle(), timer.severity(),
                            timer.targetDueAt(), timer.calendar(), timer.policy(), timer.policyVersion()));
        }
        if (kind.startsWith(TimerPlan.WARNING_PREFIX)) {
            int percent = Integer.parseInt(kind.substring(TimerPlan.WARNING_PREFIX.length()));
            return new EventEnvelope<>(id, EventTypes.SLA_WARNING, source, key, timer.dueAt(), key,
                    new SlaWarning(ticketId, timer.accountId(), timer.target(), timer.cycle(), timer.severity(),
                            percent, timer.dueAt(), timer.targetDueAt(), timer.calendar(), timer.policy(),
                            timer.policyVersion()));
        }
        String level = kind.substring(TimerPlan.ESCALATION_PREFIX.length()).toUpperCase(java.util.Locale.ROOT)
                .replace('-', '_');
        return new EventEnvelope<>(id, EventTypes.SLA_ESCALATED, source, key, timer.dueAt(), key,
                new SlaEscalated(ticketId, timer.accountId(), timer.target(), timer.cycle(), timer.severity(), level,
                        timer.targetDueAt(), timer.dueAt(), timer.policy(), timer.policyVersion()));
    }
}
