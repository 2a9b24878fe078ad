package org.slaplatform.availability.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.availability.domain.MonthlyUptime;
import org.slaplatform.availability.mapping.InstanceView;
import org.slaplatform.availability.repository.AvailabilityReads;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * QNT-AVL-6: the public status page of an account (or one environment of it), rendered on the
 * server: current state, incidents with their timelines, upcoming maintenance and 90 daily uptime
 * bars per instance with the day's percentage on hover.
 */
@ApplicationScoped
public class StatusPage {

    static final int DAYS = 90;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private final AvailabilityReads reads;
    private final UptimeService uptime;
    private final Clock clock;
    private final Template page;

    StatusPage(AvailabilityReads reads, UptimeService uptime, Clock clock, @Location("status.html") Template page) {
        this.reads = reads;
        this.uptime = uptime;
        this.clock = clock;
        this.page = page;
    }

    public record Bar(String day, String percent, String level, String title) {
    }

    public record InstanceStatus(String instanceId, String environment, String state, String percent90, List<Bar> bars) {
    }

    public record TimelineEntry(String at, String what) {
    }

    public record Incident(String instanceId, String title, String cause, boolean excluded, boolean ongoing,
            List<TimelineEntry> timeline) {
    }

    public record UpcomingMaintenance(String kind, String instanceId, String from, String to, String description) {
    }

