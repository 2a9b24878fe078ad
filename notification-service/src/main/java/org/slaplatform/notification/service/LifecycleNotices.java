package org.slaplatform.notification.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.notification.LifecycleMilestone;
import org.slaplatform.notification.config.NotificationConfig;
import org.slaplatform.notification.config.ServiceName;
import org.slaplatform.notification.delivery.DeliveryStore;
import org.slaplatform.notification.delivery.DeliveryWorker;
import org.slaplatform.notification.domain.Channel;
import org.slaplatform.notification.domain.NoticeCatalog;
import org.slaplatform.notification.domain.Recipient;
import org.slaplatform.runtime.health.Heartbeats;
import org.slaplatform.runtime.outbox.Outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * ITC-LIFE-4: turns the lifecycle notices that came due (as of the injected clock) into deliveries
 * to the account's contacts. One transaction per batch claims the due rows
 * ({@code FOR UPDATE SKIP LOCKED}, so instances share the work), inserts their deliveries and marks
 * them PLANNED: a crash before the commit leaves them SCHEDULED and the next look plans them; after
 * it they are never planned again. A stopped service plans on its next start what came due meanwhile.
 */
@ApplicationScoped
public class LifecycleNotices {

    private static final Logger LOG = Logger.getLogger(LifecycleNotices.class);

    private static final String CLAIM = """
            select n.id, n.account_id, n.product_id, n.version, n.milestone, n.milestone_date, n.due_at, p.name
              from lifecycle_notices n left join products p on p.product_id = n.product_id
             where n.state = 'SCHEDULED' and n.due_at <= ?
             order by n.due_at, n.id
             limit 200
               for update of n skip locked
            """;

    private static final String INSERT = "insert into deliveries (id, delivery_key, account_id, subscription_id,"
            + " channel, recipient, endpoint, notice, event_id, event_type, event_source, event_subject, event_time,"
            + " payload) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (delivery_key) do nothing";

    private static final Map<String, String> MILESTONES = Map.of("EOS", "End of Sales",
            "EOMS", "End of Mainstream Support", "EOL", "End of Life");

    private final AgroalDataSource dataSource;
    private final Clock clock;
    private final NotificationConfig config;
    private final DeliveryWorker worker;
    private final Heartbeats heartbeats;
    private volatile boolean running;
    private Thread loop;
    private Heartbeats.Heartbeat turns;

    LifecycleNotices(AgroalDataSource dataSource, Clock clock, NotificationConfig config, DeliveryWorker worker,
            Heartbeats heartbeats) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
        this.worker = worker;
        this.heartbeats = heartbeats;
    }

    void onStart(@Observes StartupEvent startup) {
        if (config.lifecycle().enabled()) {
            running = true;
            turns = heartbeats.loop("lifecycle-notices", config.lifecycle().pollInterval());
            loop = new Thread(this::run, "lifecycle-notices");
            loop.setDaemon(true);
            loop.start();
        }
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (turns != null) {
            turns.stop();
        }
        if (loop != null) {
            loop.interrupt();
        }
    }

    private void run() {
        while (running) {
            try {
                while (running && planDue() > 0) {
                    turns.beat(); // a full batch: look again at once
                }
                turns.beat();
                Thread.sleep(config.lifecycle().pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warnf("planning lifecycle notices failed, retrying: %s", e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Plans one batch of due notices; answers how many. */
    public int planDue() throws SQLException {
        Instant now = clock.instant();
        int planned = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<LifecycleMilestone> due = new ArrayList<>();
                try (PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                    claim.setTimestamp(1, Timestamp.from(now));
                    try (ResultSet rs = claim.executeQuery()) {
                        while (rs.next()) {
                            String name = rs.getString("name");
                            due.add(new LifecycleMilestone(rs.getObject("id", UUID.class), rs.getString("account_id"),
                                    rs.getString("product_id"), name == null ? rs.getString("product_id") : name,
                                    rs.getString("version"), rs.getString("milestone"),
                                    MILESTONES.get(rs.getString("milestone")),
                                    rs.getObject("milestone_date", LocalDate.class),
                                    rs.getTimestamp("due_at").toInstant()));
                        }
                    }
                }
                for (LifecycleMilestone notice : due) {
                    plan(connection, notice, now);
                    planned++;
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        if (planned > 0) {
            worker.wakeUp();
        }
        return planned;
    }

    /**
     * One notice: published as {@code notification.lifecycle-milestone.v1} (outbox), and one delivery
     * to each of the account's contacts (email) and each subscription of the account to that type
     * (email or webhook), all in the caller's transaction.
     */
    private void plan(Connection connection, LifecycleMilestone notice, Instant now) throws SQLException {
        String account = notice.accountId();
        EventEnvelope<LifecycleMilestone> event = new EventEnvelope<>("lifecycle:" + notice.noticeId(),
                EventTypes.NOTIFICATION_LIFECYCLE_MILESTONE, EventEnvelope.source(ServiceName.VALUE),
                notice.productId() + "@" + notice.version(), now, account, notice);
        // one delivery per distinct recipient, however many ways it is named
        Map<String, Recipient> recipients = new LinkedHashMap<>();
        try (PreparedStatement contacts = connection.prepareStatement(
                "select distinct email from account_contacts where account_id = ? order by email")) {
            contacts.setString(1, account);
            try (ResultSet rs = contacts.executeQuery()) {
                while (rs.next()) {
                    Recipient r = new Recipient(Channel.EMAIL, rs.getString(1), null);
                    recipients.putIfAbsent(r.deliveryKey(event.id()), r);
                }
            }
        }
        try (PreparedStatement subscribers = connection.prepareStatement("select id, channel, address from subscriptions"
                + " where account_id = ? and event_type = ? and confirmed_at is not null order by created_at, id")) {
            subscribers.setString(1, account);
            subscribers.setString(2, NoticeCatalog.LIFECYCLE_TYPE);
            try (ResultSet rs = subscribers.executeQuery()) {
                while (rs.next()) {
                    Recipient r = new Recipient(Channel.valueOf(rs.getString("channel")), rs.getString("address"),
                            rs.getObject("id", UUID.class));
                    recipients.putIfAbsent(r.deliveryKey(event.id()), r);
                }
            }
        }
        String payload = CloudEventCodec.dataJson(notice);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Recipient recipient : recipients.values()) {
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, recipient.deliveryKey(event.id()));
                insert.setString(3, account);
                insert.setObject(4, recipient.subscriptionId());
                insert.setString(5, recipient.channel().name());
                insert.setString(6, recipient.address());
                insert.setString(7, recipient.endpoint());
                insert.setString(8, NoticeCatalog.LIFECYCLE_TEMPLATE);
                insert.setString(9, event.id());
                insert.setString(10, event.type().type());
                insert.setString(11, event.source().toString());
                insert.setString(12, event.subject());
                insert.setTimestamp(13, Timestamp.from(now));
                insert.setString(14, payload);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Outbox.append(connection, event);
        try (PreparedStatement mark = connection.prepareStatement(
                "update lifecycle_notices set state = 'PLANNED', planned_at = ? where id = ?")) {
            mark.setTimestamp(1, Timestamp.from(now));
            mark.setObject(2, notice.noticeId());
            mark.executeUpdate();
        }
        LOG.infof("lifecycle notice %s of %s %s for account %s planned to %d recipients", notice.milestone(),
                notice.productId(), notice.version(), account, recipients.size());
    }
}
