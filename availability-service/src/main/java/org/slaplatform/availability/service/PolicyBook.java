package org.slaplatform.availability.service;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyCatalog;
import org.slaplatform.policy.Uptime;

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

    /** QNT-AVL-2: the zone whose calendar months are measured, the account's own when the policy says {@code account}. */
    public String monthZone(String policy, String accountZone) {
        String zone = get(policy).uptime().map(Uptime::zone).orElse("account");
        return "account".equals(zone) ? accountZone : zone;
    }

    /** AVL-1: the quorum rule, a majority of reporting locations when the policy sets none. */
    public Uptime.Quorum quorum(String policy) {
        return get(policy).uptime().map(Uptime::quorum)
                .orElse(new Uptime.Quorum(Uptime.Quorum.Rule.MAJORITY, null));
    }
}
