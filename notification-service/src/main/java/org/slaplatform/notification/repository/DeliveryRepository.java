package org.slaplatform.notification.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.notification.domain.DeliveryState;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, UUID> {

    public Uni<List<Delivery>> ofAccount(String accountId, DeliveryState state, int limit) {
        return (state == null
                ? find("accountId = ?1 order by createdAt desc, id", accountId)
                : find("accountId = ?1 and state = ?2 order by createdAt desc, id", accountId, state))
                .page(Page.ofSize(limit)).list();
    }

    public Uni<List<DeliveryAttempt>> attempts(UUID deliveryId) {
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("from DeliveryAttempt where deliveryId = :id order by attempt", DeliveryAttempt.class)
                .setParameter("id", deliveryId).getResultList());
    }

    /** Deliveries of a deleted subscription that were not sent yet are not sent at all. */
    public Uni<Integer> cancelPending(UUID subscriptionId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("update deliveries set state = 'CANCELLED', last_error = 'subscription deleted'"
                        + " where subscription_id = :id and state = 'PENDING'")
                .setParameter("id", subscriptionId).executeUpdate());
    }

    /**
     * A dead delivery back to PENDING, due at once, with a fresh series of tries (its id, key and
     * past tries kept). Only a DEAD row changes: answers 1 if it did, 0 otherwise.
     */
    public Uni<Integer> replayDead(UUID id, String by) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("update deliveries set state = 'PENDING', next_attempt_at = now(), retry_from = attempts,"
                        + " claim_token = null, claimed_until = null, replayed_at = now(), replayed_by = :by"
                        + " where id = :id and state = 'DEAD'")
                .setParameter("id", id).setParameter("by", by).executeUpdate());
    }
}
