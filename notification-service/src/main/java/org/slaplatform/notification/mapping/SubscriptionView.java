package org.slaplatform.notification.mapping;

import java.time.Instant;
import java.util.UUID;

import org.slaplatform.notification.domain.Channel;
import org.slaplatform.notification.repository.Subscription;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A subscription as the API shows it. The webhook secret appears once, in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(UUID id, String accountId, String eventType, Channel channel, String email, String url,
        String secret, String status, Instant confirmationExpiresAt, Instant createdAt) {

    /** Notices flow. */
    public static final String ACTIVE = "ACTIVE";
    /** An email address that has not confirmed yet (double opt-in): no notice is sent to it. */
    public static final String PENDING_CONFIRMATION = "PENDING_CONFIRMATION";

    public static SubscriptionView of(Subscription s) {
        boolean confirmed = s.confirmedAt != null;
        return new SubscriptionView(s.id, s.accountId, s.eventType, s.channel,
                s.channel == Channel.EMAIL ? s.address : null, s.channel == Channel.WEBHOOK ? s.address : null,
                null, confirmed ? ACTIVE : PENDING_CONFIRMATION, confirmed ? null : s.confirmExpiresAt, s.createdAt);
    }

    public static SubscriptionView created(Subscription s) {
        SubscriptionView view = of(s);
        return new SubscriptionView(view.id, view.accountId, view.eventType, view.channel, view.email, view.url,
                s.shownSecret, view.status, view.confirmationExpiresAt, view.createdAt);
    }
}
