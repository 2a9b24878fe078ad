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

    /**
     * Delivery rows as one array per column ({@code unnest}): a fixed 16 parameters whatever the
     * number of rows. Binding 15 named parameters per row was the consumer's largest CPU cost. The
     * event times travel as ISO-8601 text: Hibernate Reactive hands a timestamp array to the Vert.x
     * client as {@code Instant[]}, which it cannot encode.
     */
    private static final String INSERT = """
            insert into deliveries (id, delivery_key, account_id, subscription_id, channel, recipient, endpoint, notice,
                                    event_id, event_type, event_source, event_subject, event_time, payload, in_reply_to,
                                    traceparent)
            select * from unnest(cast(:ids as uuid[]), cast(:keys as text[]), cast(:accounts as text[]),
                                 cast(:subscriptions as uuid[]), cast(:channels as text[]), cast(:recipients as text[]),
                                 cast(:endpoints as text[]), cast(:notices as text[]), cast(:eventIds as text[]),
                                 cast(:eventTypes as text[]), cast(:eventSources as text[]),
                                 cast(:eventSubjects as text[]), cast(cast(:eventTimes as text[]) as timestamptz[]),
                                 cast(:payloads as text[]), cast(:inReplyTos as text[]), cast(:traceparents as text[]))
            on conflict (delivery_key) do nothing
            """;

    /**
     * Inserts these deliveries in one statement; a row whose key exists (the event planned before)
     * is left as it is. Runs in the caller's transaction; answers how many rows were new.
     */
    public Uni<Integer> insertAll(List<NewDelivery> rows) {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        String[] keys = new String[n];
        String[] accounts = new String[n];
        UUID[] subscriptions = new UUID[n];
        String[] channels = new String[n];
        String[] recipients = new String[n];
        String[] endpoints = new String[n];
        String[] notices = new String[n];
        String[] eventIds = new String[n];
        String[] eventTypes = new String[n];
        String[] eventSources = new String[n];
        String[] eventSubjects = new String[n];
        String[] eventTimes = new String[n];
        String[] payloads = new String[n];
        String[] inReplyTos = new String[n];
        String[] traceparents = new String[n];
        for (int i = 0; i < n; i++) {
            NewDelivery row = rows.get(i);
            ids[i] = row.id();
            keys[i] = row.deliveryKey();
            accounts[i] = row.accountId();
            subscriptions[i] = row.subscriptionId();
            channels[i] = row.channel().name();
            recipients[i] = row.recipient();
            endpoints[i] = row.endpoint();
            notices[i] = row.notice();
            eventIds[i] = row.eventId();
            eventTypes[i] = row.eventType();
            eventSources[i] = row.eventSource();
            eventSubjects[i] = row.eventSubject();
            eventTimes[i] = row.eventTime().toString();
            payloads[i] = row.payload();
            inReplyTos[i] = row.inReplyTo();
            traceparents[i] = row.traceparent();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                .setParameter("ids", ids)
                .setParameter("keys", keys)
                .setParameter("accounts", accounts)
                .setParameter("subscriptions", subscriptions)
                .setParameter("channels", channels)
                .setParameter("recipients", recipients)
                .setParameter("endpoints", endpoints)
                .setParameter("notices", notices)
                .setParameter("eventIds", eventIds)
                .setParameter("eventTypes", eventTypes)
                .setParameter("eventSources", eventSources)
                .setParameter("eventSubjects", eventSubjects)
                .setParameter("eventTimes", eventTimes)
                .setParameter("payloads", payloads)
                .setParameter("inReplyTos", inReplyTos)
                .setParameter("traceparents", traceparents)
                .executeUpdate());
    }

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
