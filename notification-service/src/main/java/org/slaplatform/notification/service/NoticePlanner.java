package org.slaplatform.notification.service;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.notification.domain.Channel;
import org.slaplatform.notification.domain.Subscription;
import org.slaplatform.notification.notice.NoticeCatalog;
import org.slaplatform.notification.notice.NoticeKind;
import org.slaplatform.notification.notice.Recipient;
import org.slaplatform.notification.repository.ContactDirectory;
import org.slaplatform.notification.repository.SubscriptionRepository;
import org.slaplatform.notification.repository.TicketTargets;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Turns one event into its deliveries: one per recipient, keyed by sha256(event id, recipient).
 * Runs in the consumer's transaction, after the inbox insert, so the inbox row and the deliveries
 * commit together or not at all (exactly-once in effect).
 */
@ApplicationScoped
public class NoticePlanner {

    private static final Logger LOG = Logger.getLogger(NoticePlanner.class);

    private static final String INSERT = "insert into deliveries (id, delivery_key, account_id, subscription_id, channel,"
            + " recipient, endpoint, notice, event_id, event_type, event_source, event_subject, event_time, payload,"
            + " in_reply_to) values (:id, :key, :account, :subscription, :channel, :recipient, :endpoint, :notice,"
            + " :eventId, :eventType, :source, :subject, :time, :payload, :inReplyTo)"
            + " on conflict (delivery_key) do nothing";

    private final SubscriptionRepository subscriptions;
    private final ContactDirectory contacts;
    private final TicketTargets targets;

    NoticePlanner(SubscriptionRepository subscriptions, ContactDirectory contacts, TicketTargets targets) {
        this.subscriptions = subscriptions;
        this.contacts = contacts;
        this.targets = targets;
    }

    /** Must run inside the consumer's transaction. Events no notice is made of change nothing. */
    public Uni<Void> plan(EventEnvelope<?> event) {
        NoticeKind<?> kind = NoticeCatalog.byType(event.type().type()).orElse(null);
        if (kind == null || !kind.worthANotice(event.data())) {
            return Uni.createFrom().voidItem();
        }
        // NTF-1: a warning or an escalation of a target met before it fired tells no one anything
        return targets.outdated(event.data()).chain(outdated -> {
            if (outdated) {
                LOG.infof("event %s (%s): its target was met before, no notice", event.id(), event.type().type());
                return Uni.createFrom().voidItem();
            }
            return planFor(event, kind);
        });
    }

    private Uni<Void> planFor(EventEnvelope<?> event, NoticeKind<?> kind) {
        String account = kind.accountOf(event.data());
        Uni<List<Subscription>> subscribers = kind.subscribable()
                ? subscriptions.forEvent(account, event.type().type()) : Uni.createFrom().item(List.of());
        return subscribers.chain(found -> contacts.emails(account, kind.contactRolesOf(event.data()))
                .map(contactEmails -> {
                    // one delivery per distinct recipient, however many ways it is named (NTF-5)
                    Map<String, Recipient> recipients = new LinkedHashMap<>();
                    found.forEach(s -> add(recipients, event, new Recipient(s.channel, s.address, s.id)));
                    contactEmails.forEach(email -> add(recipients, event, new Recipient(Channel.EMAIL, email, null)));
                    kind.addressesOf(event.data()).stream().filter(a -> a != null && !a.isBlank())
                            .forEach(email -> add(recipients, event, new Recipient(Channel.EMAIL, email, null)));
                    return new ArrayList<>(recipients.values());
                }))
                .chain(recipients -> insertAll(event, kind, account, recipients,
                        messageId(kind.inReplyToOf(event.data()))));
    }

    private static void add(Map<String, Recipient> recipients, EventEnvelope<?> event, Recipient recipient) {
        recipients.putIfAbsent(recipient.deliveryKey(event.id()), recipient);
    }

    /** A Message-ID in its angle brackets, as In-Reply-To wants it. */
    private static String messageId(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        String trimmed = id.strip();
        return trimmed.startsWith("<") ? trimmed : "<" + trimmed + ">";
    }

    Uni<Void> insertAll(EventEnvelope<?> event, NoticeKind<?> kind, String account, List<Recipient> recipients,
            String inReplyTo) {
        if (recipients.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        String payload = CloudEventCodec.dataJson(event.data());
        return Multi.createFrom().iterable(recipients)
                .onItem().transformToUniAndConcatenate(r -> Panache.getSession().chain(session -> session
                        .createNativeQuery(INSERT)
                        .setParameter("id", UUID.randomUUID())
                        .setParameter("key", r.deliveryKey(event.id()))
                        .setParameter("account", account)
                        .setParameter("subscription", r.subscriptionId())
                        .setParameter("channel", r.channel().name())
                        .setParameter("recipient", r.address())
                        .setParameter("endpoint", r.endpoint())
                        .setParameter("notice", kind.templateOf(event.data()))
                        .setParameter("eventId", event.id())
                        .setParameter("eventType", event.type().type())
                        .setParameter("source", event.source().toString())
                        .setParameter("subject", event.subject())
                        .setParameter("time", event.time().atOffset(ZoneOffset.UTC))
                        .setParameter("payload", payload)
                        .setParameter("inReplyTo", inReplyTo)
                        .executeUpdate()))
                .collect().asList()
                .invoke(inserted -> LOG.debugf("event %s (%s) of account %s: %d notices planned", event.id(),
                        event.type().type(), account, inserted.stream().mapToInt(Integer::intValue).sum()))
                .replaceWithVoid();
    }
}
