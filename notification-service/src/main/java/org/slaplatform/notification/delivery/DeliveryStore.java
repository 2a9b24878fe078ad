package org.slaplatform.notification.delivery;

import java.sql.Array;
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
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.notification.DeliveryFailed;
import org.slaplatform.notification.domain.Channel;
import org.slaplatform.runtime.outbox.Outbox;

import io.agroal.api.AgroalDataSource;

/**
 * The workers' side of the deliveries table, in short JDBC transactions: claim, release, record an
 * outcome. No transaction is open while a notice is being sent.
 */
@ApplicationScoped
public class DeliveryStore {

    public static final String SOURCE = "notification-service";

    /**
     * Due rows, at most {@code perEndpoint} per endpoint (so one endpoint's backlog never fills a
     * batch), none of the endpoints this instance has no free slot for, locked with SKIP LOCKED so
     * that instances claiming at the same moment take different rows, and leased.
     */
    private static final String CLAIM = """
            with candidates as (
                select id from (
                    select id, next_attempt_at,
                           row_number() over (partition by endpoint order by next_attempt_at, id) as rank_in_endpoint
                    from deliveries
                    where state = 'PENDING' and next_attempt_at <= now()
                      and (claimed_until is null or claimed_until < now())
                      and endpoint <> all(?)
                ) ranked
                where rank_in_endpoint <= ?
                order by next_attempt_at, id
                limit ?
            ), locked as (
                select d.id from deliveries d
                where d.id in (select id from candidates)
                  and d.state = 'PENDING' and (d.claimed_until is null or d.claimed_until < now())
                for update skip locked
            )
            update deliveries d
               set claim_token = ?, claimed_until = now() + ? * interval '1 millisecond'
              from locked
             where d.id = locked.id
            returning d.id, d.account_id, d.subscription_id, d.channel, d.recipient, d.endpoint, d.notice,
                      d.event_id, d.event_type, d.event_source, d.event_subject, d.event_time, d.payload,
                      d.in_reply_to, d.attempts,
                      (select s.secret from subscriptions s where s.id = d.subscription_id) as secret
            """;

    private final AgroalDataSource dataSource;
    private final Clock clock;

    DeliveryStore(AgroalDataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    public List<ClaimedDelivery> claim(int limit, int perEndpoint, Collection<String> busyEndpoints, Duration lease)
            throws SQLException {
        UUID token = UUID.randomUUID();
        List<ClaimedDelivery> claimed = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            Array busy = connection.createArrayOf("text", busyEndpoints.toArray());
            try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                claim.setArray(1, busy);
                claim.setInt(2, perEndpoint);
                claim.setInt(3, limit);
                claim.setObject(4, token);
                claim.setLong(5, lease.toMillis());
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new ClaimedDelivery(rs.getObject("id", UUID.class), token,
                                rs.getString("account_id"), rs.getObject("subscription_id", UUID.class),
                                Channel.valueOf(rs.getString("channel")), rs.getString("recipient"),
                                rs.getString("endpoint"), rs.getString("notice"), rs.getString("event_id"),
                                rs.getString("event_type"), rs.getString("event_source"),
                                rs.getString("event_subject"), rs.getTimestamp("event_time").toInstant(),
                                rs.getString("payload"), rs.getString("in_reply_to"), rs.getInt("attempts"),
                                rs.getString("secret")));
                    }
                }
            }
        }
        return claimed;
    }

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
                } else if (retries.exhausted(delivery.attempt())) {
                    updated = update(connection, "update deliveries set state = 'DEAD', attempts = attempts + 1,"
                            + " last_error = ?, claim_token = null, claimed_until = null"
                            + " where id = ? and claim_token = ?", delivery, outcome.error());
                    if (updated == 1) {
                        // NTF-5: the dead letter is announced in the same transaction that writes it
                        Outbox.append(connection, deadLetterEvent(delivery, outcome));
                    }
                } else {
                    Duration wait = retries.delayAfter(delivery.attempt());
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
        return EventEnvelope.of(EventTypes.NOTIFICATION_DELIVERY_FAILED, SOURCE, delivery.accountId(), now,
                new DeliveryFailed(delivery.id(), delivery.accountId(), delivery.subscriptionId(),
                        delivery.channel().name(), delivery.recipient(), delivery.eventId(), delivery.eventType(),
                        delivery.attempt(), outcome.error(), now));
    }
}
