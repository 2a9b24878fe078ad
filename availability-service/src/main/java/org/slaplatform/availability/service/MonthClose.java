package org.slaplatform.availability.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.availability.config.AvailabilityConfig;
import org.slaplatform.availability.domain.MonthResult;
import org.slaplatform.availability.domain.MonthlyUptime;
import org.slaplatform.availability.mapping.InstanceView;
import org.slaplatform.availability.repository.AvailabilityReads;
import org.slaplatform.availability.repository.MonthResultRepository;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.runtime.outbox.Outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * AVL-7: after a month ends in an instance's zone and the grace period passes, publishes the
 * instance's result (version 1); when late inputs change the figures, publishes the next version.
 * Work rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so any number of service instances
 * close months side by side and each instance-month is published once per change.
 */
@ApplicationScoped
public class MonthClose {

    private static final Logger LOG = Logger.getLogger(MonthClose.class);

    private final Pool pool;
    private final AvailabilityReads reads;
    private final UptimeService uptime;
    private final MonthResultRepository results;
    private final Outbox outbox;
    private final Clock clock;
    private final AvailabilityConfig config;
    private final MeterRegistry registry;

    MonthClose(Pool pool, AvailabilityReads reads, UptimeService uptime, MonthResultRepository results, Outbox outbox,
            Clock clock, AvailabilityConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.reads = reads;
        this.uptime = uptime;
        this.results = results;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.registry = registry;
    }

    @Scheduled(every = "${availability.month-close.every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return closeDue().onFailure().invoke(e -> LOG.warn("month close failed; the next run retries", e)).onFailure()
                .recoverWithNull().replaceWithVoid();
    }

    /** Opens the previous month of every active instance, then closes or corrects whatever is due. Answers the versions published. */
    public Uni<Integer> closeDue() {
        Instant now = clock.instant();
        return seed(now).chain(() -> drain(now, 0));
    }

    private Uni<Void> seed(Instant now) {
        // The previous month in each instance's zone, due at that zone's month start plus the grace period.
        return pool.preparedQuery("insert into month_closes (instance_id, month, due_at, dirty) "
                + "select instance_id, to_char(($1::timestamptz at time zone month_zone) - interval '1 month', 'YYYY-MM'), "
                + "(date_trunc('month', $1::timestamptz at time zone month_zone) at time zone month_zone) + $2::bigint * interval '1 second', true "
                + "from instances where active on conflict do nothing")
                .execute(Tuple.of(OffsetDateTime.ofInstant(now, ZoneOffset.UTC), config.monthClose().grace().toSeconds()))
                .replaceWithVoid();
    }

    private Uni<Integer> drain(Instant now, int publishedSoFar) {
        return claimAndClose(now).chain(batch -> batch.claimed() == 0 ? Uni.createFrom().item(publishedSoFar + batch.published())
                : drain(now, publishedSoFar + batch.published()));
    }

    private record Batch(int claimed, int published) {
    }

    @SuppressWarnings("unchecked")
    private Uni<Batch> claimAndClose(Instant now) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s
                .createNativeQuery("select instance_id, month, version, coalesce(fingerprint, '') from month_closes "
                        + "where dirty and due_at <= cast(:now as timestamptz) order by due_at, instance_id limit :n "
                        + "for update skip locked")
                .setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).setParameter("n", config.monthClose().batch()).getResultList())
                .chain(rows -> {
                    List<Object[]> claimed = (List<Object[]>) (List<?>) rows;
                    Uni<Integer> published = Uni.createFrom().item(0);
                    for (Object[] row : claimed) {
                        published = published.chain(count -> close((String) row[0], (String) row[1],
                                ((Number) row[2]).intValue(), (String) row[3], now).map(p -> count + (p ? 1 : 0)));
                    }
                    return published.map(p -> new Batch(claimed.size(), p));
                }));
    }

    /** Computes one instance-month; publishes a new version only when its figures changed. */
    private Uni<Boolean> close(String instanceId, String month, int version, String fingerprint, Instant now) {
        return reads.instance(instanceId).chain(instance -> {
            YearMonth ym = YearMonth.parse(month);
            Instant from = UptimeService.monthStart(ym, instance.monthZone());
            Instant to = UptimeService.monthStart(ym.plusMonths(1), instance.monthZone());
            return uptime.compute(instance, from, to).chain(u -> {
                if (u.fingerprint().equals(fingerprint)) {
                    return update(instanceId, month, version, fingerprint, now).replaceWith(false);
                }
                int next = version + 1;
                MonthlyAvailability event = event(instance, ym, next, u, now);
                MonthResult result = new MonthResult();
                result.instanceId = instanceId;
                result.month = month;
                result.version = next;
                Map<String, Object> payload = new LinkedHashMap<>();
                payload.put("result", event);
                payload.put("explanation", u.explanation());
                result.payload = CloudEventCodec.dataJson(payload);
                result.createdAt = now.truncatedTo(ChronoUnit.MICROS);
                registry.counter("availability.month.results", "kind", next == 1 ? "close" : "correction").increment();
                LOG.infof("instance %s month %s: version %d, uptime %s %%", instanceId, month, next, u.uptimePercent());
                return results.persist(result)
                        .chain(() -> outbox.append(EventEnvelope.of(EventTypes.MONTH_CLOSED, OutageService.SERVICE, instanceId,
                                now, event)))
                        .chain(() -> update(instanceId, month, next, u.fingerprint(), now)).replaceWith(true);
            });
        });
    }

    private MonthlyAvailability event(InstanceView instance, YearMonth month, int version, MonthlyUptime u, Instant now) {
        BigDecimal commitment = uptime.commitment(instance);
        return new MonthlyAvailability(instance.instanceId(), instance.accountId(), month.toString(), instance.monthZone(),
                version, instance.policy(), instance.policyVersion(), instance.plan(), commitment, u.uptimePercent(),
                u.totalMinutes(), u.unavailableMinutes(), u.excludedMinutes(), u.excludedByCause(),
                commitment == null || u.uptimePercent().compareTo(commitment) >= 0, now);
    }

    private static Uni<Void> update(String instanceId, String month, int version, String fingerprint, Instant now) {
        return Panache.getSession().chain(s -> s
                .createNativeQuery("update month_closes set dirty = false, version = :v, fingerprint = :f, "
                        + "closed_at = cast(:now as timestamptz) where instance_id = :i and month = :m")
                .setParameter("v", version).setParameter("f", fingerprint).setParameter("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .setParameter("i", instanceId).setParameter("m", month).executeUpdate()).replaceWithVoid();
    }

    /** Versions so far, for tests and the API. */
    public Uni<List<String>> versions(String instanceId, String month) {
        return reads.monthResults(instanceId, month);
    }

}
