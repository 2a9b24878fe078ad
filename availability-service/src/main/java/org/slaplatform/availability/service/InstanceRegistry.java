package org.slaplatform.availability.service;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.availability.repository.InstanceRepository;
import org.slaplatform.availability.repository.ServiceInstance;
import org.slaplatform.events.PoisonEventException;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.policy.PolicyBook;

import io.smallrye.mutiny.Uni;

/** Keeps the instance registry in step with contracts.v1 (POL-2): instance to account, policy, plan, zone. */
@ApplicationScoped
public class InstanceRegistry {

    private static final Logger LOG = Logger.getLogger(InstanceRegistry.class);

    private final InstanceRepository instances;
    private final PolicyBook policies;

    InstanceRegistry(InstanceRepository instances, PolicyBook policies) {
        this.instances = instances;
        this.policies = policies;
    }

    /**
     * Applies an account's whole contract to its instances, in a transaction. The instances, this
     * service's contract view, are replaced only by a strictly newer revision; an older revision or the
     * same one again changes nothing (DESIGN-2).
     */
    public Uni<Void> apply(ContractChanged contract) {
        if (!policies.knows(contract.policy())) {
            throw new PoisonEventException("contract of " + contract.accountId() + " names unknown policy " + contract.policy());
        }
        if (!policies.knows(contract.policy(), contract.policyVersion())) {
            throw new PoisonEventException("contract of " + contract.accountId() + " names policy " + contract.policy()
                    + " version " + contract.policyVersion() + ", which is not shipped");
        }
        if (contract.timeZone() == null) {
            throw new PoisonEventException("contract of " + contract.accountId() + " names no time zone");
        }
        String monthZone = TermsInForce.monthZone(policies.version(contract.policy(), contract.policyVersion()),
                contract.timeZone());
        Set<String> listed = contract.instances().stream().map(ContractChanged.ServiceInstance::instanceId)
                .collect(Collectors.toSet());
        // POL-3: every revision joins the account's history, an older one too: it was in force for its time.
        return instances.addTerms(contract.accountId(), contract.revision(), contract.changedAt(), contract.policy(),
                contract.policyVersion(), contract.plan()).chain(() -> instances.ofAccount(contract.accountId())).chain(existing -> {
            int stored = existing.stream().mapToInt(i -> i.contractRevision).max().orElse(-1);
            if (contract.revision() <= stored) {
                LOG.infof("contract revision %d of account %s is not newer than %d: ignored", contract.revision(),
                        contract.accountId(), stored);
                return Uni.createFrom().voidItem();
            }
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (ServiceInstance old : existing) {
                if (!listed.contains(old.instanceId)) {
                    old.active = false;
                    old.contractRevision = contract.revision();
                    old.updatedAt = contract.changedAt();
                }
            }
            for (ContractChanged.ServiceInstance listedInstance : contract.instances()) {
                chain = chain.chain(() -> upsert(contract, listedInstance, monthZone, contract.changedAt()));
            }
            return chain;
        });
    }

    private Uni<Void> upsert(ContractChanged contract, ContractChanged.ServiceInstance listed, String monthZone, Instant at) {
        return instances.findById(listed.instanceId()).chain(found -> {
            ServiceInstance instance = found == null ? new ServiceInstance() : found;
            if (found != null && !found.accountId.equals(contract.accountId())) {
                throw new PoisonEventException("instance " + listed.instanceId() + " already belongs to account "
                        + found.accountId);
            }
            instance.instanceId = listed.instanceId();
            instance.accountId = contract.accountId();
            instance.policy = contract.policy();
            instance.policyVersion = contract.policyVersion();
            instance.plan = contract.plan();
            instance.timeZone = contract.timeZone();
            instance.monthZone = monthZone;
            instance.productId = listed.productId();
            instance.environment = listed.environment();
            instance.active = true;
            instance.contractRevision = contract.revision();
            instance.updatedAt = at;
            instance.contractStartsOn = contract.startsOn();
            return found == null ? instances.persist(instance).replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }
}
