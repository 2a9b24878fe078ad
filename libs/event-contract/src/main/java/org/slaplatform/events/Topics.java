package org.slaplatform.events;

import java.util.List;
import java.util.stream.Stream;

/**
 * Every Kafka topic of the platform. Names carry a version suffix: a breaking change of a topic's
 * key or payload shape goes to a new topic, never into the old one. Described in
 * {@code asyncapi.yaml}, which a test keeps in step with this class.
 */
public final class Topics {

    /** Ticket lifecycle events, keyed by ticket id so that a ticket's events stay in order. */
    public static final Topic TICKETS = new Topic("tickets.v1", "ticketId", Topic.Cleanup.DELETE);

    /** Delivery outcomes of notification-service (NTF-5), keyed by account id. */
    public static final Topic NOTIFICATIONS = new Topic("notifications.v1", "accountId", Topic.Cleanup.DELETE);

    /** The services that consume events, each with a dead-letter topic of its own. */
    public static final List<String> CONSUMING_SERVICES = List.of("sla-timer-service", "notification-service");

    private static final List<Topic> ALL = Stream.concat(Stream.of(TICKETS, NOTIFICATIONS),
            CONSUMING_SERVICES.stream().map(Topics::deadLetter)).toList();

    private Topics() {
    }

    public static List<Topic> all() {
        return ALL;
    }

    /** The dead-letter topic of one consuming service: poison records land here with the reason. */
    public static Topic deadLetter(String service) {
        return new Topic(service + ".dead-letter.v1", "original record key", Topic.Cleanup.DELETE);
    }

    /**
     * A topic's name, what its record key is, and how Kafka cleans it up (compacted topics keep the
     * latest record per key so that a new consumer can rebuild its view).
     */
    public record Topic(String name, String key, Cleanup cleanup) {
        public enum Cleanup { DELETE, COMPACT }
    }
}
