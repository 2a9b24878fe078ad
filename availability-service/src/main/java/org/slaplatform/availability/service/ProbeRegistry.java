package org.slaplatform.availability.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.availability.domain.Actor;
import org.slaplatform.availability.domain.InputBounds;
import org.slaplatform.availability.mapping.ProbeRegistration;
import org.slaplatform.availability.repository.ProbeRegistrationStore;
import org.slaplatform.runtime.problem.Problem;
import org.slaplatform.runtime.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Issue 17, probe identity: a probe is its token's {@code sub}; an admin registers the accounts it
 * reports on and the locations it reports from. A location belongs to one probe only.
 */
@ApplicationScoped
public class ProbeRegistry {

    /** Every account: the platform operator's own monitoring. */
    public static final String EVERY_ACCOUNT = "*";

    private static final Logger LOG = Logger.getLogger(ProbeRegistry.class);

    private final Pool pool;
    private final ProbeRegistrationStore store;

    ProbeRegistry(Pool pool, ProbeRegistrationStore store) {
        this.pool = pool;
        this.store = store;
    }

    /** Replaces the probe's registration; empty lists unregister it. */
    public Uni<ProbeRegistration> register(String probe, ProbeRegistration request, Actor admin) {
        if (probe == null || probe.isBlank() || probe.length() > InputBounds.MAX_ID) {
            throw ProblemException.badRequest("probe", "must be 1 to " + InputBounds.MAX_ID + " characters (the token's sub)");
        }
        if (request == null) {
            throw ProblemException.badRequest("body", "must be {accounts, locations}");
        }
        // Issue 17: the probe is the path's; a body naming another was taken and silently ignored.
        if (request.probe() != null && !request.probe().equals(probe)) {
            throw ProblemException.badRequest("probe", "is the path's probe, " + probe + "; leave it out");
        }
        List<String> accounts = List.copyOf(new LinkedHashSet<>(request.accounts()));
        List<String> locations = List.copyOf(new LinkedHashSet<>(request.locations()));
        return pool.withTransaction(conn -> store.takenByOthers(conn, probe, locations.toArray(String[]::new))
                .chain(taken -> {
                    if (!taken.isEmpty()) {
                        List<Problem.Violation> violations = new ArrayList<>();
                        for (String location : taken) {
                            violations.add(new Problem.Violation("locations[" + locations.indexOf(location) + "]",
                                    "location " + location + " is registered to another probe"));
                        }
                        throw new ProblemException(Problem.of("location-taken", "Location registered to another probe", 409,
                                violations.get(0).field() + ": " + violations.get(0).message()).withViolations(violations));
                    }
                    return store.replace(conn, probe, accounts.toArray(String[]::new), locations.toArray(String[]::new));
                })).replaceWith(new ProbeRegistration(probe, accounts, locations))
                .invoke(r -> LOG.infof("probe %s registered by %s: accounts %s, locations %s", probe, admin.subject(),
                        r.accounts(), r.locations()));
    }

    public Uni<ProbeRegistration> get(String probe) {
        return store.find(probe).map(registered -> {
            if (registered == null) {
                throw ProblemException.notFound("probe " + probe);
            }
            return new ProbeRegistration(probe, registered.accounts(), registered.locations());
        });
    }

    static ProblemException outsideScope(List<Problem.Violation> violations) {
        return new ProblemException(Problem.of("outside-probe-scope", "Outside the probe's scope", 403,
                violations.get(0).field() + ": " + violations.get(0).message()
                        + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""))
                .withViolations(violations));
    }
}
