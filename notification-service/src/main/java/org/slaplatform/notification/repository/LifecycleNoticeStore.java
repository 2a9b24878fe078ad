package org.slaplatform.notification.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.notification.domain.Channel;
import org.slaplatform.runtime.db.SqlArrays;

/**
 * ITC-LIFE-4: the statements that plan due lifecycle notices, over JDBC in the planner's transaction
 * (on its worker thread): claim the due rows, read who gets them, insert their deliveries, mark them
 * planned.
 */
@ApplicationScoped
public class LifecycleNoticeStore {

    private static final String CLAIM = """
            select n.id, n.account_id, n.product_id, n.version, n.milestone, n.milestone_date, n.due_at, p.name
              from lifecycle_notices n left join products p on p.product_id = n.product_id
             where n.state = 'SCHEDULED' and n.due_at <= ?
             order by n.due_at, n.id
             limit ?
               for update of n skip locked
            """;

    private static final String CONTACTS = "select distinct email from account_contacts where account_id = ? order by email";

    private static final String SUBSCRIBERS = """
            select id, channel, address from subscriptions
             where account_id = ? and event_type = ? and confirmed_at is not null
             order by created_at, id
            """;

    /** The deliveries of one notice, one array per column; a delivery key already there is left alone. */
    private static final String INSERT_DELIVERIES = """
            insert into deliveries (id, delivery_key, account_id, subscription_id, channel, recipient, endpoint, notice,
                                    event_id, event_type, event_source, event_subject, event_time, payload)
            select * from unnest(?::uuid[], ?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[],
                                 ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])
            on conflict (delivery_key) do nothing
            """;

    private static final String MARK_PLANNED = "update lifecycle_notices set state = 'PLANNED', planned_at = ? where id = ?";

    /**
     * Locks up to {@code limit} notices due at {@code now}, oldest first, skipping those another
     * instance holds.
     */
    public List<DueNotice> claimDue(Connection connection, Instant now, int limit) throws SQLException {
        List<DueNotice> due = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
            claim.setTimestamp(1, Timestamp.from(now));
            claim.setInt(2, limit);
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    due.add(new DueNotice(rs.getObject("id", UUID.class), rs.getString("account_id"),
                            rs.getString("product_id"), rs.getString("name"), rs.getString("version"),
                            rs.getString("milestone"), rs.getObject("milestone_date", LocalDate.class),
                            rs.getTimestamp("due_at").toInstant()));
                }
            }
        }
        return due;
    }

    /** The account's contacts' addresses, each once, in order. */
    public List<String> contactEmails(Connection connection, String accountId) throws SQLException {
        List<String> emails = new ArrayList<>();
        try (PreparedStatement contacts = connection.prepareStatement(CONTACTS)) {
            contacts.setString(1, accountId);
            try (ResultSet rs = contacts.executeQuery()) {
                while (rs.next()) {
                    emails.add(rs.getString(1));
                }
            }
        }
        return emails;
    }

    /** The account's confirmed subscriptions to {@code eventType}, oldest first. */
    public List<Subscriber> subscribers(Connection connection, String accountId, String eventType) throws SQLException {
        List<Subscriber> subscribers = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(SUBSCRIBERS)) {
            query.setString(1, accountId);
            query.setString(2, eventType);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    subscribers.add(new Subscriber(rs.getObject("id", UUID.class),
                            Channel.valueOf(rs.getString("channel")), rs.getString("address")));
                }
            }
        }
        return subscribers;
    }

    /** Inserts the deliveries in one statement. */
    public void insertDeliveries(Connection connection, List<NewDelivery> deliveries) throws SQLException {
        if (deliveries.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DELIVERIES)) {
            insert.setArray(1, SqlArrays.uuids(connection, deliveries, NewDelivery::id));
            insert.setArray(2, SqlArrays.texts(connection, deliveries, NewDelivery::deliveryKey));
            insert.setArray(3, SqlArrays.texts(connection, deliveries, NewDelivery::accountId));
            insert.setArray(4, SqlArrays.uuids(connection, deliveries, NewDelivery::subscriptionId));
            insert.setArray(5, SqlArrays.texts(connection, deliveries, d -> d.channel().name()));
            insert.setArray(6, SqlArrays.texts(connection, deliveries, NewDelivery::recipient));
            insert.setArray(7, SqlArrays.texts(connection, deliveries, NewDelivery::endpoint));
            insert.setArray(8, SqlArrays.texts(connection, deliveries, NewDelivery::notice));
            insert.setArray(9, SqlArrays.texts(connection, deliveries, NewDelivery::eventId));
            insert.setArray(10, SqlArrays.texts(connection, deliveries, NewDelivery::eventType));
            insert.setArray(11, SqlArrays.texts(connection, deliveries, NewDelivery::eventSource));
            insert.setArray(12, SqlArrays.texts(connection, deliveries, NewDelivery::eventSubject));
            insert.setArray(13, SqlArrays.instants(connection, deliveries, NewDelivery::eventTime));
            insert.setArray(14, SqlArrays.texts(connection, deliveries, NewDelivery::payload));
            insert.executeUpdate();
        }
    }

    /** The notice is planned: it is never planned again. */
    public void markPlanned(Connection connection, UUID noticeId, Instant now) throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement(MARK_PLANNED)) {
            mark.setTimestamp(1, Timestamp.from(now));
            mark.setObject(2, noticeId);
            mark.executeUpdate();
        }
    }

    /**
     * A due lifecycle notice.
     *
     * @param productName the product's name, null if the product is not known here
     */
    public record DueNotice(UUID id, String accountId, String productId, String productName, String version,
            String milestone, LocalDate milestoneDate, Instant dueAt) {
    }

    /** A confirmed subscription of the account to the notice's type. */
    public record Subscriber(UUID id, Channel channel, String address) {
    }

    /** One delivery to insert. */
    public record NewDelivery(UUID id, String deliveryKey, String accountId, UUID subscriptionId, Channel channel,
            String recipient, String endpoint, String notice, String eventId, String eventType, String eventSource,
            String eventSubject, Instant eventTime, String payload) {
    }
}
