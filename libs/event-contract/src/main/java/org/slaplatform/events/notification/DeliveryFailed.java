package org.slaplatform.events.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * notification-service gave up on one notice after its last try (NTF-5): the delivery is in the
 * dead-letter state and stays there, visible in the account's delivery log. Keyed by account.
 *
 * @param deliveryId     the delivery, as in the delivery log and the webhook's delivery id header
 * @param accountId      the account the notice was for
 * @param subscriptionId the subscription it was sent for, absent for a contact-based recipient
 * @param channel        EMAIL or WEBHOOK
 * @param recipient      the email address or the webhook URL
 * @param eventId        the {@code ce_id} of the event the notice was about
 * @param eventType      the {@code ce_type} of that event
 * @param attempts       how many times it was tried
 * @param lastError      what the last try ran into (status, timeout, refusal)
 * @param failedAt       when it was given up
 */
public record DeliveryFailed(UUID deliveryId, String accountId, UUID subscriptionId, String channel, String recipient,
        String eventId, String eventType, int attempts, String lastError, Instant failedAt) {

    public DeliveryFailed {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(failedAt, "failedAt");
    }
}
