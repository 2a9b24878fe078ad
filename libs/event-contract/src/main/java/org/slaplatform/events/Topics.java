package org.slaplatform.events;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every Kafka topic of the platform. Names carry a version suffix: a breaking change of a topic's
 * key or payload shape goes to a new topic, never into the old one. Described in
 * {@code asyncapi.yaml}, which a test keeps in step with this class.
 */
public final class Topics {

    /** Ticket lifecycle events, keyed by ticket id so that a ticket's events stay in order. */
    public static final Topic TICKETS = new Topic("tickets.v1", "ticketId", Topic.Cleanup.DELETE, 12, Duration.ofDays(7));

    /**
     * The current contract of every account (POL-2), keyed by account id and compacted: the latest
     * record per account is the account's whole state, so a new consumer rebuilds its view from it.
     */
    public static final Topic CONTRACTS = new Topic("contracts.v1", "accountId", Topic.Cleanup.COMPACT, 12, null);

    /** Products and their release history (IS-LIFE-1), keyed by product id and compacted. */
    public static final Topic PRODUCTS = new Topic("products.v1", "productId", Topic.Cleanup.COMPACT, 3, null);

    /** Credit claims filed as tickets (QNT-TKT-10), keyed by account id. */
    public static final Topic CREDIT_CLAIMS = new Topic("credit-claims.v1", "accountId", Topic.Cleanup.DELETE, 12, Duration.ofDays(30));

    /** Requests to notification-service to send a message, e.g. the reply to an inbound email (NTF-3). */
    public static final Topic NOTIFICATION_REQUESTS =
            new Topic("notification-requests.v1", "requestId", Topic.Cleanup.DELETE, 12, Duration.ofDays(7));

    /**
     * Availability facts per instance (AVL-1, AVL-7): explicit outages and monthly results with their
     * corrections, keyed by instance id so that an instance's versions stay in order.
     */
    public static final Topic AVAILABILITY = new Topic("availability.v1", "instanceId", Topic.Cleanup.DELETE, 12, Duration.ofDays(365));

    /** Maintenance announcements, moves and cancellations (AVL-3, NTF-2), keyed by account id. */
    public static final Topic MAINTENANCE = new Topic("maintenance.v1", "accountId", Topic.Cleanup.DELETE, 12, Duration.ofDays(30));

    /**
     * SLA warnings, breaches and escalations from sla-timer-service (SLA-5, NTF-1), keyed by ticket id
     * so that a ticket's warnings come before its breach.
     */
    public static final Topic SLA_BREACHES = new Topic("sla-breaches.v1", "ticketId", Topic.Cleanup.DELETE, 12, Duration.ofDays(7));

    /** Delivery outcomes of notification-service (NTF-5), keyed by account id. */
    public static final Topic NOTIFICATIONS = new Topic("notifications.v1", "accountId", Topic.Cleanup.DELETE, 6, Duration.ofDays(30));

    /**
     * Credit decisions of credit-service (QNT-CRD-2, QNT-CRD-3, IS-CRD-5, CRD-7): claim states, credits
     * issued, adjustments and termination rights, keyed by account id so an account's ledger stays in order.
     */
    public static final Topic CREDITS = new Topic("credits.v1", "accountId", Topic.Cleanup.DELETE, 12, Duration.ofDays(30));

    /** The services that consume events, each with a dead-letter topic of its own. */
    public static final List<String> CONSUMING_SERVICES = List.of("sla-timer-service", "availability-service",
            "notification-service", "credit-service");

    private static final List<Topic> ALL = Stream.concat(
            Stream.of(TICKETS, CONTRACTS, PRODUCTS, CREDIT_CLAIMS, NOTIFICATION_REQUESTS, AVAILABILITY, MAINTENANCE,
                    SLA_BREACHES, NOTIFICATIONS, CREDITS),
            CONSUMING_SERVICES.stream().map(Topics::deadLetter)).toList();

    private Topics() {
    }

    public static List<Topic> all() {
        return ALL;
    }

    /** The dead-letter topic of one consuming service: poison records land here with the reason. */
    public static Topic deadLetter(String service) {
        return new Topic(service + ".dead-letter.v1", "original record key", Topic.Cleanup.DELETE, 1, Duration.ofDays(30));
    }

    /**
     * A topic's name, what its record key is, how Kafka cleans it up (compacted topics keep the
     * latest record per key so that a new consumer can rebuild its view), its partitions (the unit of
     * consumer parallelism; never lowered, and raised only by a new topic version, because a key's
     * partition would move and its order with it) and how long a deleted-on-age topic keeps records
     * ({@code null} for a compacted one: kept until a newer record of its key replaces it).
     * {@link TopicProvisioner} creates them so at start-up; the AsyncAPI document states the same.
     */
    public record Topic(String name, String key, Cleanup cleanup, int partitions, Duration retention) {
        public Topic {
            if (partitions < 1) {
                throw new IllegalArgumentException(name + ": partitions must be at least 1");
            }
            if ((cleanup == Cleanup.DELETE) != (retention != null)) {
                throw new IllegalArgumentException(name + ": a deleted-on-age topic has a retention, a compacted one none");
            }
        }

        public enum Cleanup { DELETE, COMPACT }
    }
}
