package org.slaplatform.slatimer.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.runtime.problem.MonthParameter;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.slatimer.mapping.MonthlySlaReport;
import org.slaplatform.runtime.time.Instants;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** SLA-6 monthly reports from the clocks as last derived. */
@ApplicationScoped
public class SlaReports {

    private final Clock clock;

    SlaReports(Clock clock) {
        this.clock = clock;
    }

    public Uni<MonthlySlaReport> month(String accountId, String month, Caller caller) {
        if (!caller.maySee(accountId)) {
            throw ProblemException.notFound("SLA report of account " + accountId);
        }
        YearMonth yearMonth = MonthParameter.parse("month", month);
        Instant now = clock.instant();
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                select time_zone from tracked_tickets
                 where account_id = :account and time_zone is not null
                 order by opened_at desc limit 1""", String.class)
                .setParameter("account", accountId).getResultList()
                .chain(zones -> {
                    ZoneId zone = zoneOf(zones.isEmpty() ? null : zones.get(0));
                    Instant from = yearMonth.atDay(1).atStartOfDay(zone).toInstant();
                    Instant to = yearMonth.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
                    return clocksDueBetween(session, accountId, from, to)
                            .map(rows -> report(accountId, yearMonth.toString(), zone, rows, now));
                })));
    }

    /** The account's zone as its latest ticket named it; UTC when none is known or the name is not a zone. */
    static ZoneId zoneOf(String name) {
        if (name == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }

    private static Uni<List<Object[]>> clocksDueBetween(Mutiny.Session session, String accountId, Instant from,
            Instant to) {
        return session.createNativeQuery("""
                select ticket_id, target, cycle, severity, calendar,
                       (extract(epoch from due_at) * 1000)::bigint,
                       (extract(epoch from met_at) * 1000)::bigint,
                       (extract(epoch from paused_since) * 1000)::bigint
                  from sla_clocks
                 where account_id = :account and due_at >= :from and due_at < :to
                 order by due_at, ticket_id, target""", Object[].class)
                .setParameter("account", accountId)
                .setParameter("from", Instants.utc(from)).setParameter("to", Instants.utc(to))
                .getResultList();
    }

    private static MonthlySlaReport report(String accountId, String month, ZoneId zone, List<Object[]> rows,
            Instant now) {
        Map<String, long[]> counts = new TreeMap<>();
        List<MonthlySlaReport.Breach> breaches = new ArrayList<>();
        for (Object[] row : rows) {
            int severity = ((Number) row[3]).intValue();
            String target = (String) row[1];
            Instant due = Instant.ofEpochMilli(((Number) row[5]).longValue());
            Instant met = row[6] == null ? null : Instant.ofEpochMilli(((Number) row[6]).longValue());
            Instant pausedSince = row[7] == null ? null : Instant.ofEpochMilli(((Number) row[7]).longValue());
            boolean breached;
            if (met != null) {
                breached = met.isAfter(due);
            } else if (pausedSince != null) {
                breached = !due.isAfter(pausedSince);
            } else {
                breached = !now.isBefore(due);
            }
            boolean decided = met != null || breached;
            if (!decided) {
                continue;
            }
            long[] c = counts.computeIfAbsent(severity + "/" + target, k -> new long[2]);
            c[0]++;
            if (!breached) {
                c[1]++;
            } else {
                breaches.add(new MonthlySlaReport.Breach((UUID) row[0], target, ((Number) row[2]).intValue(), severity,
                        (String) row[4], due, met));
            }
        }
        List<MonthlySlaReport.Share> shares = new ArrayList<>();
        counts.forEach((key, c) -> {
            String[] parts = key.split("/");
            shares.add(new MonthlySlaReport.Share(Integer.parseInt(parts[0]), parts[1], c[0], c[1],
                    BigDecimal.valueOf(c[1] * 100).divide(BigDecimal.valueOf(c[0]), 2, RoundingMode.HALF_EVEN)));
        });
        return new MonthlySlaReport(accountId, month, zone.getId(), shares, breaches);
    }
}
