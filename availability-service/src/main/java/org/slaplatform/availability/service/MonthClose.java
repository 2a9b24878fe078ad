package org.slaplatform.availability.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.slaplatform.availability.config.AvailabilityConfig;
import org.slaplatform.availability.config.ServiceName;
import org.slaplatform.availability.domain.ContractTerms;
import org.slaplatform.availability.domain.MonthlyUptime;
import org.slaplatform.availability.mapping.InstanceView;
import org.slaplatform.availability.repository.AvailabilityReads;
import org.slaplatform.availability.repository.MonthCloseStore;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.runtime.health.Heartbeats;
import org.slaplatform.runtime.outbox.Outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * AVL-7: after a month ends in an instance's zone and the grace period passes, publishes the
 * instance's result (version 1); when late inputs change the figures, publishes the next version.
 * Work rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so any number of service instances (and
 * {@code workers} per instance) close months side by side and each instance-month is published once
 * per change.
 *
 * <p>A claimed batch is handled set-based, in one transaction on one connection: one statement
 * claims the rows with their instances, three pipelined statements read every instance's probe
 * minutes, outages and excluded maintenance, the figures are computed off the event loop by the same
 * {@link UptimeService#compute} the uptime API uses, and three pipelined statements write the
 * results, the outbox events and the work rows. Seven round trips per batch instead of seven per
 * instance-month.
 */
@ApplicationScoped
public class MonthClose {

    private static final Logger LOG = Logger.getLogger(MonthClose.class);

    private final Pool pool;
    private final MonthCloseStore store;
    private final AvailabilityReads reads;
    private final UptimeService uptime;
    private final PolicyBook policies;
    private final Clock clock;
    private final AvailabilityConfig config;
    private final MeterRegistry registry;
    private final Heartbeats heartbeats;
    private volatile Heartbeats.Heartbeat runs;

    MonthClose(Pool pool, MonthCloseStore store, AvailabilityReads reads, UptimeService uptime, PolicyBook policies, Clock clock,
            AvailabilityConfig config, MeterRegistry registry, Heartbeats heartbeats) {
        this.pool = pool;
        this.store = store;
        this.reads = reads;
        this.uptime = uptime;
        this.policies = policies;
        this.clock = clock;
        this.config = config;
        this.registry = registry;
        this.heartbeats = heartbeats;
    }

    void watch(@Observes StartupEvent startup) {
        // a run of 10,000 instance-months takes under a minute (README, figures): ten minutes is a stuck run
        runs = heartbeats.scheduledJob("month-close", config.monthClose().every(), java.time.Duration.ofMinutes(10))
                .orElse(null);
    }

    @Scheduled(every = "${availability.month-close.every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return closeDue().invoke(() -> {
            if (runs != null) {
                runs.beat();
            }
        }).onFailure().invoke(e -> LOG.warn("month close failed; the next run retries", e)).onFailure()
                .recoverWithNull().replaceWithVoid();
    }

    /** Opens the previous month of every active instance, then closes or corrects whatever is due. Answers the versions published. */
    public Uni<Integer> closeDue() {
        Instant now = clock.instant();
        return seed(now).chain(() -> {
            List<Uni<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < Math.max(1, config.monthClose().workers()); w++) {
                workers.add(drain(now, 0));
            }
            return Uni.join().all(workers).andCollectFailures()
                    .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
        });
    }

    private Uni<Void> seed(Instant now) {
        // The previous month in each instance's zone, due at that zone's month start plus the grace period.
        return store.seed(now, config.monthClose().grace());
    }

    private Uni<Integer> drain(Instant now, int publishedSoFar) {
        return claimAndClose(now).chain(batch -> batch.claimed() == 0 ? Uni.createFrom().item(publishedSoFar + batch.published())
                : drain(now, publishedSoFar + batch.published()));
    }

    private record Batch(int claimed, int published) {
    }

    /**
     * A claimed work row: the instance-month, the version published so far, its figures' fingerprint and
     * the terms it is judged under (frozen at its first close, POL-3).
     */
    private record Work(InstanceView instance, String month, int version, String fingerprint, AvailabilityReads.Period period,
            ContractTerms.MonthTerms terms) {
    }

    /** What a batch writes: each work row's new state, and the versions to publish. */
    private record Closed(List<Work> work, int[] versions, String[] fingerprints, List<Published> published) {
    }

    private record Published(Work work, MonthlyAvailability event, String payload) {
    }

    private Uni<Batch> claimAndClose(Instant now) {
        return pool.withTransaction(conn -> claim(conn, now).chain(work -> {
            if (work.isEmpty()) {
                return Uni.createFrom().item(new Batch(0, 0));
            }
            List<AvailabilityReads.Period> periods = work.stream().map(Work::period).toList();
            long[] at = { System.nanoTime(), 0, 0 };
            // Pipelined on the one connection: three statements, one wait.
            return Uni.combine().all().unis(AvailabilityReads.downMinutes(conn, periods), AvailabilityReads.outages(conn, periods),
                    AvailabilityReads.excludedMaintenance(conn, periods)).asTuple()
                    // Tens of milliseconds of computation and JSON per batch: off the event loop.
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .map(inputs -> {
                        at[1] = System.nanoTime();
                        Closed closed = compute(work, inputs.getItem1(), inputs.getItem2(), inputs.getItem3(), now);
                        at[2] = System.nanoTime();
                        return closed;
                    })
                    .chain(closed -> write(conn, closed, now).invoke(() -> LOG.infof(
                            "month close: %d instance-months, %d versions published; read %d ms, computed %d ms, written %d ms",
                            work.size(), closed.published().size(), (at[1] - at[0]) / 1_000_000, (at[2] - at[1]) / 1_000_000,
                            (System.nanoTime() - at[2]) / 1_000_000))
                            .replaceWith(new Batch(work.size(), closed.published().size())));
        }));
    }

    private Uni<List<Work>> claim(SqlConnection conn, Instant now) {
        return store.claim(conn, now, config.monthClose().batch()).chain(claimed -> {
            // POL-3: a month closed for the first time takes its terms from the account's contract history.
            List<String> unfrozen = claimed.stream().filter(c -> c.frozen() == null)
                    .map(c -> c.instance().accountId()).distinct().toList();
            Uni<Map<String, List<ContractTerms>>> histories = unfrozen.isEmpty() ? Uni.createFrom().item(Map.of())
                    : AvailabilityReads.terms(conn, unfrozen);
            return histories.map(history -> claimed.stream().map(c -> work(c, history)).toList());
        });
    }

    private Work work(MonthCloseStore.ClaimedMonth c, Map<String, List<ContractTerms>> histories) {
        InstanceView instance = c.instance();
        Instant from = UptimeService.monthStart(c.month(), instance.monthZone());
        Instant to = UptimeService.monthStart(c.month().plusMonths(1), instance.monthZone());
        ContractTerms.MonthTerms terms = c.frozen() != null
                ? ContractTerms.MonthTerms.frozen(policies, c.frozen().policy(), c.frozen().policyVersion(), c.frozen().plan())
                : ContractTerms.month(policies, histories.get(instance.accountId()), from, to, ZoneId.of(instance.monthZone()));
        return new Work(instance, c.month().toString(), c.version(), c.fingerprint(), new AvailabilityReads.Period(
                instance.instanceId(), instance.accountId(), TermsInForce.quorum(terms.policy()), from, to), terms);
    }

    /** Each instance-month's figures; a new version only where the fingerprint changed. */
    private Closed compute(List<Work> work, Map<String, List<Instant>> down, Map<String, List<AvailabilityReads.OutageRow>> outages,
            Map<String, List<AvailabilityReads.MaintenanceRow>> maintenance, Instant now) {
        int[] versions = new int[work.size()];
        String[] fingerprints = new String[work.size()];
        List<Published> published = new ArrayList<>();
        for (int i = 0; i < work.size(); i++) {
            Work w = work.get(i);
            String id = w.instance().instanceId();
            MonthlyUptime u = uptime.compute(w.instance(), w.period().from(), w.period().to(), down.getOrDefault(id, List.of()),
                    outages.getOrDefault(id, List.of()), maintenance.getOrDefault(id, List.of()));
            String fingerprint = u.fingerprint();
            if (fingerprint.equals(w.fingerprint())) {
                versions[i] = w.version();
                fingerprints[i] = fingerprint;
                continue;
            }
            int next = w.version() + 1;
            versions[i] = next;
            fingerprints[i] = fingerprint;
            MonthlyAvailability event = event(w, next, u, now);
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("result", event);
            payload.put("explanation", u.explanation());
            published.add(new Published(w, event, CloudEventCodec.dataJson(payload)));
        }
        for (Published p : published) {
            // bounded labels only (kind, policy, outcome), never the instance or account
            MonthlyAvailability e = p.event();
            Counter.builder("availability.month.results")
                    .description("Month results published: closes and corrections, by policy and whether the commitment was met")
                    .tag("kind", e.version() > 1 ? "correction" : "close").tag("policy", e.policy())
                    .tag("outcome", e.commitment() == null ? "no-commitment" : e.met() ? "met" : "missed")
                    .register(registry).increment();
        }
        return new Closed(work, versions, fingerprints, published);
    }

    /** The month's result under the terms it is judged under (POL-3), not the contract's current ones. */
    private static MonthlyAvailability event(Work w, int version, MonthlyUptime u, Instant now) {
        InstanceView instance = w.instance();
        BigDecimal commitment = w.terms().commitment();
        return new MonthlyAvailability(instance.instanceId(), instance.accountId(), w.month(), instance.monthZone(),
                version, w.terms().policy().id(), w.terms().policy().version(), w.terms().plan(), commitment, u.uptimePercent(),
                u.totalMinutes(), u.unavailableMinutes(), u.excludedMinutes(), u.excludedByCause(),
                commitment == null || u.uptimePercent().compareTo(commitment) >= 0, now, u.intervals());
    }

    /** Results, outbox events and work rows: three pipelined statements in the batch's transaction. */
    private Uni<Void> write(SqlConnection conn, Closed closed, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        List<MonthCloseStore.ClosedMonth> months = new ArrayList<>(closed.work().size());
        for (int i = 0; i < closed.work().size(); i++) {
            Work w = closed.work().get(i);
            // AVL-7, POL-3: the first close freezes the month's terms; corrections keep them.
            months.add(new MonthCloseStore.ClosedMonth(w.instance().instanceId(), w.month(), closed.versions()[i],
                    closed.fingerprints()[i], w.terms().policy().id(), w.terms().policy().version(), w.terms().plan()));
        }
        Uni<Void> works = store.close(conn, months, at);
        List<Published> published = closed.published();
        if (published.isEmpty()) {
            return works;
        }
        List<MonthCloseStore.MonthResult> results = new ArrayList<>(published.size());
        List<EventEnvelope<MonthlyAvailability>> events = new ArrayList<>(published.size());
        for (Published one : published) {
            String instanceId = one.work().instance().instanceId();
            results.add(new MonthCloseStore.MonthResult(instanceId, one.work().month(), one.event().version(), one.payload()));
            events.add(EventEnvelope.of(EventTypes.MONTH_CLOSED, ServiceName.VALUE, instanceId, now, one.event()));
        }
        return Uni.combine().all().unis(store.addResults(conn, results, at), Outbox.appendAll(conn, events), works)
                .discardItems();
    }

    /** Versions so far, for tests and the API. */
    public Uni<List<String>> versions(String instanceId, String month) {
        return reads.monthResults(instanceId, month);
    }

}
