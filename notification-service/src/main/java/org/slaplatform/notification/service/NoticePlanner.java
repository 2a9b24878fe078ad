package org.slaplatform.notification.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.TimeOrderedIds;
import org.slaplatform.notification.domain.Channel;
import org.slaplatform.notification.domain.NoticeCatalog;
import org.slaplatform.notification.domain.NoticeKind;
import org.slaplatform.notification.domain.Recipient;
import org.slaplatform.notification.repository.ContactDirectory;
import org.slaplatform.notification.repository.ContactDirectory.Contact;
import org.slaplatform.notification.repository.DeliveryRepository;
import org.slaplatform.notification.repository.NewDelivery;
import org.slaplatform.notification.repository.Subscription;
import org.slaplatform.notification.repository.SubscriptionRepository;
import org.slaplatform.notification.repository.TicketTargets;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Turns events into their deliveries: one per recipient, keyed by sha256(event id, recipient).
 * Runs in the consumer's transaction, after the inbox inserts, so the inbox rows and the deliveries
 * commit together or not at all (exactly-once in effect). A consumed batch is planned with one query
 * for the subscriptions, one for the contacts and multi-row inserts, whatever its size.
 */
@ApplicationScoped
public class NoticePlanner {

    private static final Logger LOG = Logger.getLogger(NoticePlanner.class);

    /** Rows per insert statement. */
    private static final int ROWS_PER_INSERT = 500;

    private final SubscriptionRepository subscriptions;
    private final ContactDirectory contacts;
    private final TicketTargets targets;
    private final DeliveryRepository deliveries;

    NoticePlanner(SubscriptionRepository subscriptions, ContactDirectory contacts, TicketTargets targets,
            DeliveryRepository deliveries) {
        this.subscriptions = subscriptions;
        this.contacts = contacts;
        this.targets = targets;
        this.deliveries = deliveries;
    }

    /** One event to notice, with what the planner needs of it. */
    private record Candidate(EventEnvelope<?> event, NoticeKind<?> kind, String account) {
    }

    /** One delivery row to insert. */
    private record Row(Candidate candidate, Recipient recipient, String notice, String payload, String inReplyTo) {
    }

    /** Must run inside the consumer's transaction. Events no notice is made of change nothing. */
    public Uni<Void> plan(EventEnvelope<?> event) {
        return planAll(List.of(event));
    }

    /** Plans the deliveries of these events, in the caller's transaction. */
    public Uni<Void> planAll(List<EventEnvelope<?>> events) {
        List<Candidate> candidates = new ArrayList<>();
        for (EventEnvelope<?> event : events) {
            NoticeKind<?> kind = NoticeCatalog.byType(event.type().type()).orElse(null);
            if (kind != null && kind.worthANotice(event.data())) {
                candidates.add(new Candidate(event, kind, kind.accountOf(event.data())));
            }
        }
        if (candidates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // NTF-1: a warning or an escalation of a target met before it fired tells no one anything
        return Multi.createFrom().iterable(candidates)
                .onItem().transformToUniAndConcatenate(c -> targets.outdated(c.event().data()).map(outdated -> {
                    if (outdated) {
                        LOG.infof("event %s (%s): its target was met before, no notice", c.event().id(),
                                c.event().type().type());
                    }
                    return outdated ? List.<Candidate>of() : List.of(c);
                }))
                .collect().asList()
                .map(kept -> kept.stream().flatMap(List::stream).toList())
                .chain(this::planCandidates);
    }

    private Uni<Void> planCandidates(List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> subscribingAccounts = new LinkedHashSet<>();
        Set<String> subscribedTypes = new LinkedHashSet<>();
        Set<String> contactAccounts = new LinkedHashSet<>();
        for (Candidate c : candidates) {
            if (c.kind().subscribable()) {
                subscribingAccounts.add(c.account());
                subscribedTypes.add(c.event().type().type());
            }
            if (!c.kind().contactRolesOf(c.event().data()).isEmpty()) {
                contactAccounts.add(c.account());
            }
        }
        return subscriptions.forEvents(subscribingAccounts, subscribedTypes)
                .chain(found -> contacts.contactsOf(contactAccounts).map(known -> rows(candidates, found, known)))
                .chain(this::insertAll);
    }

    private static List<Row> rows(List<Candidate> candidates, List<Subscription> found, List<Contact> known) {
        Map<String, List<Subscription>> byAccountAndType = found.stream().collect(
                Collectors.groupingBy(s -> s.accountId + "\u0000" + s.eventType, LinkedHashMap::new, Collectors.toList()));
        Map<String, List<Contact>> contactsByAccount = known.stream().collect(
                Collectors.groupingBy(Contact::accountId, LinkedHashMap::new, Collectors.toList()));
        List<Row> rows = new ArrayList<>();
        for (Candidate c : candidates) {
            EventEnvelope<?> event = c.event();
            Object data = event.data();
            // one delivery per distinct recipient, however many ways it is named (NTF-5)
            Map<String, Recipient> recipients = new LinkedHashMap<>();
            if (c.kind().subscribable()) {
                byAccountAndType.getOrDefault(c.account() + "\u0000" + event.type().type(), List.of())
                        .forEach(s -> add(recipients, event, new Recipient(s.channel, s.address, s.id)));
            }
            Set<String> roles = c.kind().contactRolesOf(data);
            contactsByAccount.getOrDefault(c.account(), List.of()).stream()
                    .filter(contact -> roles.contains(contact.role()))
                    .forEach(contact -> add(recipients, event, new Recipient(Channel.EMAIL, contact.email(), null)));
            c.kind().addressesOf(data).stream().filter(a -> a != null && !a.isBlank())
                    .forEach(email -> add(recipients, event, new Recipient(Channel.EMAIL, email, null)));
            if (recipients.isEmpty()) {
                continue;
            }
            String payload = CloudEventCodec.dataJson(data);
            String notice = c.kind().templateOf(data);
            String inReplyTo = messageId(c.kind().inReplyToOf(data));
            recipients.values().forEach(r -> rows.add(new Row(c, r, notice, payload, inReplyTo)));
        }
        return rows;
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

    private Uni<Void> insertAll(List<Row> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<Row>> chunks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += ROWS_PER_INSERT) {
            chunks.add(rows.subList(i, Math.min(rows.size(), i + ROWS_PER_INSERT)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(this::insert)
                .collect().asList()
                .invoke(inserted -> LOG.debugf("%d notices planned", inserted.stream().mapToInt(Integer::intValue).sum()))
                .replaceWithVoid();
    }

    private Uni<Integer> insert(List<Row> chunk) {
        List<NewDelivery> rows = new ArrayList<>(chunk.size());
        for (Row row : chunk) {
            EventEnvelope<?> event = row.candidate().event();
            Recipient r = row.recipient();
            rows.add(new NewDelivery(TimeOrderedIds.next(), r.deliveryKey(event.id()), row.candidate().account(),
                    r.subscriptionId(), r.channel(), r.address(), r.endpoint(), row.notice(), event.id(),
                    event.type().type(), event.source().toString(), event.subject(), event.time(), row.payload(),
                    row.inReplyTo(), event.traceparent()));
        }
        return deliveries.insertAll(rows);
    }
}
