package org.slaplatform.notification.delivery;

import java.time.Instant;
import java.util.UUID;

import org.slaplatform.notification.domain.Channel;

/**
 * A delivery a worker holds a lease on. {@code attempts} counts the tries before this one;
 * {@code retryFrom} the tries before the current series (0 until a manual replay restarts it).
 *
 * @param secret the webhook subscription's signing key, null for email
 * @param traceparent the W3C trace context of the event the delivery was planned from, null if unknown
 */
public record ClaimedDelivery(UUID id, UUID claimToken, String accountId, UUID subscriptionId, Channel channel,
        String recipient, String endpoint, String notice, String eventId, String eventType, String eventSource,
        String eventSubject, Instant eventTime, String payload, String inReplyTo, int attempts, int retryFrom, String secret,
        String traceparent) {

    /** The number of the try under way, from 1. */
    public int attempt() {
        return attempts + 1;
    }

    /** The number of the try under way within its series, from 1: what back-off and the dead letter count. */
    public int tryInSeries() {
        return attempt() - retryFrom;
    }
}
