package org.slaplatform.notification.notice;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slaplatform.events.EventTypes;
import org.slaplatform.events.ticket.TicketCreated;

/**
 * Every event type that is worth a notice. A producer's new event becomes a notice with one entry
 * here, its two templates, and its topic in {@code mp.messaging.incoming.notice-events.topics}.
 */
public final class NoticeCatalog {

    private static final List<NoticeKind<?>> KINDS = List.of(
            new NoticeKind<>(EventTypes.TICKET_CREATED, TicketCreated::accountId, "ticket-created",
                    "[{data.accountId}] New Sev{data.severity} ticket: {data.subject}"));

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
}
