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

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.runtime.problem.MonthParameter;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.slatimer.mapping.MonthlySlaReport;
import org.slaplatform.slatimer.repository.ClockStore;
import org.slaplatform.slatimer.repository.TrackedTicketRepository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** SLA-6 monthly reports from the clocks as last derived. */
@ApplicationScoped
public class SlaReports {

    private final TrackedTicketRepository tickets;
    private final ClockStore clocks;
    private final Clock clock;

    SlaReports(TrackedTicketRepository tickets, ClockStore clocks, Clock clock) {
        this.tickets = tickets;
        this.clocks = clocks;
        this.clock = clock;
    }

    public Uni<MonthlySlaReport> month(String accountId, String month, Caller caller) {
        if (!caller.maySee(accountId)) {
            throw ProblemException.notFound("SLA report of account " + accountId);
        }
        YearMonth yearMonth = MonthParameter.parse("month", month);
        Instant now = clock.instant();
        return Panache.withSession(() -> tickets.latestTimeZone(accountId).chain(name -> {
            ZoneId zone = zoneOf(name.orElse(null));
            Instant from = yearMonth.atDay(1).atStartOfDay(zone).toInstant();
            Instant to = yearMonth.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            return clocks.dueBetween(accountId, from, to)
                    .map(rows -> report(accountId, yearMonth.toString(), zone, rows, now));
        }));
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

    private static MonthlySlaReport report(String accountId, String month, ZoneId zone, List<ClockStore.DueClock> rows,
            Instant now) {
        Map<String, long[]> counts = new TreeMap<>();
        List<MonthlySlaReport.Breach> breaches = new ArrayList<>();
        for (ClockStore.DueClock row : rows) {
            int severity = row.severity();
            String target = row.target();
            Instant due = row.dueAt();
            Instant met = row.metAt();
            Instant pausedSince = row.pausedSince();
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
                breaches.add(new MonthlySlaReport.Breach(row.ticketId(), target, row.cycle(), severity,
                        row.calendar(), due, met));
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
