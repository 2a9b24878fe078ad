package org.slaplatform.notification.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.notification.delivery.ClaimedDelivery;
import org.slaplatform.notification.delivery.Outcome;
import org.slaplatform.notification.domain.Channel;
import org.slaplatform.runtime.db.SqlArrays;

/**
 * The delivery workers' statements on the deliveries table, over JDBC on their threads, each in the
 * caller's connection: claim under a lease, give back, record a try. Every write of a try holds only
 * while the caller's lease does (its claim token still on the row).
 */
@ApplicationScoped
public class DeliveryLeases {

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
    private static final String CLAIM = """
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

    private static final String RELEASE = """
            update deliveries d set claim_token = null, claimed_until = null
              from unnest(?::uuid[], ?::uuid[]) as r (id, token)
             where d.id = r.id and d.claim_token = r.token
            """;

    private static final String DELIVERED = """
            update deliveries set state = 'DELIVERED', attempts = attempts + 1, delivered_at = now(), last_error = null,
                   claim_token = null, claimed_until = null
             where id = ? and claim_token = ?
            """;

    private static final String DEAD = """
            update deliveries set state = 'DEAD', attempts = attempts + 1, last_error = ?, claim_token = null,
                   claimed_until = null
             where id = ? and claim_token = ?
            """;

    private static final String RETRY = """
            update deliveries set attempts = attempts + 1, last_error = ?,
                   next_attempt_at = now() + ? * interval '1 millisecond', claim_token = null, claimed_until = null
             where id = ? and claim_token = ?
            """;

    private static final String ATTEMPT = """
            insert into delivery_attempts (delivery_id, attempt, started_at, duration_ms, outcome, status, error)
            values (?, ?, ?, ?, ?, ?, ?)
            """;

    private static final String ALL_DELIVERED = """
            update deliveries d set state = 'DELIVERED', attempts = d.attempts + 1, delivered_at = now(),
                   last_error = null, claim_token = null, claimed_until = null
              from unnest(?::uuid[], ?::uuid[]) as v (id, token)
             where d.id = v.id and d.claim_token = v.token
            returning d.id
            """;

    private static final String DELIVERED_ATTEMPTS = """
            insert into delivery_attempts (delivery_id, attempt, started_at, duration_ms, outcome, status, error)
            select id, attempt, started_at, duration_ms, 'DELIVERED', status, null
              from unnest(?::uuid[], ?::int[], ?::timestamptz[], ?::int[], ?::int[])
                   as a (id, attempt, started_at, duration_ms, status)
            """;

    /**
     * Leases at most {@code limit} due rows to {@code token} for {@code lease}, per endpoint at most
     * {@code perEndpoint} minus what the caller has in flight there ({@code inFlight}). Each row's
     * webhook signing key is what {@code secrets} makes of the subscription's plain and sealed forms.
     */
    public List<ClaimedDelivery> claim(Connection connection, int limit, int perEndpoint, Map<String, Integer> inFlight,
            UUID token, Duration lease, SecretOpener secrets) throws SQLException {
        List<ClaimedDelivery> claimed = new ArrayList<>();
        List<String> endpoints = new ArrayList<>(inFlight.keySet());
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setInt(1, perEndpoint);
            claim.setArray(2, connection.createArrayOf("text", endpoints.toArray()));
            claim.setArray(3, connection.createArrayOf("int4", endpoints.stream().map(inFlight::get).toArray()));
            claim.setInt(4, limit);
            claim.setObject(5, token);
            claim.setLong(6, lease.toMillis());
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    UUID subscription = rs.getObject("subscription_id", UUID.class);
                    claimed.add(new ClaimedDelivery(rs.getObject("id", UUID.class), token, rs.getString("account_id"),
                            subscription, Channel.valueOf(rs.getString("channel")), rs.getString("recipient"),
                            rs.getString("endpoint"), rs.getString("notice"), rs.getString("event_id"),
                            rs.getString("event_type"), rs.getString("event_source"), rs.getString("event_subject"),
                            rs.getTimestamp("event_time").toInstant(), rs.getString("payload"),
                            rs.getString("in_reply_to"), rs.getInt("attempts"), rs.getInt("retry_from"),
                            secrets.open(subscription, rs.getString("secret"), rs.getBytes("secret_sealed")),
                            rs.getString("traceparent")));
                }
            }
        }
        return claimed;
    }

    /** Gives rows back unsent, in one statement: due again at once. */
    public void release(Connection connection, Collection<ClaimedDelivery> deliveries) throws SQLException {
        List<ClaimedDelivery> rows = List.copyOf(deliveries);
        try (PreparedStatement release = connection.prepareStatement(RELEASE)) {
            release.setArray(1, SqlArrays.uuids(connection, rows, ClaimedDelivery::id));
            release.setArray(2, SqlArrays.uuids(connection, rows, ClaimedDelivery::claimToken));
            release.executeUpdate();
        }
    }

    /** The try delivered: answers 1 if the row was still leased to the caller, else 0. */
    public int markDelivered(Connection connection, ClaimedDelivery delivery) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(DELIVERED)) {
            update.setObject(1, delivery.id());
            update.setObject(2, delivery.claimToken());
            return update.executeUpdate();
        }
    }

    /** The last try of its series failed: the row is dead. Answers 1 if it was still leased to the caller. */
    public int markDead(Connection connection, ClaimedDelivery delivery, String error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(DEAD)) {
            update.setString(1, error);
            update.setObject(2, delivery.id());
            update.setObject(3, delivery.claimToken());
            return update.executeUpdate();
        }
    }

    /** The try failed: due again after {@code wait}. Answers 1 if the row was still leased to the caller. */
    public int markRetry(Connection connection, ClaimedDelivery delivery, String error, Duration wait)
            throws SQLException {
        try (PreparedStatement retry = connection.prepareStatement(RETRY)) {
            retry.setString(1, error);
            retry.setLong(2, wait.toMillis());
            retry.setObject(3, delivery.id());
            retry.setObject(4, delivery.claimToken());
            return retry.executeUpdate();
        }
    }

    /** Logs one try in {@code delivery_attempts}. */
    public void logAttempt(Connection connection, ClaimedDelivery delivery, Outcome outcome) throws SQLException {
        try (PreparedStatement log = connection.prepareStatement(ATTEMPT)) {
            log.setObject(1, delivery.id());
            log.setInt(2, delivery.attempt());
            log.setTimestamp(3, Timestamp.from(outcome.startedAt()));
            log.setInt(4, durationMillis(outcome));
            log.setString(5, outcome.delivered() ? "DELIVERED" : "FAILED");
            log.setObject(6, outcome.status());
            log.setString(7, outcome.error());
            log.executeUpdate();
        }
    }

    /**
     * Many successful tries, two statements whatever their number (the workers' hot path): each row
     * marked delivered and its try logged only while the caller's lease on it holds.
     *
     * @return the ids of the rows that were still leased to the caller
     */
    public Set<UUID> recordDelivered(Connection connection, List<DeliveredTry> tries) throws SQLException {
        Set<UUID> ours = new HashSet<>();
        try (PreparedStatement update = connection.prepareStatement(ALL_DELIVERED)) {
            update.setArray(1, SqlArrays.uuids(connection, tries, t -> t.delivery().id()));
            update.setArray(2, SqlArrays.uuids(connection, tries, t -> t.delivery().claimToken()));
            try (ResultSet rs = update.executeQuery()) {
                while (rs.next()) {
                    ours.add(rs.getObject(1, UUID.class));
                }
            }
        }
        List<DeliveredTry> recorded = tries.stream().filter(t -> ours.contains(t.delivery().id())).toList();
        if (!recorded.isEmpty()) {
            try (PreparedStatement log = connection.prepareStatement(DELIVERED_ATTEMPTS)) {
                log.setArray(1, SqlArrays.uuids(connection, recorded, t -> t.delivery().id()));
                log.setArray(2, SqlArrays.ints(connection, recorded, t -> t.delivery().attempt()));
                log.setArray(3, SqlArrays.instants(connection, recorded, t -> t.outcome().startedAt()));
                log.setArray(4, SqlArrays.ints(connection, recorded, t -> durationMillis(t.outcome())));
                log.setArray(5, SqlArrays.ints(connection, recorded, t -> t.outcome().status()));
                log.executeUpdate();
            }
        }
        return ours;
    }

    private static int durationMillis(Outcome outcome) {
        return (int) Math.min(Integer.MAX_VALUE, outcome.durationMillis());
    }

    /** A successful try to record. */
    public record DeliveredTry(ClaimedDelivery delivery, Outcome outcome) {
    }

    /** Makes a webhook's signing key of its subscription's plain and sealed forms (both null for email). */
    @FunctionalInterface
    public interface SecretOpener {
        String open(UUID subscriptionId, String plain, byte[] sealed);
    }
}
