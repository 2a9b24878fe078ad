package org.slaplatform.availability.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/**
 * The instance registry (POL-2) and the account's contract history (POL-3), through Hibernate
 * Reactive: every method runs in the caller's Panache transaction.
 */
@ApplicationScoped
public class InstanceRepository implements PanacheRepositoryBase<ServiceInstance, String> {

    /** Every instance the account ever had, active or not. */
    public Uni<List<ServiceInstance>> ofAccount(String accountId) {
        return list("accountId", accountId);
    }

    /** The account's monitored instances, by id. */
    public Uni<List<ServiceInstance>> activeOfAccount(String accountId) {
        return list("accountId = ?1 and active = true order by instanceId", accountId);
    }

    /**
     * POL-3: adds a contract revision to the account's history; a revision already there is left as
     * it is.
     */
    public Uni<Void> addTerms(String accountId, int revision, Instant since, String policy, int policyVersion, String plan) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into contract_terms (account_id, revision, since, policy, policy_version, plan)
                values (:account, :revision, :since, :policy, :version, cast(:plan as text))
                on conflict do nothing""")
                .setParameter("account", accountId).setParameter("revision", revision)
                .setParameter("since", since).setParameter("policy", policy)
                .setParameter("version", policyVersion).setParameter("plan", plan)
                .executeUpdate()).replaceWithVoid();
    }
}
