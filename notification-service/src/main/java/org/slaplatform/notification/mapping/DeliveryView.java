package org.slaplatform.notification.mapping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.slaplatform.notification.domain.Channel;
import org.slaplatform.notification.domain.DeliveryState;
import org.slaplatform.notification.repository.Delivery;
import org.slaplatform.notification.repository.DeliveryAttempt;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One line of an account's delivery log; with its tries when asked for one delivery. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(UUID id, String accountId, UUID subscriptionId, Channel channel, String recipient,
        String notice, String eventId, String eventType, DeliveryState state, int attempts, Instant nextAttemptAt,
        String lastError, Instant deliveredAt, Instant createdAt, List<AttemptView> tries) {

    public static DeliveryView of(Delivery d, List<DeliveryAttempt> attempts) {
        return new DeliveryView(d.id, d.accountId, d.subscriptionId, d.channel, d.recipient, d.notice, d.eventId,
                d.eventType, d.state, d.attempts, d.state == DeliveryState.PENDING ? d.nextAttemptAt : null,
                d.lastError, d.deliveredAt, d.createdAt,
                attempts == null ? null : attempts.stream().map(AttemptView::of).toList());
    }

    public record AttemptView(int attempt, Instant startedAt, int durationMs, String outcome, Integer status,
            String error) {

        static AttemptView of(DeliveryAttempt a) {
            return new AttemptView(a.attempt, a.startedAt, a.durationMs, a.outcome, a.status, a.error);
        }
    }
}
