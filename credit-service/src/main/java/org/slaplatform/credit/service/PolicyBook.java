package org.slaplatform.credit.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyCatalog;

/** The policies shipped with the platform, loaded and validated once (POL-1). */
@ApplicationScoped
public class PolicyBook {

    private final Map<String, Policy> policies = PolicyCatalog.loadAll();

    public Policy get(String name) {
        Policy policy = policies.get(name);
        if (policy == null) {
            throw new IllegalArgumentException("no policy named " + name);
        }
        return policy;
    }

    public boolean knows(String name) {
        return policies.containsKey(name);
    }
}
