package org.slaplatform.notification.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.notification.DeliveryFailed;
import org.slaplatform.notification.config.ServiceName;
import org.slaplatform.notification.domain.Channel;
import org.slaplatform.notification.domain.RetryPolicy;
import org.slaplatform.runtime.outbox.Outbox;

import io.agroal.api.AgroalDataSource;

/**
 * The workers' side of the deliveries table, in short JDBC transactions: claim, release, record an
 * outcome. No transaction is open while a notice is being sent.
 */
@ApplicationScoped
public class DeliveryStore {

    /**
     * Due rows, per endpoint at most its free slots (so one endpoint's backlog never fills a batch and
     * an endpoint with no free slot is left out), the oldest first, locked with SKIP LOCKED so that
     * instances claiming at the same moment take different rows, and leased: one statement.
     * <p>
     * Cost: the endpoints with pending rows are found by a loose index scan of
     * {@code deliveries_pending_by_endpoint} (one probe per endpoint), and each endpoint's oldest due
     * rows are read from the same index in order and stop at its free slots; nothing ranks or sorts
     * the whole backlog. Rows under a live lease (in flight) are stepped over.
     */
    static final String CLAIM = """
            with recursive endpoints (endpoint) as (
                (select endpoint from deliveries where state = 'PENDING' order by endpoint limit 1)
                union all
                select (select d.endpoint from deliveries d
                         where d.state = 'PENDING' and d.endpoint > e.endpoint order by d.endpoint limit 1)
                  from endpoints e where e.endpoint is not null
            ), slots as (
                select e.endpoint, ?::int - coalesce(b.in_flight, 0) as free
                  from endpoints e left join unnest(?::text[], ?::int[]) as b (endpoint, in_flight)
                       on b.endpoint = e.endpoint
                 where e.endpoint is not null
            ), candidates as (
                select c.id, c.subscription_id from slots s cross join lateral (
                    select d.id, d.next_attempt_at, d.subscription_id from deliveries d
                     where d.state = 'PENDING' and d.endpoint = s.endpoint and d.next_attempt_at <= now()
                       and (d.claimed_until is null or d.claimed_until < now())
                     order by d.next_attempt_at, d.id
                     limit greatest(s.free, 0)
                       for update skip locked
                ) c
                order by c.next_attempt_at, c.id
                limit ?
            )
            update deliveries d
               set claim_token = ?, claimed_until = now() + ? * interval '1 millisecond'
              from candidates c left join subscriptions s on s.id = c.subscription_id
             where d.id = c.id
            returning d.id, d.account_id, d.subscription_id, d.channel, d.recipient, d.endpoint, d.notice,
                      d.event_id, d.event_type, d.event_source, d.event_subject, d.event_time, d.payload,
                      d.in_reply_to, d.attempts, d.retry_from, d.traceparent,
                      s.secret, s.secret_sealed
            """;

    private final AgroalDataSource dataSource;
    private final Clock clock;

    private final SecretCipher cipher;

