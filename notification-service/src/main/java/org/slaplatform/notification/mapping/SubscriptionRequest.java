package org.slaplatform.notification.mapping;

import org.slaplatform.notification.domain.Channel;

/**
 * A new subscription. {@code email} for EMAIL, {@code url} for WEBHOOK; a webhook's {@code secret}
 * is generated when not given. Admins name the account; customers may leave it out (their own).
 */
public record SubscriptionRequest(String accountId, String eventType, Channel channel, String email, String url,
        String secret) {
}
