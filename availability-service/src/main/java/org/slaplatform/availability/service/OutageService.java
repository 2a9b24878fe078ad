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
import org.slaplatform.availability.domain.Outage;
import org.slaplatform.availability.domain.OutageCause;
import org.slaplatform.availability.domain.ServiceInstance;
import org.slaplatform.availability.mapping.OutageEnd;
import org.slaplatform.availability.mapping.OutageRequest;
import org.slaplatform.availability.mapping.OutageView;
import org.slaplatform.availability.repository.InstanceRepository;
import org.slaplatform.availability.repository.OutageRepository;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.availability.OutageChanged;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.problem.Problem;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** AVL-1: explicit outage start and end, each with its outage-changed event in the same transaction. */
@ApplicationScoped
public class OutageService {

    static final String SERVICE = "availability-service";
    private static final Logger LOG = Logger.getLogger(OutageService.class);

    private final OutageRepository outages;
    private final InstanceRepository instances;
    private final PolicyBook policies;
    private final Outbox outbox;
    private final Clock clock;
    private final AvailabilityConfig config;

    OutageService(OutageRepository outages, InstanceRepository instances, PolicyBook policies, Outbox outbox, Clock clock,
            AvailabilityConfig config) {
        this.outages = outages;
        this.instances = instances;
        this.policies = policies;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    public Uni<OutageView> start(OutageRequest request, Caller caller) {
        if (request == null) {
            throw ProblemException.badRequest("body", "must be an outage");
        }
        if (request.instanceId() == null || request.instanceId().isBlank()) {
            throw ProblemException.badRequest("instanceId", "is required");
        }
        OutageCause cause = cause(request.cause());
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
            Outage outage = new Outage();
            outage.id = UUID.randomUUID();
            outage.instanceId = instance.instanceId;
            outage.accountId = instance.accountId;
            outage.cause = cause;
            outage.startedAt = request.startedAt().truncatedTo(ChronoUnit.MICROS);
            outage.endedAt = request.endedAt() == null ? null : request.endedAt().truncatedTo(ChronoUnit.MICROS);
            outage.note = request.note();
            outage.reportedBy = caller.name();
            outage.policyVersion = instance.policyVersion;
            outage.recordedAt = now;
            return outages.persist(outage).chain(() -> published(outage, instance, now));
        })).invoke(v -> LOG.infof("outage %s of instance %s (%s) from %s recorded", v.id(), v.instanceId(), v.cause(),
                v.startedAt()));
    }

    public Uni<OutageView> end(UUID id, OutageEnd request) {
        if (request == null || request.endedAt() == null) {
            throw ProblemException.badRequest("endedAt", "is required");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        checkTime("endedAt", request.endedAt(), now);
        return Panache.withTransaction(() -> outages.findById(id).chain(outage -> {
            if (outage == null) {
                throw ProblemException.notFound("outage " + id);
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

    private Uni<OutageView> published(Outage outage, ServiceInstance instance, Instant now) {
        OutageView view = view(outage, instance);
        OutageChanged event = new OutageChanged(outage.id.toString(), outage.instanceId, outage.accountId,
                outage.cause.name(), outage.startedAt, outage.endedAt, view.excluded(), now);
        Instant to = outage.endedAt == null ? now : outage.endedAt;
        return outbox.append(EventEnvelope.of(EventTypes.OUTAGE_CHANGED, SERVICE, outage.instanceId, now, event))
                .chain(() -> LateInputs.markDirty(List.of(outage.instanceId),
                        LateInputs.months(outage.startedAt, to.isAfter(outage.startedAt) ? to : outage.startedAt, instance.monthZone)))
                .replaceWith(view);
    }

    private OutageView view(Outage outage, ServiceInstance instance) {
        boolean excluded = outage.cause.exclusion().map(policies.get(instance.policy)::excludes).orElse(false);
        return OutageView.of(outage, excluded);
    }

    private void checkTime(String field, Instant t, Instant now) {
        if (t == null) {
            throw ProblemException.badRequest(field, "is required");
        }
        if (t.isAfter(now.plus(config.probes().maxSkew()))) {
            throw new ProblemException(Problem.of("time-out-of-range", "Time out of range", 422,
                    field + ": " + t + " is in the future").withViolations(List.of(new Problem.Violation(field, "is in the future"))));
        }
    }

    private static OutageCause cause(String text) {
        if (text == null) {
            throw ProblemException.badRequest("cause", "is required");
        }
        try {
            return OutageCause.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cause", "must be one of " + List.of(OutageCause.values()));
        }
    }
}