    /** The environments of the account's monitored instances (issue 17: a page's variants, known before rendering). */
    public Uni<java.util.Set<String>> environments(String accountId) {
        return reads.instancesOfAccount(accountId).map(all -> all.stream().map(InstanceView::environment)
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    /** The page, or null when the account has no monitored instance in that group. */
    public Uni<String> render(String accountId, String environment) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        return reads.instancesOfAccount(accountId).chain(all -> {
            List<InstanceView> instances = all.stream()
                    .filter(i -> environment == null || environment.equals(i.environment())).toList();
            if (instances.isEmpty()) {
                return Uni.createFrom().nullItem();
            }
            ZoneId zone = ZoneId.of(instances.get(0).timeZone());
            Instant from = LocalDate.ofInstant(now, zone).minusDays(DAYS - 1).atStartOfDay(zone).toInstant();
            List<Incident> incidents = new ArrayList<>();
            return Multi.createFrom().iterable(instances)
                    .onItem().transformToUniAndConcatenate(i -> instanceStatus(i, from, now, zone, incidents))
                    .collect().asList()
                    .chain(statuses -> reads.maintenance(accountId, null, now, now.plus(Duration.ofDays(90)))
                            .map(maintenance -> {
                                List<UpcomingMaintenance> upcoming = maintenance.stream()
                                        .map(m -> new UpcomingMaintenance(m.kind().name().toLowerCase().replace('_', ' '),
                                                m.instanceId() == null ? "all instances" : m.instanceId(),
                                                TIME.format(m.startsAt().atZone(zone)), TIME.format(m.endsAt().atZone(zone)),
                                                m.description() == null ? "" : m.description()))
                                        .toList();
                                incidents.sort(Comparator.comparing((Incident i) -> i.timeline().get(0).at()).reversed());
                                String overall = statuses.stream().map(InstanceStatus::state).anyMatch("Down"::equals)
                                        ? "Some systems are down"
                                        : statuses.stream().map(InstanceStatus::state).anyMatch("Maintenance"::equals)
                                                ? "Maintenance in progress" : "All systems operational";
                                return page.data("account", accountId).data("group", environment)
                                        .data("overall", overall).data("generatedAt", TIME.format(now.atZone(zone)))
                                        .data("instances", statuses).data("incidents", incidents)
                                        .data("upcoming", upcoming).data("days", DAYS).render();
                            }));
        });
    }

    private Uni<InstanceStatus> instanceStatus(InstanceView instance, Instant from, Instant now, ZoneId zone,
            List<Incident> incidents) {
        return uptime.compute(instance, from, now).chain(u -> reads.outages(instance.instanceId(), from, now)
                .chain(outages -> reads.maintenance(instance.accountId(), instance.instanceId(), now, now.plusSeconds(60))
                        .map(current -> {
                            for (AvailabilityReads.OutageRow o : outages) {
                                List<TimelineEntry> timeline = new ArrayList<>();
                                timeline.add(new TimelineEntry(TIME.format(o.startedAt().atZone(zone)), "Outage began"));
                                if (o.endedAt() != null) {
                                    timeline.add(new TimelineEntry(TIME.format(o.endedAt().atZone(zone)), "Resolved"));
                                }
                                incidents.add(new Incident(instance.instanceId(), o.note() == null ? "Outage" : o.note(),
                                        o.cause().name().toLowerCase().replace('_', ' '),
                                        o.cause().exclusion().isPresent() && !"OURS".equals(o.cause().name()),
                                        o.endedAt() == null || o.endedAt().isAfter(now), timeline));
                            }
                            for (MonthlyUptime.Run run : u.explanation()) {
                                if (run.counted() && outages.stream().noneMatch(o -> !o.startedAt().isAfter(run.from())
                                        && (o.endedAt() == null || !o.endedAt().isBefore(run.to())))) {
                                    incidents.add(new Incident(instance.instanceId(), "Unavailable (detected by probes)",
                                            "detected", false, !run.to().isBefore(now), List.of(
                                                    new TimelineEntry(TIME.format(run.from().atZone(zone)), "Probes saw it down"),
                                                    new TimelineEntry(TIME.format(run.to().atZone(zone)),
                                                            run.to().isBefore(now) ? "Up again (" + run.minutes() + " min)"
                                                                    : "Still down"))));
                                }
                            }
                            boolean downNow = u.explanation().stream()
                                    .anyMatch(r -> r.counted() && !r.to().isBefore(now.minusSeconds(60)))
                                    || outages.stream().anyMatch(o -> o.endedAt() == null || o.endedAt().isAfter(now));
                            String state = downNow ? "Down" : current.isEmpty() ? "Operational" : "Maintenance";
                            List<Bar> bars = bars(u, from, now, zone);
                            BigDecimal percent = u.uptimePercent().setScale(2, RoundingMode.FLOOR);
                            return new InstanceStatus(instance.instanceId(), instance.environment(), state,
                                    percent.toPlainString(), bars);
                        })));
    }

    /** One bar per local day: counted Unavailable minutes of the day over the day's minutes (so far, for today). */
    static List<Bar> bars(MonthlyUptime u, Instant from, Instant now, ZoneId zone) {
        List<Bar> bars = new ArrayList<>();
        LocalDate day = LocalDate.ofInstant(from, zone);
        for (int i = 0; i < DAYS; i++, day = day.plusDays(1)) {
            Instant start = day.atStartOfDay(zone).toInstant();
            Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
            if (end.isAfter(now)) {
                end = now;
            }
            long minutes = Math.max(1, Duration.between(start, end).toMinutes());
            Instant s = start;
            Instant e = end;
            long down = u.explanation().stream().filter(MonthlyUptime.Run::counted).mapToLong(r -> {
                Instant a = r.from().isAfter(s) ? r.from() : s;
                Instant b = r.to().isBefore(e) ? r.to() : e;
                return b.isAfter(a) ? Duration.between(a, b).toMinutes() : 0;
            }).sum();
            BigDecimal percent = BigDecimal.valueOf((minutes - down) * 100).divide(BigDecimal.valueOf(minutes), 2,
                    RoundingMode.FLOOR);
            String level = down == 0 ? "up" : percent.compareTo(BigDecimal.valueOf(99)) >= 0 ? "degraded" : "down";
            bars.add(new Bar(day.toString(), percent.toPlainString(), level,
                    day + ": " + percent.toPlainString() + " % uptime" + (down == 0 ? "" : ", " + down + " min unavailable")));
        }
        return bars;
    }
}
