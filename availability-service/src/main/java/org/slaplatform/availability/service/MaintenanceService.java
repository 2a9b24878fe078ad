package org.slaplatform.availability.service;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.availability.config.AvailabilityConfig;
import org.slaplatform.availability.config.ServiceName;
import org.slaplatform.availability.domain.Actor;
import org.slaplatform.availability.domain.InputBounds;
import org.slaplatform.availability.domain.LateInputs;
import org.slaplatform.availability.domain.MaintenanceJudge;
import org.slaplatform.availability.domain.MaintenanceKind;
import org.slaplatform.availability.mapping.MaintenanceEnd;
import org.slaplatform.availability.mapping.MaintenanceMove;
import org.slaplatform.availability.mapping.MaintenanceRequest;
import org.slaplatform.availability.mapping.MaintenanceView;
import org.slaplatform.availability.repository.AuditLine;
import org.slaplatform.availability.repository.AuditLineRepository;
import org.slaplatform.availability.repository.InstanceRepository;
import org.slaplatform.availability.repository.Maintenance;
import org.slaplatform.availability.repository.MaintenanceRepository;
import org.slaplatform.availability.repository.MonthCloseStore;
import org.slaplatform.availability.repository.ServiceInstance;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.availability.MaintenanceAnnounced;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.problem.Problem;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;
import org.slaplatform.runtime.security.Roles;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * AVL-3, IS-AVL-4: announcing, moving and cancelling maintenance. Each answers whether the downtime
 * will be excluded and why not, and is an event for notification-service (NTF-2) in the same transaction.
 */
@ApplicationScoped
public class MaintenanceService {

    private static final Logger LOG = Logger.getLogger(MaintenanceService.class);

    private final MaintenanceRepository maintenance;
    private final InstanceRepository instances;
    private final TermsInForce terms;
    private final Outbox outbox;
    private final Clock clock;
    private final MaintenanceWindows windows;
    private final AvailabilityConfig config;
    private final AuditLineRepository audit;
    private final MonthCloseStore monthCloses;

