package org.slaplatform.notification.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slaplatform.events.EventTypes;
import org.slaplatform.events.availability.MaintenanceAnnounced;
import org.slaplatform.events.availability.MaintenanceWindowChanged;
import org.slaplatform.events.credit.CreditAdjusted;
import org.slaplatform.events.credit.CreditClaimDecided;
import org.slaplatform.events.credit.CreditIssued;
import org.slaplatform.events.credit.TerminationRightGranted;
import org.slaplatform.events.notification.EmailReplyRequested;
import org.slaplatform.events.sla.SlaBreached;
import org.slaplatform.events.sla.SlaEscalated;
import org.slaplatform.events.sla.SlaWarning;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.events.ticket.TicketEscalated;

/**
 * Every event type that is worth a notice. A producer's new event becomes a notice with one entry
 * here, its two templates, and its topic in {@code mp.messaging.incoming.notice-events.topics}.
 */
public final class NoticeCatalog {

    /** Where the account is not known (a mail from an unknown sender): the delivery log's account. */
    public static final String NO_ACCOUNT = "-";

    private static final List<NoticeKind<?>> KINDS = List.of(
            NoticeKind.forSubscribers(EventTypes.TICKET_CREATED, TicketCreated::accountId, "ticket-created",
                    "[{data.accountId}] New Sev{data.severity} ticket: {data.subject}"),
            // INF-TKT-7, NTF-1: the escalation reaches the contract's contact of the tier it climbed to
            NoticeKind.forSubscribers(EventTypes.TICKET_ESCALATED, TicketEscalated::accountId, "ticket-escalated",
                    "[{data.accountId}] Ticket {data.ticketId} escalated to {data.level}")
                    .toContacts(escalated -> Set.of(escalated.level()))
                    .toAddresses(escalated -> escalated.contactEmail() == null ? List.of()
                            : List.of(escalated.contactEmail())),
            // NTF-3, IS-TKT-1: the answer to a mail, threaded under it
            NoticeKind.direct(EventTypes.EMAIL_REPLY_REQUESTED,
                    reply -> reply.accountId() == null ? NO_ACCOUNT : reply.accountId(), "email-reply",
                    "{data.subject}", reply -> List.of(reply.to()))
                    .threadedUnder(EmailReplyRequested::inReplyTo),
            // NTF-1, SLA-5: warnings and breaches to the support team; sla-timer-service fires them at
            // their thresholds and publishes nothing for a target met in time
            NoticeKind.forSubscribers(EventTypes.SLA_WARNING, SlaWarning::accountId, "sla-warning",
                    "[{data.accountId}] Sev{data.severity} ticket {data.ticketId}: {data.percent}% of {data.target} used, due {data.dueAt}")
                    .toContacts(warning -> Set.of("SUPPORT")),
            NoticeKind.forSubscribers(EventTypes.SLA_BREACHED, SlaBreached::accountId, "sla-breached",
                    "[{data.accountId}] SLA breached: Sev{data.severity} ticket {data.ticketId}, {data.target} was due {data.dueAt}")
                    .toContacts(breach -> Set.of("SUPPORT")),
            // NTF-1: each step of the escalation chain reaches the contract's contact of that level; the
            // delays (IS: support at once, account manager +4 h, executive +24 h) are sla-timer-service's timers
            NoticeKind.forSubscribers(EventTypes.SLA_ESCALATED, SlaEscalated::accountId, "sla-escalated",
                    "[{data.accountId}] Breach of ticket {data.ticketId} escalated to {data.level}")
                    .toContacts(escalation -> Set.of(escalation.level())),
            // NTF-2, AVL-3: every announcement, move and cancellation to the account's contacts; an
            // announcement with less notice than the policy requires is a notice of its own
            NoticeKind.forSubscribers(EventTypes.MAINTENANCE_ANNOUNCED, MaintenanceAnnounced::accountId,
                    "maintenance-announced",
                    "[{data.accountId}] Maintenance {data.status}: {data.startsAt} to {data.endsAt}")
                    .toContacts(maintenance -> NoticeKind.ALL_CONTACTS)
                    .or(NoticeCatalog::shortNotice, "maintenance-short-notice",
                            "[{data.accountId}] Short-notice maintenance: {data.startsAt} to {data.endsAt}, less notice than the policy requires"),
            // NTF-2, IS-AVL-4: the account's designated maintenance window changes, from its effective time
            NoticeKind.forSubscribers(EventTypes.MAINTENANCE_WINDOW_CHANGED, MaintenanceWindowChanged::accountId,
                    "maintenance-window-changed",
                    "[{data.accountId}] Maintenance window changes from {data.effectiveAt}")
                    .toContacts(change -> NoticeKind.ALL_CONTACTS),
            // NTF-4, QNT-CRD-2: a claim's decision; RECEIVED and CREDITED are steps the account hears of
            // otherwise (the filing itself, credit.issued.v1)
            NoticeKind.forSubscribers(EventTypes.CREDIT_CLAIM_DECIDED, CreditClaimDecided::accountId,
                    "credit-claim-decided", "[{data.accountId}] Credit claim {data.state}")
                    .toContacts(claim -> NoticeKind.ALL_CONTACTS)
                    .onlyWhen(claim -> "CONFIRMED".equals(claim.state()) || "DISQUALIFIED".equals(claim.state())),
            NoticeKind.forSubscribers(EventTypes.CREDIT_ISSUED, CreditIssued::accountId, "credit-issued",
                    "[{data.accountId}] Service credit of {data.amount} {data.currency} for {data.month}")
                    .toContacts(credit -> NoticeKind.ALL_CONTACTS),
            NoticeKind.forSubscribers(EventTypes.CREDIT_ADJUSTED, CreditAdjusted::accountId, "credit-adjusted",
                    "[{data.accountId}] Service credit adjusted by {data.amount} {data.currency}")
                    .toContacts(adjustment -> NoticeKind.ALL_CONTACTS),
            // IS-CRD-5
            NoticeKind.forSubscribers(EventTypes.TERMINATION_RIGHT_GRANTED, TerminationRightGranted::accountId,
                    "termination-right", "[{data.accountId}] You may terminate the agreement ({data.rule})")
                    .toContacts(right -> NoticeKind.ALL_CONTACTS));

