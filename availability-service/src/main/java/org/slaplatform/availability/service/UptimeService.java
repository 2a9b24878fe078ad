package org.slaplatform.availability.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.availability.domain.MonthlyUptime;
import org.slaplatform.availability.mapping.ErrorBudgetView;
import org.slaplatform.availability.mapping.InstanceView;
import org.slaplatform.availability.mapping.UptimeView;
import org.slaplatform.availability.repository.AvailabilityReads;
import org.slaplatform.policy.Plan;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.calendar.InstantRange;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;

import io.smallrye.mutiny.Uni;

/** Monthly Uptime Percentage (QNT-AVL-2), the IS support Service Level (IS-AVL-5) and the error budget. */
@ApplicationScoped
public class UptimeService {

    private final AvailabilityReads reads;
    private final PolicyBook policies;
    private final Clock clock;

    UptimeService(AvailabilityReads reads, PolicyBook policies, Clock clock) {
        this.reads = reads;
        this.policies = policies;
        this.clock = clock;
    }

    /** The instance, if the caller may see its account; otherwise a 404 that does not say whether it exists. */
    public Uni<InstanceView> visible(String instanceId, Caller caller) {
        return reads.instance(instanceId).map(instance -> {
            if (instance == null || !caller.maySee(instance.accountId())) {
                throw ProblemException.notFound("instance " + instanceId);
            }
            return instance;
        });
    }

    /** The figures over {@code [from, to)}: probes' quorum-down minutes, outages, excluded maintenance. */
    public Uni<MonthlyUptime> compute(InstanceView instance, Instant from, Instant to) {
        return reads.downMinutes(instance.instanceId(), policies.quorum(instance.policy()), from, to)
                .chain(down -> reads.outages(instance.instanceId(), from, to).chain(outages -> reads
                        .maintenance(instance.accountId(), instance.instanceId(), from, to)
                        .map(maintenance -> compute(instance, from, to, down, outages, maintenance))));
    }

    /**
     * The figures from what was read for {@code [from, to)}: the one computation behind the uptime
     * API, the error budget, the status page and the month close (AVL-7), whether read one
     * instance at a time or a batch of instances at once.
     */
    public MonthlyUptime compute(InstanceView instance, Instant from, Instant to, List<Instant> down,
            List<AvailabilityReads.OutageRow> outages, List<AvailabilityReads.MaintenanceRow> maintenance) {
        Policy policy = policies.get(instance.policy());
        Instant now = clock.instant();
        List<UptimeCalculator.OutageSpan> spans = new ArrayList<>(outages.size());
        Instant openEnd = now.isBefore(to) ? now : to;
        for (AvailabilityReads.OutageRow o : outages) {
            spans.add(new UptimeCalculator.OutageSpan(AvailabilityReads.clip(o.startedAt(), o.endedAt(), openEnd),
                    o.cause().exclusion().filter(policy::excludes).orElse(null), o.cause().name()));
        }
        List<UptimeCalculator.ExcludedSpan> excluded = new ArrayList<>();
        for (AvailabilityReads.MaintenanceRow m : maintenance) {
            if (m.excluded()) {
                excluded.add(new UptimeCalculator.ExcludedSpan(new InstantRange(m.startsAt(), m.endsAt()), m.kind().exclusion()));
            }
        }
        return UptimeCalculator.compute(from, to, new UptimeCalculator.Inputs(down, spans, excluded));
    }

    public static Instant monthStart(YearMonth month, String zone) {
        return month.atDay(1).atStartOfDay(ZoneId.of(zone)).toInstant();
    }

    public YearMonth currentMonth(InstanceView instance) {
        return YearMonth.from(clock.instant().atZone(ZoneId.of(instance.monthZone())));
    }

