package org.slaplatform.notification.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.slaplatform.events.Traceparent;
import org.slaplatform.notification.config.NotificationConfig;
import org.slaplatform.notification.domain.Channel;
import org.slaplatform.notification.domain.RetryPolicy;
import org.slaplatform.runtime.health.Heartbeats;
import org.slaplatform.runtime.trace.TraceContext;

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
    private final Semaphore wake = new Semaphore(0);
    /** Successful tries waiting to be recorded, many per transaction (the hot path). */
    private final java.util.concurrent.LinkedBlockingQueue<Pending> successes = new java.util.concurrent.LinkedBlockingQueue<>();
    private Thread recorder;

    private record Pending(ClaimedDelivery delivery, Outcome outcome) {
    }

    /** Tries sent whose outcome is not committed yet. */
    private final AtomicInteger unrecorded = new AtomicInteger();
    private volatile boolean running;
    private Thread dispatcher;
    private ExecutorService pool;
    private final Heartbeats heartbeats;
    private volatile Heartbeats.Heartbeat dispatcherTurns;
    private volatile Heartbeats.Heartbeat recorderTurns;

    DeliveryWorker(DeliveryStore store, WebhookSender webhooks, EmailSender email, NotificationConfig config,
            MeterRegistry registry, Heartbeats heartbeats) {
        this.store = store;
        this.webhooks = webhooks;
        this.email = email;
        this.config = config;
        this.retries = RetryPolicy.of(config.delivery());
        this.registry = registry;
        this.heartbeats = heartbeats;
    }

    void onStart(@Observes StartupEvent startup) {
        Duration mailTimeout = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("quarkus.mailer.timeout", Duration.class).orElse(Duration.ofSeconds(60));
        leaseShortfall(config.worker().lease(), config.worker().requestTimeout(), mailTimeout).ifPresent(LOG::warn);
        if (config.worker().enabled()) {
            start();
        } else {
            LOG.warn("delivery worker disabled (platform.notification.worker.enabled=false): nothing is sent");
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
        return java.util.Optional.of("platform.notification.worker.lease (" + lease + ") does not exceed the longest send"
                + " (platform.notification.worker.request-timeout " + requestTimeout + ", quarkus.mailer.timeout "
                + mailTimeout + "): a send still under way when its lease ends is claimed and sent again");
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        dispatcherTurns = heartbeats.loop("delivery-dispatcher", config.worker().pollInterval());
        recorderTurns = heartbeats.loop("delivery-recorder", config.worker().pollInterval());
        pool = Executors.newFixedThreadPool(config.worker().threads(), r -> {
            Thread t = new Thread(r, "delivery-sender");
            t.setDaemon(true);
            return t;
        });
        dispatcher = new Thread(this::dispatch, "delivery-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
        recorder = new Thread(this::recordSuccesses, "delivery-recorder");
        recorder.setDaemon(true);
        recorder.start();
    }

    /** Stops claiming; sends under way finish within the request timeout. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        dispatcherTurns.stop();
        recorderTurns.stop();
        dispatcher.interrupt();
        try {
            dispatcher.join(5_000);
            recorder.interrupt();
            recorder.join(5_000);
            pool.shutdown();
            pool.awaitTermination(config.worker().requestTimeout().toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the dispatcher to look now (a planner committed new deliveries). */
    public void wakeUp() {
        wake.release();
    }

    private void dispatch() {
        int limit = config.worker().perEndpointConcurrency();
        while (running) {
            try {
                Map<String, Integer> sending = new java.util.HashMap<>();
                int busy = unrecorded.get();
                for (Map.Entry<String, AtomicInteger> e : inFlight.entrySet()) {
                    int n = e.getValue().get();
                    if (n > 0) {
                        sending.put(e.getKey(), n);
                    }
                    busy += n;
                }
                int room = config.worker().batchSize() - busy;
                long claimedAt = System.nanoTime();
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
                if (room <= 0 || claimed.size() - noSlot.size() < room) {
                    // everything due was taken, or the endpoints' slots are full: wait for a send to finish
                    // or new rows, then let a few more gather before the next claim
                    wake.tryAcquire(config.worker().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    long since = System.nanoTime() - claimedAt;
                    long gather = config.worker().gather().toNanos();
                    if (since < gather) {
                        TimeUnit.NANOSECONDS.sleep(gather - since);
                    }
                    wake.drainPermits();
                }
                dispatcherTurns.beat();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.warnf("delivery dispatcher failed, retrying: %s", e.toString());
                sleep(Duration.ofSeconds(1));
            }
        }
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
                    : Outcome.failed(null, failure.toString(), java.time.Instant.now(), 0);
            unrecorded.incrementAndGet();
            slot.decrementAndGet();
            if (result.delivered()) {
                successes.add(new Pending(delivery, result));
                wake.release();
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
     * Records the successful tries in batches: whatever has arrived since the last commit, in one
     * transaction. A worker that stops with successes unrecorded leaves their leases to expire; the
     * rows are sent again with the same delivery id (as after a crash).
     */
    private void recordSuccesses() {
        List<Pending> batch = new ArrayList<>();
        while (running || !successes.isEmpty()) {
            try {
                Pending first = successes.poll(config.worker().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    recorderTurns.beat();
                    continue;
                }
                batch.add(first);
                if (successes.size() < config.worker().batchSize() - 1) {
                    // one commit for what finishes meanwhile, instead of a commit per success
                    Thread.sleep(config.worker().gather().toMillis());
                }
                successes.drainTo(batch, config.worker().batchSize() - 1);
                Set<java.util.UUID> ours;
                try {
                    ours = store.recordDelivered(batch.stream()
                            .map(p -> new DeliveryStore.Success(p.delivery(), p.outcome())).toList());
                    recorderTurns.beat();
                } catch (Exception e) {
                    LOG.warnf("cannot record %d deliveries: %s", batch.size(), e.toString());
                    ours = Set.of();
                }
                java.time.Instant now = java.time.Instant.now();
                for (Pending p : batch) {
                    boolean mine = ours.contains(p.delivery().id());
                    deliveries(p.delivery(), mine ? "delivered" : "lease-lost").increment();
                    Duration sinceEvent = Duration.between(p.delivery().eventTime(), now);
                    if (mine && !sinceEvent.isNegative()) {
                        Timer.builder("notification.event.to.delivery")
                                .description("From the event's time to its delivery")
                                .publishPercentiles(0.5, 0.99).register(registry).record(sinceEvent);
                    }
                }
                unrecorded.addAndGet(-batch.size());
                batch.clear();
                wake.release();
            } catch (InterruptedException e) {
                if (!running) {
                    unrecorded.addAndGet(-batch.size());
                    return;
                }
            }
        }
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
            Duration sinceEvent = Duration.between(delivery.eventTime(), java.time.Instant.now());
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
            wake.release();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
