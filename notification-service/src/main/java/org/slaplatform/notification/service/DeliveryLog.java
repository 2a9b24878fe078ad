package org.slaplatform.notification.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.notification.delivery.DeliveryWorker;
import org.slaplatform.notification.domain.DeliveryState;
import org.slaplatform.notification.mapping.DeliveryView;
import org.slaplatform.notification.repository.DeliveryRepository;
import org.slaplatform.runtime.problem.ProblemException;
import org.slaplatform.runtime.security.Caller;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** The delivery log of an account (NTF-5): what was sent, to whom, how many tries, what failed. */
@ApplicationScoped
public class DeliveryLog {

    private final DeliveryRepository deliveries;
    private final DeliveryWorker worker;

    DeliveryLog(DeliveryRepository deliveries, DeliveryWorker worker) {
        this.deliveries = deliveries;
        this.worker = worker;
    }

    public Uni<List<DeliveryView>> list(String accountId, DeliveryState state, int limit, Caller caller) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.badRequest("limit", "must be between 1 and 500");
        }
        String account = caller.accountForWrite(accountId);
        return Panache.withSession(() -> deliveries.ofAccount(account, state, limit))
                .map(found -> found.stream().map(d -> DeliveryView.of(d, null)).toList());
    }

    public Uni<DeliveryView> find(UUID id, Caller caller) {
        return Panache.withSession(() -> deliveries.findById(id).chain(d -> {
            if (d == null || !caller.maySee(d.accountId)) {
                throw ProblemException.notFound("delivery " + id);
            }
            return deliveries.attempts(id).map(attempts -> DeliveryView.of(d, attempts));
        }));
    }

    /**
     * Sends a dead delivery again (admin): the same delivery id (receivers deduplicate on it), a fresh
     * series of tries with back-off, a dead letter again if they all fail. 404 for an unknown id, 409
     * for a delivery that is not DEAD (one already replayed is PENDING or DELIVERED: replayed once).
     */
    public Uni<DeliveryView> replay(UUID id, Caller caller) {
        return Panache.withTransaction(() -> deliveries.replayDead(id, caller.name()).chain(changed -> {
            if (changed == 1) {
                return Uni.createFrom().voidItem();
            }
            return deliveries.findById(id).map(d -> {
                if (d == null) {
                    throw ProblemException.notFound("delivery " + id);
                }
                throw ProblemException.conflict("delivery " + id + " is " + d.state
                        + ": only a DEAD delivery can be replayed");
            }).replaceWithVoid();
        })).invoke(worker::wakeUp).chain(() -> find(id, caller));
    }
}