    /**
     * The lifecycle notices (ITC-LIFE-4) are not made of an event but of a date coming near
     * ({@code LifecycleNotices}): their template and subject.
     */
    public static final String LIFECYCLE_TEMPLATE = "lifecycle-milestone";
    public static final String LIFECYCLE_SUBJECT =
            "[{data.accountId}] {data.productName} {data.version}: {data.milestoneName} on {data.milestoneDate}";
    /**
     * The type of a lifecycle notice: an event of the contract this service publishes itself when the
     * notice comes due (on notifications.v1), and that an account may subscribe to.
     */
    public static final String LIFECYCLE_TYPE = EventTypes.NOTIFICATION_LIFECYCLE_MILESTONE.type();

    /**
     * The confirmation mail of an email subscription to an address that is not a contact of the
     * account (double opt-in, issue 17). Not an event of the contract: the service writes its delivery
     * itself, in the transaction that stores the subscription.
     */
    public static final String CONFIRMATION_TEMPLATE = "subscription-confirmation";
    public static final String CONFIRMATION_SUBJECT = "Confirm SLA platform notices to {data.email} (account {data.accountId})";
    public static final String CONFIRMATION_TYPE = "org.slaplatform.notification.subscription-confirmation";

    private static final Map<String, NoticeKind<?>> BY_TYPE =
            KINDS.stream().collect(Collectors.toUnmodifiableMap(kind -> kind.type().type(), Function.identity()));

    private NoticeCatalog() {
    }

    public static List<NoticeKind<?>> all() {
        return KINDS;
    }

    public static Optional<NoticeKind<?>> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /**
     * NTF-2, AVL-3, IS-AVL-4: planned maintenance the policy judged to come with too little notice
     * (announced or moved less than the policy's notice ahead, or not before it started). The event
     * carries the verdict as reasons citing the rule; they are read here, not judged again.
     */
    static boolean shortNotice(MaintenanceAnnounced maintenance) {
        return !"CANCELLED".equals(maintenance.status()) && maintenance.reasons().stream()
                .anyMatch(reason -> reason.contains(" notice (") || reason.contains("not before it starts"));
    }

    /** The subject line of a notice, by its template name. */
    public static Optional<String> subjectOf(String eventType, String notice) {
        if (LIFECYCLE_TEMPLATE.equals(notice)) {
            return Optional.of(LIFECYCLE_SUBJECT);
        }
        if (CONFIRMATION_TEMPLATE.equals(notice)) {
            return Optional.of(CONFIRMATION_SUBJECT);
        }
        return byType(eventType).map(kind -> kind.subjectOf(notice));
    }

    /** The types an account may subscribe to. */
    public static List<String> subscribable() {
        List<String> types = new ArrayList<>();
        KINDS.stream().filter(NoticeKind::subscribable).forEach(k -> types.add(k.type().type()));
        types.add(LIFECYCLE_TYPE); // ITC-LIFE-4: planned by LifecycleNotices, not made of a consumed event
        types.sort(null);
        return types;
    }
}
