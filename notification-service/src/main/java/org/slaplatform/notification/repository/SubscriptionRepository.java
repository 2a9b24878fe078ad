package org.slaplatform.notification.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import org.slaplatform.runtime.db.SessionSql;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

    public Uni<List<Subscription>> forEvent(String accountId, String eventType) {
        return list("accountId = ?1 and eventType = ?2 order by createdAt, id", accountId, eventType);
    }

    /** The subscriptions of these accounts to these types, in one query (a consumed batch). */
    public Uni<List<Subscription>> forEvents(java.util.Collection<String> accountIds, java.util.Collection<String> eventTypes) {
        if (accountIds.isEmpty() || eventTypes.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        // issue 17: an email address that has not confirmed (double opt-in) gets no notice
        return list("accountId in ?1 and eventType in ?2 and confirmedAt is not null order by createdAt, id",
                accountIds, eventTypes);
    }

    /** A transaction-scoped lock on the account's subscriptions: creates of one account run one at a time. */
    public Uni<Void> lockAccount(String accountId) {
        return getSession().chain(session -> SessionSql.rows(session,
                "select pg_advisory_xact_lock(hashtext('subscriptions:' || $1))::text", accountId)).replaceWithVoid();
    }

    /** How many subscriptions of its account already send its event type over its channel to its address. */
    public Uni<Long> countSame(Subscription s) {
        return count("accountId = ?1 and eventType = ?2 and channel = ?3 and address = ?4", s.accountId, s.eventType,
                s.channel, s.address);
    }

    /** How many subscriptions the account holds, email and webhook together. */
    public Uni<Long> countOf(String accountId) {
        return count("accountId", accountId);
    }

    public Uni<List<Subscription>> ofAccount(String accountId) {
        return list("accountId = ?1 order by createdAt, id", accountId);
    }
}
