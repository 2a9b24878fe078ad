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

import org.slaplatform.availability.domain.ContractTerms;
import org.slaplatform.availability.domain.MonthlyUptime;
import org.slaplatform.availability.domain.UptimeCalculator;
import org.slaplatform.availability.mapping.ErrorBudgetView;
import org.slaplatform.availability.mapping.InstanceView;
import org.slaplatform.availability.mapping.UptimeView;
import org.slaplatform.availability.repository.AvailabilityReads;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.policy.calendar.InstantRange;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;

import io.smallrye.mutiny.Uni;

/** Monthly Uptime Percentage (QNT-AVL-2), the IS support Service Level (IS-AVL-5) and the error budget. */
@ApplicationScoped
public class UptimeService {

    private final AvailabilityReads reads;
    private final TermsInForce terms;
    private final PolicyBook book;
    private final Clock clock;

    UptimeService(AvailabilityReads reads, TermsInForce terms, Clock clock) {
        this.reads = reads;
        this.terms = terms;
        this.book = terms.book();
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

    /**
     * The figures over {@code [from, to)}: probes' quorum-down minutes, outages, excluded maintenance;
     * the quorum is that of the policy version in force at {@code from} (POL-3).
     */
    public Uni<MonthlyUptime> compute(InstanceView instance, Instant from, Instant to) {
        return terms.policyAt(instance.accountId(), from, instance.monthZone())
                .chain(policy -> compute(instance, policy, from, to));
    }

    /** The figures over {@code [from, to)}, probe minutes judged by {@code policy}'s quorum. */
    public Uni<MonthlyUptime> compute(InstanceView instance, Policy policy, Instant from, Instant to) {
        return reads.downMinutes(instance.instanceId(), TermsInForce.quorum(policy), from, to)
                .chain(down -> reads.outages(instance.instanceId(), from, to).chain(outages -> reads
                        .maintenance(instance.accountId(), instance.instanceId(), from, to)
                        .map(maintenance -> compute(instance, from, to, down, outages, maintenance))));
    }

    /**
     * The figures from what was read for {@code [from, to)}: the one computation behind the uptime
     * API, the error budget, the status page and the month close (AVL-7), whether read one
     * instance at a time or a batch of instances at once. Each outage's cause is judged under the
     * policy version the outage recorded when it began (POL-3); maintenance carries its verdict.
     */
    public MonthlyUptime compute(InstanceView instance, Instant from, Instant to, List<Instant> down,
            List<AvailabilityReads.OutageRow> outages, List<AvailabilityReads.MaintenanceRow> maintenance) {
        Instant now = clock.instant();
        List<UptimeCalculator.OutageSpan> spans = new ArrayList<>(outages.size());
        Instant openEnd = now.isBefore(to) ? now : to;
        for (AvailabilityReads.OutageRow o : outages) {
            spans.add(new UptimeCalculator.OutageSpan(AvailabilityReads.clip(o.startedAt(), o.endedAt(), openEnd),
                    o.cause().exclusion().filter(book.version(o.policy(), o.policyVersion())::excludes).orElse(null),
                    o.cause().name()));
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
        return terms.month(instance, month).chain(monthTerms -> compute(instance, monthTerms.policy(), from, to)
                .map(u -> view(instance, month, running, u, monthTerms)));
    }

    /** The month's figures under the policy version and plan it is judged under (POL-3), not the contract's current ones. */
    public UptimeView view(InstanceView instance, YearMonth month, boolean running, MonthlyUptime u,
            ContractTerms.MonthTerms monthTerms) {
        BigDecimal commitment = monthTerms.commitment();
        boolean met = commitment == null || u.uptimePercent().compareTo(commitment) >= 0;
        return new UptimeView(instance.instanceId(), instance.accountId(), month.toString(), instance.monthZone(),
                monthTerms.policy().id(), monthTerms.policy().version(), monthTerms.plan(), commitment, met, running,
                u.from(), u.to(), u.totalMinutes(), u.unavailableMinutes(), u.excludedMinutes(), u.excludedByCause(),
                u.uptimePercent(), u.explanation());
    }

    /** Minutes left before the running month misses its commitment, and the burn rate over the last hour and day. */
    public Uni<ErrorBudgetView> errorBudget(InstanceView instance) {
        YearMonth month = currentMonth(instance);
        return terms.month(instance, month).chain(monthTerms -> errorBudget(instance, month, monthTerms));
    }

    private Uni<ErrorBudgetView> errorBudget(InstanceView instance, YearMonth month, ContractTerms.MonthTerms monthTerms) {
        BigDecimal commitment = monthTerms.commitment();
        if (commitment == null) {
            throw ProblemException.conflict("plan " + monthTerms.plan() + " of policy " + monthTerms.policy().id()
                    + " makes no uptime commitment, so there is no error budget");
        }
        Instant from = monthStart(month, instance.monthZone());
        Instant end = monthStart(month.plusMonths(1), instance.monthZone());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        long monthMinutes = Duration.between(from, end).toMinutes();
        BigDecimal allowedShare = BigDecimal.valueOf(100).subtract(commitment).divide(BigDecimal.valueOf(100));
        // Uptime >= commitment while Unavailable minutes <= monthMinutes * (100 - commitment) / 100.
        long allowed = BigDecimal.valueOf(monthMinutes).multiply(allowedShare).setScale(0, RoundingMode.FLOOR).longValueExact();
        Instant dayAgo = now.minus(1, ChronoUnit.DAYS);
        Instant hourAgo = now.minus(1, ChronoUnit.HOURS);
        return compute(instance, monthTerms.policy(), from, now.isAfter(from) ? now : from)
                .chain(soFar -> compute(instance, monthTerms.policy(), dayAgo, now).map(lastDay -> {
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
