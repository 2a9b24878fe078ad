package org.slaplatform.notification.mapping;

import java.time.Instant;
import java.util.UUID;

import org.slaplatform.notification.domain.Channel;
import org.slaplatform.notification.domain.Subscription;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A subscription as the API shows it. The webhook secret appears once, in the answer that created it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionView(UUID id, String accountId, String eventType, Channel channel, String email, String url,
        String secret, Instant createdAt) {

    public static SubscriptionView of(Subscription s) {
        return new SubscriptionView(s.id, s.accountId, s.eventType, s.channel,
                s.channel == Channel.EMAIL ? s.address : null, s.channel == Channel.WEBHOOK ? s.address : null,
                null, s.createdAt);
    }

    public static SubscriptionView created(Subscription s) {
        SubscriptionView view = of(s);
        return new SubscriptionView(view.id, view.accountId, view.eventType, view.channel, view.email, view.url,
                s.shownSecret, view.createdAt);
    }
}
