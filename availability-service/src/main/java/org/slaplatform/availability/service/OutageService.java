package org.slaplatform.availability.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.availability.config.AvailabilityConfig;
import org.slaplatform.availability.config.ServiceName;
import org.slaplatform.availability.domain.Actor;
import org.slaplatform.availability.domain.LateInputs;
import org.slaplatform.availability.domain.OutageCause;
import org.slaplatform.availability.mapping.OutageCauseChange;
import org.slaplatform.availability.mapping.OutageEnd;
import org.slaplatform.availability.mapping.OutageRequest;
import org.slaplatform.availability.mapping.OutageView;
import org.slaplatform.availability.repository.AuditLine;
import org.slaplatform.availability.repository.AuditLineRepository;
import org.slaplatform.availability.repository.InstanceRepository;
import org.slaplatform.availability.repository.MonthCloseStore;
import org.slaplatform.availability.repository.Outage;
import org.slaplatform.availability.repository.OutageRepository;
import org.slaplatform.availability.repository.ProbeRegistrationStore;
import org.slaplatform.availability.repository.ServiceInstance;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.availability.OutageChanged;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.problem.Problem;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * AVL-1: explicit outage start and end, each with its outage-changed event in the same transaction.
 * A probe reports our failures only; a cause that excludes minutes is set by an agent or
 * admin with a reason and an audit line; only the reporter or an agent/admin ends an outage.
 */
@ApplicationScoped
public class OutageService {

    static final int MAX_REASON = 500;
    private static final Logger LOG = Logger.getLogger(OutageService.class);

    private final OutageRepository outages;
    private final InstanceRepository instances;
    private final PolicyBook policies;
    private final TermsInForce terms;
    private final Outbox outbox;
    private final Clock clock;
    private final AvailabilityConfig config;
    private final AuditLineRepository audit;
    private final ProbeRegistrationStore probes;
    private final MonthCloseStore monthCloses;

