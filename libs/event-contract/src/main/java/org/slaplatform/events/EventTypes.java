package org.slaplatform.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slaplatform.events.notification.DeliveryFailed;
import org.slaplatform.events.ticket.TicketCreated;

/** The registry of every event type the platform publishes. */
public final class EventTypes {

    public static final String PREFIX = "org.slaplatform.";

    public static final EventType<TicketCreated> TICKET_CREATED =
            new EventType<>(PREFIX + "ticket.created.v1", Topics.TICKETS, TicketCreated.class);

    public static final EventType<DeliveryFailed> NOTIFICATION_DELIVERY_FAILED =
            new EventType<>(PREFIX + "notification.delivery-failed.v1", Topics.NOTIFICATIONS, DeliveryFailed.class);

    private static final List<EventType<?>> ALL = List.of(TICKET_CREATED, NOTIFICATION_DELIVERY_FAILED);

    private static final Map<String, EventType<?>> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private EventTypes() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }
}