    /** A whole month, or the running month up to now (QNT-AVL-2). */
    public Uni<UptimeView> month(InstanceView instance, YearMonth month) {
        Instant from = monthStart(month, instance.monthZone());
        Instant end = monthStart(month.plusMonths(1), instance.monthZone());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        if (!from.isBefore(now)) {
            throw ProblemException.badRequest("month", month + " has not begun in " + instance.monthZone());
        }
        boolean running = now.isBefore(end);
        Instant to = running ? now : end;
        return compute(instance, from, to).map(u -> view(instance, month, running, u));
    }

    public UptimeView view(InstanceView instance, YearMonth month, boolean running, MonthlyUptime u) {
        BigDecimal commitment = commitment(instance);
        boolean met = commitment == null || u.uptimePercent().compareTo(commitment) >= 0;
        return new UptimeView(instance.instanceId(), instance.accountId(), month.toString(), instance.monthZone(),
                instance.policy(), instance.policyVersion(), instance.plan(), commitment, met, running, u.from(), u.to(),
                u.totalMinutes(), u.unavailableMinutes(), u.excludedMinutes(), u.excludedByCause(), u.uptimePercent(),
                u.explanation());
    }

    /** The plan's monthly commitment (QNT-CRD-1, IS-AVL-5), or null when it makes none. */
    public BigDecimal commitment(InstanceView instance) {
        return policies.get(instance.policy()).plan(instance.plan()).map(Plan::uptimeCommitment).orElse(null);
    }

    /** Minutes left before the running month misses its commitment, and the burn rate over the last hour and day. */
    public Uni<ErrorBudgetView> errorBudget(InstanceView instance) {
        BigDecimal commitment = commitment(instance);
        if (commitment == null) {
            throw ProblemException.conflict("plan " + instance.plan() + " of policy " + instance.policy()
                    + " makes no uptime commitment, so there is no error budget");
        }
        YearMonth month = currentMonth(instance);
        Instant from = monthStart(month, instance.monthZone());
        Instant end = monthStart(month.plusMonths(1), instance.monthZone());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        long monthMinutes = Duration.between(from, end).toMinutes();
        BigDecimal allowedShare = BigDecimal.valueOf(100).subtract(commitment).divide(BigDecimal.valueOf(100));
        // Uptime >= commitment while Unavailable minutes <= monthMinutes * (100 - commitment) / 100.
        long allowed = BigDecimal.valueOf(monthMinutes).multiply(allowedShare).setScale(0, RoundingMode.FLOOR).longValueExact();
        Instant dayAgo = now.minus(1, ChronoUnit.DAYS);
        Instant hourAgo = now.minus(1, ChronoUnit.HOURS);
        return compute(instance, from, now.isAfter(from) ? now : from)
                .chain(soFar -> compute(instance, dayAgo, now).map(lastDay -> {
                    long lastHour = lastDay.explanation().stream().filter(MonthlyUptime.Run::counted)
                            .mapToLong(r -> overlap(r, hourAgo, now)).sum();
                    return new ErrorBudgetView(instance.instanceId(), month.toString(), commitment, monthMinutes, allowed,
                            soFar.unavailableMinutes(), allowed - soFar.unavailableMinutes(),
                            burnRate(lastHour, 60, allowedShare), burnRate(lastDay.unavailableMinutes(), 1440, allowedShare));
                }));
    }

    private static long overlap(MonthlyUptime.Run run, Instant from, Instant to) {
        Instant a = run.from().isAfter(from) ? run.from() : from;
        Instant b = run.to().isBefore(to) ? run.to() : to;
        return b.isAfter(a) ? Duration.between(a, b).toMinutes() : 0;
    }

    /** Share of the window Unavailable over the share the commitment allows: above 1 the budget runs out before the month does. */
    private static BigDecimal burnRate(long unavailable, long windowMinutes, BigDecimal allowedShare) {
        if (allowedShare.signum() == 0) {
            return unavailable == 0 ? BigDecimal.ZERO : null;
        }
        return BigDecimal.valueOf(unavailable).divide(BigDecimal.valueOf(windowMinutes).multiply(allowedShare), 2,
                RoundingMode.HALF_EVEN);
    }
}
