package org.slaplatform.notification.delivery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.notification.DeliveryFailed;
import org.slaplatform.notification.config.ServiceName;
import org.slaplatform.notification.domain.RetryPolicy;
import org.slaplatform.notification.repository.DeliveryLeases.DeliveredTry;
import org.slaplatform.notification.repository.DeliveryLeases;
import org.slaplatform.runtime.outbox.Outbox;

import io.agroal.api.AgroalDataSource;

/**
 * The workers' side of the deliveries table, in short JDBC transactions over {@link DeliveryLeases}:
 * claim, release, record an outcome. No transaction is open while a notice is being sent.
 */
@ApplicationScoped
public class DeliveryStore {

    /** Marks a secret that could not be opened; {@code WebhookSender} fails the try with the rest as the reason. */
    public static final String UNREADABLE_SECRET = "\u0000unreadable:";

    private final AgroalDataSource dataSource;
    private final DeliveryLeases leases;
    private final Clock clock;
    private final SecretCipher cipher;
    private final Map<UUID, Opened> openedSecrets = new ConcurrentHashMap<>();

    DeliveryStore(AgroalDataSource dataSource, DeliveryLeases leases, Clock clock, SecretCipher cipher) {
        this.dataSource = dataSource;
        this.leases = leases;
        this.clock = clock;
        this.cipher = cipher;
    }

    /**
     * Claims at most {@code limit} due rows, per endpoint at most {@code perEndpoint} minus what this
     * instance has in flight there ({@code inFlight}).
     */
    public List<ClaimedDelivery> claim(int limit, int perEndpoint, Map<String, Integer> inFlight, Duration lease)
            throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            return leases.claim(connection, limit, perEndpoint, inFlight, UUID.randomUUID(), lease, this::secret);
        }
    }

    /**
     * The webhook's signing key: opened from its sealed form (and kept, per subscription, so that a
     * busy endpoint is not decrypted again for every delivery), or the plain one of a row not sealed.
     * Null if the subscription was deleted (the send then fails the try). A sealed secret that does not
     * open (no key, another key) fails the try with the reason too: nothing is sent unsigned.
     */
    private String secret(UUID subscription, String plain, byte[] sealed) {
        if (sealed == null) {
            return plain;
        }
        Opened opened = openedSecrets.get(subscription);
        if (opened == null || !Arrays.equals(opened.sealed(), sealed)) {
            String secret;
            try {
                secret = cipher.open(subscription, sealed);
            } catch (IllegalStateException e) {
                secret = UNREADABLE_SECRET + e.getMessage();
            }
            opened = new Opened(sealed, secret);
            if (openedSecrets.size() > 10_000) {
                openedSecrets.clear();
            }
            openedSecrets.put(subscription, opened);
        }
        return opened.secret();
    }

    private record Opened(byte[] sealed, String secret) {
    }

    /** Gives rows back unsent (no free slot for their endpoint after all): due again at once. */
    public void release(Collection<ClaimedDelivery> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            leases.release(connection, deliveries);
        }
    }

    /**
     * Records one try. Only while this worker's lease holds (the claim token matches): a worker whose
     * lease ran out records nothing, since another instance owns the row now.
     *
     * @return whether the row was still ours
     */
    public boolean record(ClaimedDelivery delivery, Outcome outcome, RetryPolicy retries) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int updated;
                if (outcome.delivered()) {
                    updated = leases.markDelivered(connection, delivery);
                } else if (retries.exhausted(delivery.tryInSeries())) {
                    updated = leases.markDead(connection, delivery, outcome.error());
                    if (updated == 1) {
                        // NTF-5: the dead letter is announced in the same transaction that writes it
                        Outbox.append(connection, deadLetterEvent(delivery, outcome));
                    }
                } else {
                    updated = leases.markRetry(connection, delivery, outcome.error(),
                            retries.delayAfter(delivery.tryInSeries()));
                }
                if (updated == 1) {
                    leases.logAttempt(connection, delivery, outcome);
                }
                connection.commit();
                return updated == 1;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /**
     * Records many successful tries in one transaction, two statements whatever their number (the
     * workers' hot path): each row only while this worker's lease on it holds.
     *
     * @return the ids of the rows that were still ours
     */
    public Set<UUID> recordDelivered(List<DeliveredTry> successes) throws SQLException {
        if (successes.isEmpty()) {
            return Set.of();
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Set<UUID> ours = leases.recordDelivered(connection, successes);
                connection.commit();
                return ours;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private EventEnvelope<DeliveryFailed> deadLetterEvent(ClaimedDelivery delivery, Outcome outcome) {
        Instant now = clock.instant();
        return EventEnvelope.of(EventTypes.NOTIFICATION_DELIVERY_FAILED, ServiceName.VALUE, delivery.accountId(), now,
                new DeliveryFailed(delivery.id(), delivery.accountId(), delivery.subscriptionId(),
                        delivery.channel().name(), delivery.recipient(), delivery.eventId(), delivery.eventType(),
                        delivery.attempt(), outcome.error(), now)).withTraceparent(delivery.traceparent());
    }
}