    DeliveryStore(AgroalDataSource dataSource, Clock clock, SecretCipher cipher) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.cipher = cipher;
    }

    /**
     * Claims at most {@code limit} due rows, per endpoint at most {@code perEndpoint} minus what this
     * instance has in flight there ({@code inFlight}).
     */
    public List<ClaimedDelivery> claim(int limit, int perEndpoint, Map<String, Integer> inFlight, Duration lease)
            throws SQLException {
        UUID token = UUID.randomUUID();
        List<ClaimedDelivery> claimed = new ArrayList<>();
        List<String> endpoints = new ArrayList<>(inFlight.keySet());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setInt(1, perEndpoint);
                claim.setArray(2, connection.createArrayOf("text", endpoints.toArray()));
                claim.setArray(3, connection.createArrayOf("int4", endpoints.stream().map(inFlight::get).toArray()));
                claim.setInt(4, limit);
                claim.setObject(5, token);
                claim.setLong(6, lease.toMillis());
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new ClaimedDelivery(rs.getObject("id", UUID.class), token,
                                rs.getString("account_id"), rs.getObject("subscription_id", UUID.class),
                                Channel.valueOf(rs.getString("channel")), rs.getString("recipient"),
                                rs.getString("endpoint"), rs.getString("notice"), rs.getString("event_id"),
                                rs.getString("event_type"), rs.getString("event_source"),
                                rs.getString("event_subject"), rs.getTimestamp("event_time").toInstant(),
                                rs.getString("payload"), rs.getString("in_reply_to"), rs.getInt("attempts"), rs.getInt("retry_from"),
                                secret(rs), rs.getString("traceparent")));
                    }
                }
            }
        }
        return claimed;
    }

    /**
     * The webhook's signing key: opened from its sealed form (and kept, per subscription, so that a
     * busy endpoint is not decrypted again for every delivery), or the plain one of a row not sealed.
     * Null if the subscription was deleted (the send then fails the try). A sealed secret that does not
     * open (no key, another key) fails the try with the reason too: nothing is sent unsigned.
     */
    private String secret(ResultSet rs) throws SQLException {
        byte[] sealed = rs.getBytes("secret_sealed");
        if (sealed == null) {
            return rs.getString("secret");
        }
        UUID subscription = rs.getObject("subscription_id", UUID.class);
        Opened opened = openedSecrets.get(subscription);
        if (opened == null || !java.util.Arrays.equals(opened.sealed(), sealed)) {
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

    /** Marks a secret that could not be opened; {@code WebhookSender} fails the try with the rest as the reason. */
    public static final String UNREADABLE_SECRET = "\u0000unreadable:";

    private record Opened(byte[] sealed, String secret) {
    }

    private final Map<UUID, Opened> openedSecrets = new java.util.concurrent.ConcurrentHashMap<>();

    /** Gives rows back unsent (no free slot for their endpoint after all): due again at once. */
    public void release(Collection<ClaimedDelivery> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement release = connection.prepareStatement(
                        "update deliveries set claim_token = null, claimed_until = null where id = ? and claim_token = ?")) {
            connection.setAutoCommit(true);
            for (ClaimedDelivery d : deliveries) {
                release.setObject(1, d.id());
                release.setObject(2, d.claimToken());
                release.addBatch();
            }
            release.executeBatch();
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
                    updated = update(connection, "update deliveries set state = 'DELIVERED', attempts = attempts + 1,"
                            + " delivered_at = now(), last_error = null, claim_token = null, claimed_until = null"
                            + " where id = ? and claim_token = ?", delivery);
                } else if (retries.exhausted(delivery.tryInSeries())) {
                    updated = update(connection, "update deliveries set state = 'DEAD', attempts = attempts + 1,"
                            + " last_error = ?, claim_token = null, claimed_until = null"
                            + " where id = ? and claim_token = ?", delivery, outcome.error());
                    if (updated == 1) {
                        // NTF-5: the dead letter is announced in the same transaction that writes it
                        Outbox.append(connection, deadLetterEvent(delivery, outcome));
                    }
                } else {
                    Duration wait = retries.delayAfter(delivery.tryInSeries());
                    try (PreparedStatement retry = connection.prepareStatement("update deliveries set attempts = attempts + 1,"
                            + " last_error = ?, next_attempt_at = now() + ? * interval '1 millisecond',"
                            + " claim_token = null, claimed_until = null where id = ? and claim_token = ?")) {
                        retry.setString(1, outcome.error());
                        retry.setLong(2, wait.toMillis());
                        retry.setObject(3, delivery.id());
                        retry.setObject(4, delivery.claimToken());
                        updated = retry.executeUpdate();
                    }
                }
                if (updated == 1) {
                    try (PreparedStatement log = connection.prepareStatement("insert into delivery_attempts"
                            + " (delivery_id, attempt, started_at, duration_ms, outcome, status, error)"
                            + " values (?, ?, ?, ?, ?, ?, ?)")) {
                        log.setObject(1, delivery.id());
                        log.setInt(2, delivery.attempt());
                        log.setTimestamp(3, Timestamp.from(outcome.startedAt()));
                        log.setInt(4, (int) Math.min(Integer.MAX_VALUE, outcome.durationMillis()));
                        log.setString(5, outcome.delivered() ? "DELIVERED" : "FAILED");
                        log.setObject(6, outcome.status());
                        log.setString(7, outcome.error());
                        log.executeUpdate();
                    }
                }
                connection.commit();
                return updated == 1;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** One successful try to record. */
    public record Success(ClaimedDelivery delivery, Outcome outcome) {
    }

    /**
     * Records many successful tries in one transaction, two statements whatever their number (the
     * workers' hot path): each row only while this worker's lease on it holds.
     *
     * @return the ids of the rows that were still ours
     */
    public java.util.Set<UUID> recordDelivered(List<Success> successes) throws SQLException {
        java.util.Set<UUID> ours = new java.util.HashSet<>();
        if (successes.isEmpty()) {
            return ours;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement update = connection.prepareStatement("update deliveries d set state = 'DELIVERED',"
                        + " attempts = d.attempts + 1, delivered_at = now(), last_error = null, claim_token = null,"
                        + " claimed_until = null from unnest(?::uuid[], ?::uuid[]) as v (id, token)"
                        + " where d.id = v.id and d.claim_token = v.token returning d.id")) {
                    update.setArray(1, connection.createArrayOf("uuid",
                            successes.stream().map(x -> x.delivery().id()).toArray()));
                    update.setArray(2, connection.createArrayOf("uuid",
                            successes.stream().map(x -> x.delivery().claimToken()).toArray()));
                    try (ResultSet rs = update.executeQuery()) {
                        while (rs.next()) {
                            ours.add(rs.getObject(1, UUID.class));
                        }
                    }
                }
                List<Success> recorded = successes.stream().filter(x -> ours.contains(x.delivery().id())).toList();
                if (!recorded.isEmpty()) {
                    try (PreparedStatement log = connection.prepareStatement("insert into delivery_attempts"
                            + " (delivery_id, attempt, started_at, duration_ms, outcome, status, error)"
                            + " select id, attempt, started_at, duration_ms, 'DELIVERED', status, null"
                            + " from unnest(?::uuid[], ?::int[], ?::timestamptz[], ?::int[], ?::int[])"
                            + " as a (id, attempt, started_at, duration_ms, status)")) {
                        log.setArray(1, connection.createArrayOf("uuid", recorded.stream().map(x -> x.delivery().id()).toArray()));
                        log.setArray(2, connection.createArrayOf("int4",
                                recorded.stream().map(x -> x.delivery().attempt()).toArray()));
                        log.setArray(3, connection.createArrayOf("timestamptz",
                                recorded.stream().map(x -> Timestamp.from(x.outcome().startedAt())).toArray()));
                        log.setArray(4, connection.createArrayOf("int4", recorded.stream()
                                .map(x -> (int) Math.min(Integer.MAX_VALUE, x.outcome().durationMillis())).toArray()));
                        log.setArray(5, connection.createArrayOf("int4",
                                recorded.stream().map(x -> x.outcome().status()).toArray()));
                        log.executeUpdate();
                    }
                }
                connection.commit();
                return ours;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static int update(Connection connection, String sql, ClaimedDelivery delivery, String... firstParameters)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            int i = 1;
            for (String parameter : firstParameters) {
                update.setString(i++, parameter);
            }
            update.setObject(i++, delivery.id());
            update.setObject(i, delivery.claimToken());
            return update.executeUpdate();
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
