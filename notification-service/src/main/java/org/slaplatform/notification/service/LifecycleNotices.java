package org.slaplatform.notification.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
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
import org.slaplatform.notification.delivery.DeliveryWorker;
import org.slaplatform.notification.domain.Channel;
import org.slaplatform.notification.domain.NoticeCatalog;
import org.slaplatform.notification.domain.Recipient;
import org.slaplatform.notification.repository.LifecycleNoticeStore.DueNotice;
import org.slaplatform.notification.repository.LifecycleNoticeStore.NewDelivery;
import org.slaplatform.notification.repository.LifecycleNoticeStore.Subscriber;
import org.slaplatform.notification.repository.LifecycleNoticeStore;
import org.slaplatform.runtime.health.Heartbeats;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.worker.Next;
import org.slaplatform.runtime.worker.Worker;
import org.slaplatform.runtime.worker.WorkerSettings;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * ITC-LIFE-4: turns the lifecycle notices that came due (as of the injected clock) into deliveries
 * to the account's contacts. One transaction per batch claims the due rows
 * ({@code FOR UPDATE SKIP LOCKED}, so instances share the work), inserts their deliveries and marks
 * them PLANNED: a crash before the commit leaves them SCHEDULED and the next look plans them; after
 * it they are never planned again. A stopped service plans on its next start what came due meanwhile.
 * It runs on the platform worker {@code lifecycle-notices}, which looks every poll interval.
 */
@ApplicationScoped
public class LifecycleNotices {

    private static final Logger LOG = Logger.getLogger(LifecycleNotices.class);

    /** Notices claimed per transaction. */
    private static final int BATCH = 200;

    private static final Map<String, String> MILESTONES = Map.of("EOS", "End of Sales",
            "EOMS", "End of Mainstream Support", "EOL", "End of Life");

    private final AgroalDataSource dataSource;
    private final LifecycleNoticeStore store;
    private final Clock clock;
    private final NotificationConfig config;
    private final DeliveryWorker worker;
    private final Heartbeats heartbeats;
    private Worker planner;

    LifecycleNotices(AgroalDataSource dataSource, LifecycleNoticeStore store, Clock clock, NotificationConfig config,
            DeliveryWorker worker, Heartbeats heartbeats) {
        this.dataSource = dataSource;
        this.store = store;
        this.clock = clock;
        this.config = config;
        this.worker = worker;
        this.heartbeats = heartbeats;
    }

    void onStart(@Observes StartupEvent startup) {
        if (config.lifecycle().enabled()) {
            planner = new Worker(WorkerSettings.of("lifecycle-notices", config.lifecycle().pollInterval()), null,
                    heartbeats, this::turn);
            planner.start();
        }
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        if (planner != null) {
            planner.stop();
        }
    }

    /** One turn of the worker: a batch planned means more may be due, so look again at once. */
    private Next turn() throws SQLException {
        return planDue() > 0 ? Next.now() : Next.idle();
    }

    /** Plans one batch of due notices; answers how many. */
    public int planDue() throws SQLException {
        Instant now = clock.instant();
        int planned = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (DueNotice due : store.claimDue(connection, now, BATCH)) {
                    plan(connection, milestone(due), now);
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

    private static LifecycleMilestone milestone(DueNotice due) {
        return new LifecycleMilestone(due.id(), due.accountId(), due.productId(),
                due.productName() == null ? due.productId() : due.productName(), due.version(), due.milestone(),
                MILESTONES.get(due.milestone()), due.milestoneDate(), due.dueAt());
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
        for (String email : store.contactEmails(connection, account)) {
            Recipient r = new Recipient(Channel.EMAIL, email, null);
            recipients.putIfAbsent(r.deliveryKey(event.id()), r);
        }
        for (Subscriber subscriber : store.subscribers(connection, account, NoticeCatalog.LIFECYCLE_TYPE)) {
            Recipient r = new Recipient(subscriber.channel(), subscriber.address(), subscriber.id());
            recipients.putIfAbsent(r.deliveryKey(event.id()), r);
        }
        String payload = CloudEventCodec.dataJson(notice);
        List<NewDelivery> deliveries = recipients.values().stream()
                .map(recipient -> new NewDelivery(UUID.randomUUID(), recipient.deliveryKey(event.id()), account,
                        recipient.subscriptionId(), recipient.channel(), recipient.address(), recipient.endpoint(),
                        NoticeCatalog.LIFECYCLE_TEMPLATE, event.id(), event.type().type(), event.source().toString(),
                        event.subject(), now, payload))
                .toList();
        store.insertDeliveries(connection, deliveries);
        Outbox.append(connection, event);
        store.markPlanned(connection, notice.noticeId(), now);
        LOG.infof("lifecycle notice %s of %s %s for account %s planned to %d recipients", notice.milestone(),
                notice.productId(), notice.version(), account, recipients.size());
    }
}