    MaintenanceService(MaintenanceRepository maintenance, InstanceRepository instances, TermsInForce terms, Outbox outbox,
            Clock clock, MaintenanceWindows windows, AvailabilityConfig config, AuditLineRepository audit,
            MonthCloseStore monthCloses) {
        this.config = config;
        this.audit = audit;
        this.monthCloses = monthCloses;
        this.windows = windows;
        this.maintenance = maintenance;
        this.instances = instances;
        this.terms = terms;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Uni<MaintenanceView> announce(MaintenanceRequest request, Caller caller, Actor actor) {
        if (request == null) {
            throw ProblemException.badRequest("body", "must be a maintenance announcement");
        }
        MaintenanceKind kind = kind(request.kind());
        if (kind != MaintenanceKind.CUSTOMER_DESIGNATED && !caller.actsForAnyAccount()) {
            throw ProblemException.forbidden("only support staff announce " + kind + " maintenance");
        }
        if (caller.hasRole(Roles.PARTNER) && !caller.actsForAnyAccount()) {
            throw ProblemException.forbidden("a partner does not designate maintenance windows");
        }
        InputBounds.text("accountId", request.accountId(), InputBounds.MAX_ID);
        InputBounds.text("instanceId", request.instanceId(), InputBounds.MAX_ID);
        InputBounds.text("description", request.description(), InputBounds.MAX_DESCRIPTION);
        // AVL-3: only emergency maintenance carries a justification, and only staff announce it (1 to 500 characters).
        String justification = request.reason() == null ? null : OutageService.reason(request.reason(), false);
        if (justification != null && kind != MaintenanceKind.EMERGENCY) {
            throw ProblemException.badRequest("reason", "only EMERGENCY maintenance carries a justification");
        }
        String accountId = caller.accountForWrite(request.accountId());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        checkWindow(kind, request.startsAt(), request.endsAt(), now);
        return Panache.withTransaction(() -> affected(accountId, request.instanceId()).chain(affected -> {
            ServiceInstance any = affected.get(0);
            checkContractStart(affected, request.startsAt());
            Maintenance m = new Maintenance();
            m.id = UUID.randomUUID();
            m.accountId = accountId;
            m.instanceId = request.instanceId();
            m.kind = kind;
            m.status = Maintenance.Status.ANNOUNCED;
            m.revision = 1;
            m.description = request.description();
            m.justification = justification;
            // AVL-3: the justification is an audit line in the same transaction (who, when, why).
            Uni<Void> audited = justification == null ? Uni.createFrom().voidItem()
                    : audit.persist(AuditLine.of(AuditLine.Action.EMERGENCY_MAINTENANCE_JUSTIFIED, actor, now, m.id.toString(),
                            accountId, m.instanceId, "emergency " + request.startsAt() + " - " + request.endsAt(), justification))
                            .replaceWithVoid();
            return judge(m, any.monthZone, now, request.startsAt(), request.endsAt(), null)
                    .chain(() -> maintenance.persist(m)).chain(() -> audited).chain(() -> published(m, affected, now, m.startsAt));
        })).invoke(v -> LOG.infof("%s maintenance %s of account %s announced for %s-%s, excluded %s %s", v.kind(), v.id(),
                v.accountId(), v.startsAt(), v.endsAt(), v.excluded(), v.reasons()));
    }

    /** IS-AVL-4; only a window that has not started yet moves. */
    public Uni<MaintenanceView> move(UUID id, MaintenanceMove request, Caller caller) {
        if (request == null) {
            throw ProblemException.badRequest("body", "must be a new window");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> found(id, caller).chain(m -> {
            if (m.status == Maintenance.Status.CANCELLED) {
                throw ProblemException.conflict("maintenance " + id + " was cancelled");
            }
            refuseIfStarted(m, now, "moved");
            checkWindow(m.kind, request.startsAt(), request.endsAt(), now);
            Instant previousStart = m.startsAt;
            Instant previousEnd = m.endsAt;
            return affected(m.accountId, m.instanceId).invoke(affected -> checkContractStart(affected, request.startsAt()))
                    .chain(affected -> judge(m, affected.get(0).monthZone, now, request.startsAt(), request.endsAt(), previousStart).invoke(() -> {
                        m.status = Maintenance.Status.MOVED;
                        m.revision++;
                    }).chain(() -> published(m, affected, now,
                            previousStart.isBefore(m.startsAt) ? previousStart : m.startsAt,
                            previousEnd.isAfter(m.endsAt) ? previousEnd : m.endsAt)));
        }));
    }

    /** Only a window that has not started yet is cancelled. */
    public Uni<MaintenanceView> cancel(UUID id, Caller caller) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> found(id, caller).chain(m -> {
            if (m.status == Maintenance.Status.CANCELLED) {
                return Uni.createFrom().item(MaintenanceView.of(m)); // a repeat is harmless
            }
            refuseIfStarted(m, now, "cancelled");
            m.status = Maintenance.Status.CANCELLED;
            m.revision++;
            m.announcedAt = now;
            return affected(m.accountId, m.instanceId).chain(affected -> published(m, affected, now, m.startsAt, m.endsAt));
        }));
    }

    /**
     * An agent or admin ends a started window early (never later), with a reason and an audit
     * line. Published as a move of its end (status MOVED, the next revision); the verdict stands.
     */
    public Uni<MaintenanceView> endEarly(UUID id, MaintenanceEnd request, Caller caller, Actor actor) {
        if (request == null) {
            throw ProblemException.badRequest("body", "must be a reason and, optionally, endsAt");
        }
        if (!actor.isStaff()) {
            throw ProblemException.forbidden("a started maintenance window is ended early by an agent or admin");
        }
        String reason = OutageService.reason(request.reason(), true);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant end = request.endsAt() == null ? now : request.endsAt().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> found(id, caller).chain(m -> {
            if (m.status == Maintenance.Status.CANCELLED) {
                throw ProblemException.conflict("maintenance " + id + " was cancelled");
            }
            if (now.isBefore(m.startsAt)) {
                throw new ProblemException(Problem.of("maintenance-not-started", "Maintenance has not started", 409,
                        "maintenance " + id + " starts at " + m.startsAt + "; move or cancel it instead"));
            }
            if (!end.isAfter(m.startsAt) || !end.isBefore(m.endsAt)) {
                throw new ProblemException(Problem.of("invalid-input", "Invalid input", 422,
                        "endsAt: must be after the start " + m.startsAt + " and before the end " + m.endsAt)
                        .withViolations(List.of(new Problem.Violation("endsAt",
                                "must be after " + m.startsAt + " and before " + m.endsAt + " (ended early, never later)"))));
            }
            Instant previousEnd = m.endsAt;
            m.endsAt = end;
            m.status = Maintenance.Status.MOVED;
            m.revision++;
            m.announcedAt = now;
            return audit.persist(AuditLine.of(AuditLine.Action.MAINTENANCE_ENDED_EARLY, actor, now, m.id.toString(),
                    m.accountId, m.instanceId, "ends " + previousEnd + " -> " + end, reason))
                    .chain(() -> affected(m.accountId, m.instanceId))
                    .chain(affected -> published(m, affected, now, m.startsAt, previousEnd));
        })).invoke(v -> LOG.infof("maintenance %s of account %s ended early at %s by %s", v.id(), v.accountId(), v.endsAt(),
                actor.subject()));
    }

    public Uni<MaintenanceView> get(UUID id, Caller caller) {
        return Panache.withSession(() -> found(id, caller)).map(MaintenanceView::of);
    }

    private Uni<Maintenance> found(UUID id, Caller caller) {
        return maintenance.findById(id).map(m -> {
            if (m == null || !caller.maySee(m.accountId)) {
                throw ProblemException.notFound("maintenance " + id);
            }
            if (m.kind != MaintenanceKind.CUSTOMER_DESIGNATED && !caller.actsForAnyAccount()) {
                throw ProblemException.forbidden("only support staff change " + m.kind + " maintenance");
            }
            return m;
        });
    }

    /**
     * AVL-3, IS-AVL-4: judged under the policy version in force at the maintenance's start (POL-3; a move
     * judges it afresh at its new start) and against the account's windows in effect then.
     */
    private Uni<Void> judge(Maintenance m, String zone, Instant now, Instant start, Instant end, Instant previousStart) {
        return terms.policyAt(m.accountId, start, zone).chain(policy -> windows.windowsAt(m.accountId, policy, start).invoke(inEffect -> {
            m.policy = policy.id();
            m.policyVersion = policy.version();
            MaintenanceJudge.Verdict verdict = MaintenanceJudge.judge(policy, m.kind, now, start, end, previousStart, inEffect,
                    m.justification);
            m.announcedAt = now;
            m.startsAt = start.truncatedTo(ChronoUnit.MICROS);
            m.endsAt = end.truncatedTo(ChronoUnit.MICROS);
            m.excluded = verdict.excluded();
            m.reasons = String.join("\n", verdict.reasons());
        })).replaceWithVoid();
    }

    private Uni<List<ServiceInstance>> affected(String accountId, String instanceId) {
        return instances.activeOfAccount(accountId).map(list -> {
            if (list.isEmpty()) {
                throw new ProblemException(Problem.of("unknown-account", "Unknown account", 422,
                        "accountId: account " + accountId + " has no monitored instances")
                        .withViolations(List.of(new Problem.Violation("accountId", "has no monitored instances"))));
            }
            if (instanceId == null) {
                return list;
            }
            List<ServiceInstance> one = list.stream().filter(i -> i.instanceId.equals(instanceId)).toList();
            if (one.isEmpty()) {
                throw new ProblemException(Problem.of("unknown-instance", "Unknown instance", 422,
                        "instanceId: " + instanceId + " is not an instance of account " + accountId)
                        .withViolations(List.of(new Problem.Violation("instanceId", "not an instance of the account"))));
            }
            return one;
        });
    }

    private Uni<MaintenanceView> published(Maintenance m, List<ServiceInstance> affected, Instant now, Instant from) {
        return published(m, affected, now, from, m.endsAt);
    }

    private Uni<MaintenanceView> published(Maintenance m, List<ServiceInstance> affected, Instant now, Instant from,
            Instant to) {
        MaintenanceView view = MaintenanceView.of(m);
        MaintenanceAnnounced event = new MaintenanceAnnounced(m.id.toString(), m.accountId,
                affected.stream().map(i -> i.instanceId).toList(), m.kind.name(), m.revision, m.status.name(), now,
                m.startsAt, m.endsAt, m.excluded, view.reasons(), m.policy, m.policyVersion);
        Set<String> months = new LinkedHashSet<>();
        affected.forEach(i -> months.addAll(LateInputs.months(from, to, i.monthZone)));
        return outbox.append(EventEnvelope.of(EventTypes.MAINTENANCE_ANNOUNCED, ServiceName.VALUE, m.accountId, now, event))
                .chain(() -> monthCloses.markDirtyAcross(affected.stream().map(i -> i.instanceId).toList(), months))
                .replaceWith(view);
    }

    /**
     * A window's bounds, checked before any work: it ends after it starts, lasts at most
     * {@code availability.maintenance.max-length}, starts no further back than late probe data is
     * accepted ({@code availability.probes.max-age}) and no further ahead than
     * {@code availability.maintenance.max-ahead}; a customer designates no window that has started.
     */
    private void checkWindow(MaintenanceKind kind, Instant start, Instant end, Instant now) {
        if (start == null) {
            throw ProblemException.badRequest("startsAt", "is required");
        }
        if (end == null) {
            throw ProblemException.badRequest("endsAt", "is required");
        }
        if (!end.isAfter(start)) {
            throw ProblemException.badRequest("endsAt", "must be after startsAt");
        }
        Instant earliest = now.minus(config.probes().maxAge());
        if (start.isBefore(earliest)) {
            throw outOfRange("startsAt", "must not be before " + earliest + " (now minus the late-data window "
                    + config.probes().maxAge() + ")");
        }
        Instant latest = now.plus(config.maintenance().maxAhead());
        if (start.isAfter(latest)) {
            throw outOfRange("startsAt", "must not be after " + latest + " (now plus " + config.maintenance().maxAhead() + ")");
        }
        if (Duration.between(start, end).compareTo(config.maintenance().maxLength()) > 0) {
            throw outOfRange("endsAt", "a window lasts at most " + config.maintenance().maxLength());
        }
        if (kind == MaintenanceKind.CUSTOMER_DESIGNATED && start.isBefore(now)) {
            throw new ProblemException(Problem.of("designation-after-the-fact", "Designation after the fact", 422,
                    "startsAt: " + start + " is before now (" + now + "); a maintenance window is designated before it starts")
                    .withViolations(List.of(new Problem.Violation("startsAt", "must not be before now"))));
        }
    }

    /** The window starts no earlier than the contract's first day (in the account's zone). */
    private static void checkContractStart(List<ServiceInstance> affected, Instant start) {
        for (ServiceInstance i : affected) {
            if (i.contractStartsOn != null) {
                Instant first = i.contractStartsOn.atStartOfDay(ZoneId.of(i.timeZone)).toInstant();
                if (start.isBefore(first)) {
                    throw outOfRange("startsAt", "must not be before the contract's start " + first);
                }
            }
        }
    }

    /** A window that has started is neither cancelled nor moved; an agent or admin may end it early. */
    private static void refuseIfStarted(Maintenance m, Instant now, String verb) {
        if (!now.isBefore(m.startsAt)) {
            throw new ProblemException(Problem.of("maintenance-started", "Maintenance has started", 409,
                    "maintenance " + m.id + " started at " + m.startsAt + " and cannot be " + verb
                            + "; an agent or admin may end it early (POST /api/v1/maintenance/" + m.id + "/end)"));
        }
    }

    private static ProblemException outOfRange(String field, String message) {
        return new ProblemException(Problem.of("window-out-of-range", "Maintenance window out of range", 422,
                field + ": " + message).withViolations(List.of(new Problem.Violation(field, message))));
    }

    private static MaintenanceKind kind(String text) {
        if (text == null || text.length() > 50) {
            throw ProblemException.badRequest("kind", text == null ? "is required" : "must be one of " + List.of(MaintenanceKind.values()));
        }
        try {
            return MaintenanceKind.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("kind", "must be one of " + List.of(MaintenanceKind.values()));
        }
    }
}
