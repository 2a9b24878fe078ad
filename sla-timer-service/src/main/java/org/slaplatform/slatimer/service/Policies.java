package org.slaplatform.slatimer.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.PoisonEventException;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyCatalog;

/**
 * The shipped policies, loaded and validated once. A ticket is judged under the policy and version
 * its events name (POL-3); a version this build does not ship is refused, never silently replaced.
 */
@ApplicationScoped
public class Policies {

    private final Map<String, Policy> byName = PolicyCatalog.loadAll();

    public Policy get(String name, int version) {
        Policy policy = byName.get(name);
        if (policy == null) {
            throw new PoisonEventException("unknown policy " + name);
        }
        if (policy.version() != version) {
            throw new PoisonEventException("policy " + name + " version " + version + " is not shipped (have "
                    + policy.version() + ")");
        }
        return policy;
    }
}
