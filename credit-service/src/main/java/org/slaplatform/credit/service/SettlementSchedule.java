package org.slaplatform.credit.service;

import static org.slaplatform.runtime.time.Instants.utc;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.slaplatform.credit.config.CreditConfig;
import org.slaplatform.credit.domain.CreditIssueTerms;
import org.slaplatform.credit.repository.SettlementStore;
import org.slaplatform.credit.repository.SettlementStore.PendingMonth;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.runtime.health.Heartbeats;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Settlement on time (QNT-CRD-3, CRD-7): cycles settle by themselves, and a late one shows.
 *
 * <p>Every {@code credit.settlement.every} the schedule settles the current cycle (the month now, in
 * UTC): every credit decision confirmed in an earlier month and still pending enters the ledger, so
 * a credit confirmed in month M is issued in the first minutes of M+1, well within "one billing cycle
 * following the month in which your request is confirmed". One runner at a time across the group of
 * service instances: a run holds the transaction-scoped PostgreSQL advisory lock
 * {@code hashtext('credit-service.settlement')} on a connection of its own while it settles; another
 * instance's run finds it taken and skips its turn, and the lock goes with the transaction when a run
 * ends or its instance dies. (Settlement itself stays safe without the lock: its chunks are claimed
 * with {@code FOR UPDATE SKIP LOCKED}, which is why an administrator's replay may run beside it.)
 *
 * <p>{@code credit_settlements_overdue} counts the months M with a decision still pending after its
 * deadline, which the account's policy sets ({@link CreditIssueTerms}, {@code credits.issue.withinBillingCycles}
 * N: the end of the N-th billing cycle of the account after the cycle M falls in); for a policy that sets
 * none, the platform's: {@code credit.settlement.overdue-after} after the start of M+1. It is computed
 * from the clock at each scrape over the pending months last read from the database (read before and
 * after every run), so it rises with time even when runs stop altogether.
 */
@ApplicationScoped
public class SettlementSchedule {

    private static final Logger LOG = Logger.getLogger(SettlementSchedule.class);

    /** Who ran a settlement, in settlement_runs. */
    static final String RUNNER = ManagementFactory.getRuntimeMXBean().getName();

    /** The outcome of one turn: whether this runner held the lock, and what it issued. */
    public record Run(String cycle, boolean ran, int issued) {
    }

    private final Pool pool;
    private final SettlementStore store;
    private final Settlement settlement;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Heartbeats heartbeats;
    private final String every;
    private final Duration overdueAfter;
    private final PolicyBook policies;
    private final AtomicReference<Set<PendingMonth>> pendingMonths = new AtomicReference<>(Set.of());
    private volatile Heartbeats.Heartbeat runs;

    SettlementSchedule(Pool pool, SettlementStore store, Settlement settlement, PolicyBook policies, Clock clock,
            MeterRegistry registry, Heartbeats heartbeats, CreditConfig config) {
        this.pool = pool;
        this.store = store;
        this.settlement = settlement;
        this.policies = policies;
        this.clock = clock;
        this.registry = registry;
        this.heartbeats = heartbeats;
        this.every = config.settlement().every();
        this.overdueAfter = config.settlement().overdueAfter();
    }

    void start(@Observes StartupEvent startup) {
        Gauge.builder("credit.settlements.overdue", this, SettlementSchedule::overdue)
                .description("Settlement cycles past their due date with credits still not issued (QNT-CRD-3)")
                .register(registry);
        // a settlement of 100,000 accounts takes well under a minute (docs/credit-service.md): ten is a stuck run
        runs = heartbeats.scheduledJob("credit-settlement", every, Duration.ofMinutes(10)).orElse(null);
        refresh().subscribe().with(x -> { }, e -> LOG.warn("could not read the pending settlement months", e));
    }

    @Scheduled(every = "${credit.settlement.every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return settleDue().invoke(() -> {
            if (runs != null) {
                runs.beat();
            }
        }).onFailure().invoke(e -> LOG.warn("settlement failed; the next turn retries", e)).onFailure()
                .recoverWithNull().replaceWithVoid();
    }

    /**
     * One turn of the schedule: settles the current cycle unless another runner of the group holds the
     * settlement lock, then reads the pending months again for the overdue gauge.
     */
    public Uni<Run> settleDue() {
        Instant now = clock.instant();
        YearMonth cycle = YearMonth.from(utc(now));
        return refresh().chain(() -> pool.withTransaction(conn -> store.tryLock(conn).chain(held -> {
            if (!held) {
                LOG.debugf("settlement of %s skipped: another runner holds the lock", cycle);
                return Uni.createFrom().item(new Run(cycle.toString(), false, 0));
            }
            return settleAndRecord(cycle, "SCHEDULE", now).map(issued -> new Run(cycle.toString(), true, issued));
        }))).call(this::refresh);
    }

    /** An administrator's run of {@code cycle} (a replay): no lock, safe beside the schedule (SKIP LOCKED). */
    public Uni<Integer> replay(YearMonth cycle) {
        return settleAndRecord(cycle, "ADMIN", clock.instant()).call(this::refresh);
    }

    private Uni<Integer> settleAndRecord(YearMonth cycle, String trigger, Instant startedAt) {
        return settlement.settle(cycle).call(issued -> store.recordRun(cycle.toString(), trigger, RUNNER, startedAt,
                clock.instant(), issued));
    }

    /**
     * Reads the months whose confirmed decisions are still pending (the partial index of pending decisions),
     * with the policy and billing cycle of their accounts, which set their deadline.
     */
    public Uni<Void> refresh() {
        return store.pendingMonths().invoke(months -> pendingMonths.set(Set.copyOf(months))).replaceWithVoid();
    }

    /**
     * The months overdue now (QNT-CRD-3): a decision confirmed in month M is late from its deadline, the
     * policy's ({@code credits.issue.withinBillingCycles}) or, for a policy without one, the platform's.
     */
    double overdue() {
        Instant now = clock.instant();
        return pendingMonths.get().stream().filter(p -> !deadline(p).isAfter(now)).map(PendingMonth::month).distinct().count();
    }

    /** The deadline of a pending month, under the policy version in force on its first day (POL-3). */
    Instant deadline(PendingMonth pending) {
        CreditIssueTerms terms = pending.policy() != null && policies.knows(pending.policy())
                ? CreditIssueTerms.of(policies.inForce(pending.policy(), pending.month().atDay(1)).credits())
                : CreditIssueTerms.of(java.util.Optional.empty());
        return terms.deadline(pending.month(), pending.cycle(), overdueAfter);
    }
}