    OutageService(OutageRepository outages, InstanceRepository instances, TermsInForce terms, Outbox outbox, Clock clock,
            AvailabilityConfig config, AuditLineRepository audit, ProbeRegistrationStore probes, MonthCloseStore monthCloses) {
        this.audit = audit;
        this.probes = probes;
        this.monthCloses = monthCloses;
        this.outages = outages;
        this.instances = instances;
        this.terms = terms;
        this.policies = terms.book();
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    public Uni<OutageView> start(OutageRequest request, Caller caller, Actor actor) {
        if (request == null) {
            throw ProblemException.badRequest("body", "must be an outage");
        }
        OutageCause cause = cause(request.cause());
        // A cause other than ours takes minutes out of the count, so only support staff set it, with a reason.
        if (cause != OutageCause.OURS && !actor.isStaff()) {
            throw ProblemException.forbidden("a probe reports our failures only (cause OURS); cause " + cause
                    + " excludes minutes and is set by an agent or admin, with a reason");
        }
        String reason = reason(request.reason(), cause != OutageCause.OURS);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        checkTime("startedAt", request.startedAt(), now);
        if (request.endedAt() != null) {
            checkTime("endedAt", request.endedAt(), now);
            if (!request.endedAt().isAfter(request.startedAt())) {
                throw ProblemException.badRequest("endedAt", "must be after startedAt");
            }
        }
        return Panache.withTransaction(() -> instances.findById(request.instanceId()).chain(instance -> {
            if (instance == null || !instance.active) {
                throw new ProblemException(Problem.of("unknown-instance", "Unknown instance", 422,
                        "instanceId: unknown instance " + request.instanceId())
                        .withViolations(List.of(new Problem.Violation("instanceId", "unknown instance"))));
            }
            return probeMayReport(actor, instance).chain(() -> record(request, caller, actor, cause, reason, instance, now));
        })).invoke(v -> LOG.infof("outage %s of instance %s (%s) from %s recorded by %s", v.id(), v.instanceId(), v.cause(),
                v.startedAt(), actor.subject()));
    }

    /** A probe reports only on accounts in its registered scope (PUT /api/v1/probes/{probe}). */
    private Uni<Void> probeMayReport(Actor actor, ServiceInstance instance) {
        if (actor.isStaff()) {
            return Uni.createFrom().voidItem();
        }
        return probes.covers(actor.subject(), instance.accountId).invoke(covered -> {
            if (!covered) {
                throw ProbeRegistry.outsideScope(List.of(new Problem.Violation("instanceId",
                        "instance " + instance.instanceId + " is outside the scope of probe " + actor.subject())));
            }
        }).replaceWithVoid();
    }

    private Uni<OutageView> record(OutageRequest request, Caller caller, Actor actor, OutageCause cause, String reason,
            ServiceInstance instance, Instant now) {
        Outage outage = new Outage();
        outage.id = UUID.randomUUID();
        outage.instanceId = instance.instanceId;
        outage.accountId = instance.accountId;
        outage.cause = cause;
        outage.startedAt = request.startedAt().truncatedTo(ChronoUnit.MICROS);
        outage.endedAt = request.endedAt() == null ? null : request.endedAt().truncatedTo(ChronoUnit.MICROS);
        outage.note = request.note();
        outage.reportedBy = caller.name();
        outage.reporterSubject = actor.subject();
        outage.reporterRole = actor.role();
        outage.recordedAt = now;
        Uni<Void> audited = cause == OutageCause.OURS ? Uni.createFrom().voidItem()
                : audit.persist(AuditLine.of(AuditLine.Action.OUTAGE_CAUSE_SET, actor, now, outage.id.toString(),
                        outage.accountId, outage.instanceId, "cause " + cause, reason)).replaceWithVoid();
        // POL-3: judged for its whole life under the policy version in force when it began.
        return terms.policyAt(instance.accountId, outage.startedAt, instance.monthZone).invoke(policy -> {
            outage.policy = policy.id();
            outage.policyVersion = policy.version();
        }).chain(() -> outages.persist(outage)).chain(() -> audited).chain(() -> published(outage, instance, now));
    }

    /** Only the reporter (the same token {@code sub}) or an agent or admin ends an outage. */
    public Uni<OutageView> end(UUID id, OutageEnd request, Actor actor) {
        if (request == null) {
            throw ProblemException.badRequest("endedAt", "is required");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        checkTime("endedAt", request.endedAt(), now);
        return Panache.withTransaction(() -> outages.findById(id).chain(outage -> {
            if (outage == null) {
                throw ProblemException.notFound("outage " + id);
            }
            String reporter = outage.reporterSubject != null ? outage.reporterSubject : outage.reportedBy;
            if (!actor.isStaff() && !actor.subject().equals(reporter)) {
                throw ProblemException.forbidden("only the reporter of outage " + id + ", an agent or an admin ends it");
            }
            if (outage.endedAt != null) {
                if (outage.endedAt.equals(request.endedAt().truncatedTo(ChronoUnit.MICROS))) {
                    return instances.findById(outage.instanceId).map(i -> view(outage, i)); // a repeat is harmless
                }
                throw ProblemException.conflict("outage " + id + " already ended at " + outage.endedAt);
            }
            if (!request.endedAt().isAfter(outage.startedAt)) {
                throw ProblemException.badRequest("endedAt", "must be after the outage's start " + outage.startedAt);
            }
            outage.endedAt = request.endedAt().truncatedTo(ChronoUnit.MICROS);
            return instances.findById(outage.instanceId).chain(instance -> published(outage, instance, now));
        }));
    }

    /**
     * AVL-3, an agent or admin sets the cause of a recorded outage (a probe's OURS found to be
     * force majeure, say), with a reason: an audit line and an outage-changed event in one transaction,
     * and the months it touches recomputed.
     */
    public Uni<OutageView> setCause(UUID id, OutageCauseChange request, Actor actor) {
        if (request == null) {
            throw ProblemException.badRequest("body", "must be a cause and a reason");
        }
        if (!actor.isStaff()) {
            throw ProblemException.forbidden("an outage's cause is set by an agent or admin");
        }
        OutageCause cause = cause(request.cause());
        String reason = reason(request.reason(), true);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Panache.withTransaction(() -> outages.findById(id).chain(outage -> {
            if (outage == null) {
                throw ProblemException.notFound("outage " + id);
            }
            if (outage.cause == cause) {
                return instances.findById(outage.instanceId).map(i -> view(outage, i)); // a repeat is harmless
            }
            String detail = "cause " + outage.cause + " -> " + cause;
            outage.cause = cause;
            return audit.persist(AuditLine.of(AuditLine.Action.OUTAGE_CAUSE_SET, actor, now, outage.id.toString(),
                    outage.accountId, outage.instanceId, detail, reason))
                    .chain(() -> instances.findById(outage.instanceId))
                    .chain(instance -> published(outage, instance, now));
        })).invoke(v -> LOG.infof("outage %s of instance %s: cause set to %s by %s", v.id(), v.instanceId(), v.cause(),
                actor.subject()));
    }

    private Uni<OutageView> published(Outage outage, ServiceInstance instance, Instant now) {
        OutageView view = view(outage, instance);
        OutageChanged event = new OutageChanged(outage.id.toString(), outage.instanceId, outage.accountId,
                outage.cause.name(), outage.startedAt, outage.endedAt, view.excluded(), now);
        Instant to = outage.endedAt == null ? now : outage.endedAt;
        return outbox.append(EventEnvelope.of(EventTypes.OUTAGE_CHANGED, ServiceName.VALUE, outage.instanceId, now, event))
                .chain(() -> monthCloses.markDirtyAcross(List.of(outage.instanceId),
                        LateInputs.months(outage.startedAt, to.isAfter(outage.startedAt) ? to : outage.startedAt, instance.monthZone)))
                .replaceWith(view);
    }

    private OutageView view(Outage outage, ServiceInstance instance) {
        boolean excluded = outage.cause.exclusion().map(policies.version(outage.policy, outage.policyVersion)::excludes)
                .orElse(false);
        return OutageView.of(outage, excluded);
    }

    private void checkTime(String field, Instant t, Instant now) {
        if (t == null) {
            throw ProblemException.badRequest(field, "is required");
        }
        // No further back than late probe data is accepted (availability.probes.max-age).
        if (t.isBefore(now.minus(config.probes().maxAge()))) {
            throw new ProblemException(Problem.of("time-out-of-range", "Time out of range", 422,
                    field + ": " + t + " is older than " + config.probes().maxAge())
                    .withViolations(List.of(new Problem.Violation(field, "is older than " + config.probes().maxAge()))));
        }
        if (t.isAfter(now.plus(config.probes().maxSkew()))) {
            throw new ProblemException(Problem.of("time-out-of-range", "Time out of range", 422,
                    field + ": " + t + " is in the future").withViolations(List.of(new Problem.Violation(field, "is in the future"))));
        }
    }

    /** The reason for an excluding cause: required when {@code required}, at most {@value #MAX_REASON} characters. */
    static String reason(String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw ProblemException.badRequest("reason", "is required for a cause that excludes minutes (1 to "
                        + MAX_REASON + " characters)");
            }
            return null;
        }
        if (text.length() > MAX_REASON) {
            throw ProblemException.badRequest("reason", "at most " + MAX_REASON + " characters");
        }
        return text.strip();
    }

    private static OutageCause cause(String text) {
        if (text == null || text.length() > 50) {
            throw ProblemException.badRequest("cause", text == null ? "is required" : "must be one of " + List.of(OutageCause.values()));
        }
        try {
            return OutageCause.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cause", "must be one of " + List.of(OutageCause.values()));
        }
    }
}
