package org.slaplatform.notification.repository;

import java.time.Instant;
import java.util.UUID;

import org.slaplatform.notification.domain.Channel;

/**
 * One delivery row to insert: a notice of one event to one recipient, keyed by
 * {@code deliveryKey} (sha256 of the event id and the recipient), so an event planned twice
 * inserts it once.
 *
 * @param subscriptionId the subscription that asked for it; null for a contact of the contract
 * @param endpoint       what per-endpoint isolation counts by (webhook scheme://host:port, or smtp)
 * @param inReplyTo      the Message-ID an email answers, in angle brackets; null for none
 */
public record NewDelivery(UUID id, String deliveryKey, String accountId, UUID subscriptionId, Channel channel,
        String recipient, String endpoint, String notice, String eventId, String eventType, String eventSource,
        String eventSubject, Instant eventTime, String payload, String inReplyTo, String traceparent) {
}
