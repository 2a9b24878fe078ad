package org.slaplatform.notification.delivery;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.slaplatform.events.Traceparent;
import org.slaplatform.notification.config.NotificationConfig;
import org.slaplatform.notification.domain.Channel;
import org.slaplatform.notification.domain.RetryPolicy;
import org.slaplatform.notification.repository.DeliveryLeases.DeliveredTry;
import org.slaplatform.runtime.health.Heartbeats;
import org.slaplatform.runtime.trace.TraceContext;
import org.slaplatform.runtime.worker.Next;
import org.slaplatform.runtime.worker.Worker;
import org.slaplatform.runtime.worker.WorkerSettings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Sends due deliveries. Any number of instances run side by side: each claims rows with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, sends without a transaction open, then records the
 * outcome if its lease still holds. Per-endpoint isolation: at most
 * {@code per-endpoint-concurrency} sends in flight per endpoint in this instance, each bounded by
 * the request timeout; an endpoint with no free slot is left out of the next claim, so its backlog
 * and its slowness never hold back the rows of other endpoints.
 * <p>
 * Two platform workers: {@code delivery-dispatcher} claims and hands rows to the senders, woken by a
 * planner's commit in this JVM ({@link #wakeUp()}), a finished send, or its poll interval;
 * {@code delivery-recorder} commits the successful tries in batches, woken by each success.
 */
@ApplicationScoped
public class DeliveryWorker {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    private final DeliveryStore store;
    private final WebhookSender webhooks;
    private final EmailSender email;
    private final NotificationConfig config;
    private final RetryPolicy retries;
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    /** Successful tries waiting to be recorded, many per transaction (the hot path). */
    private final LinkedBlockingQueue<DeliveredTry> successes = new LinkedBlockingQueue<>();
    /** Tries sent whose outcome is not committed yet. */
    private final AtomicInteger unrecorded = new AtomicInteger();
    private final Worker dispatcher;
    private final Worker recorder;
    private volatile boolean running;
    private ExecutorService pool;

    DeliveryWorker(DeliveryStore store, WebhookSender webhooks, EmailSender email, NotificationConfig config,
            MeterRegistry registry, Heartbeats heartbeats) {
        this.store = store;
        this.webhooks = webhooks;
        this.email = email;
        this.config = config;
        this.retries = RetryPolicy.of(config.delivery());
        this.registry = registry;
        this.dispatcher = new Worker(WorkerSettings.of("delivery-dispatcher", config.worker().pollInterval())
                .gathering(config.worker().gather()), null, heartbeats, this::dispatch);
        this.recorder = new Worker(WorkerSettings.of("delivery-recorder", config.worker().pollInterval()), null,
                heartbeats, this::recordSuccesses);
    }

    void onStart(@Observes StartupEvent startup) {
        leaseShortfall(config.worker().lease(), config.worker().requestTimeout(), config.worker().mailTimeout())
                .ifPresent(LOG::warn);
        if (config.worker().enabled()) {
            start();
        } else {
            LOG.warn("delivery worker disabled (notification.worker.enabled=false): nothing is sent");
        }
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        stop();
    }

