package org.slaplatform.notification.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slaplatform.events.EventTypes;
import org.slaplatform.events.notification.EmailReplyRequested;
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
                    .threadedUnder(EmailReplyRequested::inReplyTo));

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

    /** The types an account may subscribe to. */
    public static List<String> subscribable() {
        List<String> types = new ArrayList<>();
        KINDS.stream().filter(NoticeKind::subscribable).forEach(k -> types.add(k.type().type()));
        types.sort(null);
        return types;
    }
}