    /**
     * What is wrong when a claim's lease does not outlast the longest send: a send still waiting for its
     * answer when the lease runs out is claimed and sent again meanwhile (a second mail, a second webhook
     * call with the same delivery id). Empty when the lease is longer than both timeouts.
     */
    static java.util.Optional<String> leaseShortfall(Duration lease, Duration requestTimeout, Duration mailTimeout) {
        if (lease.compareTo(requestTimeout) > 0 && lease.compareTo(mailTimeout) > 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("notification.worker.lease (" + lease + ") does not exceed the longest send"
                + " (notification.worker.request-timeout " + requestTimeout + ", quarkus.mailer.timeout "
                + mailTimeout + "): a send still under way when its lease ends is claimed and sent again");
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        pool = Executors.newFixedThreadPool(config.worker().threads(), r -> {
            Thread t = new Thread(r, "delivery-sender");
            t.setDaemon(true);
            return t;
        });
        dispatcher.start();
        recorder.start();
    }

    /** Stops claiming; sends under way finish within the request timeout. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        dispatcher.stop(Duration.ofSeconds(5));
        recorder.stop(Duration.ofSeconds(5));
        pool.shutdown();
        try {
            pool.awaitTermination(config.worker().requestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the dispatcher to look now (a planner committed new deliveries). */
    public void wakeUp() {
        dispatcher.wakeUp();
    }

    /**
     * The dispatcher's turn: claims what the endpoints' free slots and {@code batch-size} leave room
     * for and starts sending it. Everything due taken, or the slots full: it waits for a send to finish
     * or new rows, then lets a few more gather ({@code gather}) before the next claim.
     */
    private Next dispatch() throws SQLException {
        int limit = config.worker().perEndpointConcurrency();
        Map<String, Integer> sending = new HashMap<>();
        int busy = unrecorded.get();
        for (Map.Entry<String, AtomicInteger> e : inFlight.entrySet()) {
            int n = e.getValue().get();
            if (n > 0) {
                sending.put(e.getKey(), n);
            }
            busy += n;
        }
        int room = config.worker().batchSize() - busy;
        List<ClaimedDelivery> claimed = room <= 0 ? List.of()
                : store.claim(room, limit, sending, config.worker().lease());
        List<ClaimedDelivery> noSlot = new ArrayList<>();
        for (ClaimedDelivery delivery : claimed) {
            AtomicInteger counter = inFlight.computeIfAbsent(delivery.endpoint(), e -> new AtomicInteger());
            if (counter.incrementAndGet() > limit) {
                // only if a send finished between reading the counters and now: rare
                counter.decrementAndGet();
                noSlot.add(delivery);
            } else {
                send(delivery, counter);
            }
        }
        store.release(noSlot);
        return room <= 0 || claimed.size() - noSlot.size() < room ? Next.idle() : Next.now();
    }

    /**
     * Sends one claimed row. Its endpoint slot is held while the request is in flight only (that is
     * what isolates endpoints); recording the outcome happens after, under the row's lease, and counts
     * against {@code batch-size} until it is committed.
     */
    private void send(ClaimedDelivery delivery, AtomicInteger slot) {
        CompletableFuture<Outcome> sending = delivery.channel() == Channel.WEBHOOK
                ? webhooks.send(delivery)
                : CompletableFuture.supplyAsync(() -> email.send(delivery), pool);
        sending.whenComplete((outcome, failure) -> {
            Outcome result = failure == null ? outcome
                    : Outcome.failed(null, failure.toString(), Instant.now(), 0);
            unrecorded.incrementAndGet();
            slot.decrementAndGet();
            if (result.delivered()) {
                successes.add(new DeliveredTry(delivery, result));
                recorder.wakeUp();
                dispatcher.wakeUp();
                return;
            }
            try {
                pool.execute(() -> finish(delivery, result));
            } catch (RuntimeException rejected) {
                // shutting down: the lease runs out and another worker sends it again
                unrecorded.decrementAndGet();
            }
        });
    }

    /**
     * The recorder's turn: records the successful tries in batches, whatever has arrived since the last
     * commit in one transaction. A worker that stops with successes unrecorded leaves their leases to
     * expire; the rows are sent again with the same delivery id (as after a crash). A batch that cannot
     * be recorded counts as lease-lost (its rows are sent again) and fails the turn.
     */
    private Next recordSuccesses() throws Exception {
        DeliveredTry first = successes.poll();
        if (first == null) {
            return Next.idle();
        }
        List<DeliveredTry> batch = new ArrayList<>();
        batch.add(first);
        if (successes.size() < config.worker().batchSize() - 1) {
            // one commit for what finishes meanwhile, instead of a commit per success
            try {
                Thread.sleep(config.worker().gather().toMillis());
            } catch (InterruptedException stopping) {
                unrecorded.addAndGet(-batch.size());
                throw stopping;
            }
        }
        successes.drainTo(batch, config.worker().batchSize() - 1);
        Set<UUID> ours = Set.of();
        try {
            ours = store.recordDelivered(batch);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("cannot record %d deliveries: %s", batch.size(), e.toString());
            throw e;
        } finally {
            Instant now = Instant.now();
            for (DeliveredTry done : batch) {
                boolean mine = ours.contains(done.delivery().id());
                deliveries(done.delivery(), mine ? "delivered" : "lease-lost").increment();
                Duration sinceEvent = Duration.between(done.delivery().eventTime(), now);
                if (mine && !sinceEvent.isNegative()) {
                    Timer.builder("notification.event.to.delivery")
                            .description("From the event's time to its delivery")
                            .publishPercentiles(0.5, 0.99).register(registry).record(sinceEvent);
                }
            }
            unrecorded.addAndGet(-batch.size());
            dispatcher.wakeUp();
        }
        return successes.isEmpty() ? Next.idle() : Next.now();
    }

    /** Deliveries by channel, notice and outcome: bounded labels only, never the account or recipient. */
    private Counter deliveries(ClaimedDelivery delivery, String outcome) {
        return Counter.builder("notification.deliveries").description("Delivery tries by channel, notice and outcome")
                .tag("channel", delivery.channel().name()).tag("notice", delivery.notice()).tag("outcome", outcome)
                .register(registry);
    }

    private void finish(ClaimedDelivery delivery, Outcome outcome) {
        // the outcome's log lines name the trace of the event the delivery was planned from
        Traceparent.parse(delivery.traceparent()).ifPresent(TraceContext::enter);
        try {
            boolean ours = store.record(delivery, outcome, retries);
            String result = !ours ? "lease-lost" : outcome.delivered() ? "delivered"
                    : retries.exhausted(delivery.tryInSeries()) ? "dead" : "retry";
            deliveries(delivery, result).increment();
            Duration sinceEvent = Duration.between(delivery.eventTime(), Instant.now());
            if (outcome.delivered() && !sinceEvent.isNegative()) {
                Timer.builder("notification.event.to.delivery").description("From the event's time to its delivery")
                        .publishPercentiles(0.5, 0.99).register(registry)
                        .record(sinceEvent);
            } else if (!outcome.delivered()) {
                LOG.infof("delivery %s of event %s to %s, try %d: %s", delivery.id(), delivery.eventId(),
                        delivery.recipient(), delivery.attempt(), outcome.error());
            }
        } catch (Exception e) {
            // the lease runs out and the row is sent again: the receiver sees the same delivery id
            LOG.warnf("cannot record the outcome of delivery %s: %s", delivery.id(), e.toString());
        } finally {
            TraceContext.clear();
            unrecorded.decrementAndGet();
            dispatcher.wakeUp();
        }
    }
}
