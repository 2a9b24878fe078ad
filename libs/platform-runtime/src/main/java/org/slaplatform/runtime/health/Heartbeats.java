package org.slaplatform.runtime.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the service's background loops and Kafka consumers last did, against their bounds: the
 * liveness of the work users depend on, not of the HTTP server. A loop reports each successful turn
 * ({@link Heartbeat#beat()}); a consumer's records and batches report when they are taken in hand
 * and when they are done ({@link #inHand(String)}), and {@link KafkaConsumerWatch} reports its polls
 * and its lag. {@link #verdicts()} says which of them did not turn within its bound and why;
 * {@link LoopsAndConsumersCheck} puts that in the health answer, and the gauges here put the ages,
 * the lags and the bounds in {@code /q/metrics}.
 */
@ApplicationScoped
public class Heartbeats {

    private final HealthConfig config;
    private final MeterRegistry registry;
    private final LongSupplier nanoTime;
    private final Map<String, Heartbeat> loops = new ConcurrentHashMap<>();
    private final Map<String, Consumer> consumers = new ConcurrentHashMap<>();
    private final Map<String, Boolean> loopGauges = new ConcurrentHashMap<>();

    @Inject
    Heartbeats(HealthConfig config, MeterRegistry registry) {
        this(config, registry, System::nanoTime);
    }

    Heartbeats(HealthConfig config, MeterRegistry registry, LongSupplier nanoTime) {
        this.config = config;
        this.registry = registry;
        this.nanoTime = nanoTime;
    }

    /**
     * Watches a loop that turns at least every {@code interval}: its bound is
     * {@code platform.health.loop-bounds.<name>}, else the longer of {@code platform.health.loop-bound}
     * and three intervals. Registering again under the same name (a restarted loop) replaces the
     * previous registration; the bound starts counting now.
     */
    public Heartbeat loop(String name, Duration interval) {
        Duration computed = interval.multipliedBy(3);
        return register(name, computed.compareTo(config.loopBound()) > 0 ? computed : config.loopBound());
    }

    /**
     * Watches a scheduled job that runs rarely (the month close): its bound is
     * {@code platform.health.loop-bounds.<name>}, else {@code bound}, which the job derives from its
     * schedule and the longest run it expects.
     */
    public Heartbeat job(String name, Duration bound) {
        return register(name, bound);
    }

    /**
     * Watches a job run by {@code @Scheduled(every = every)}: its default bound is three schedules plus
     * the longest run the job expects, so that one run skipped or slow is no alarm but a job that stopped
     * running is. Empty when the schedule is {@code off} or {@code disabled}: nothing to watch.
     */
    public Optional<Heartbeat> scheduledJob(String name, String every, Duration longestRun) {
        return schedule(every).map(interval -> job(name, interval.multipliedBy(3).plus(longestRun)));
    }

    /** The interval of a {@code @Scheduled(every = ...)} value: {@code 60s}, {@code 5m}, {@code 1d}, {@code PT1M}; empty when off. */
    static Optional<Duration> schedule(String every) {
        String value = every.trim().toUpperCase(java.util.Locale.ROOT);
        if (value.equals("OFF") || value.equals("DISABLED")) {
            return Optional.empty();
        }
        if (value.startsWith("P")) {
            return Optional.of(Duration.parse(value));
        }
        return Optional.of(Duration.parse(value.endsWith("D") ? "P" + value : "PT" + value));
    }

    private Heartbeat register(String name, Duration defaultBound) {
        Duration bound = config.loopBounds().getOrDefault(name, defaultBound);
        Heartbeat heartbeat = new Heartbeat(name, bound);
        loops.put(name, heartbeat);
        if (loopGauges.putIfAbsent(name, Boolean.TRUE) == null) {
            Gauge.builder("platform.loop.last.success.age", this, h -> h.loopAgeSeconds(name)).tag("loop", name)
                    .baseUnit("seconds").description("Seconds since the loop's last successful turn")
                    .register(registry);
            Gauge.builder("platform.loop.bound", this, h -> h.loopBoundSeconds(name)).tag("loop", name)
                    .baseUnit("seconds").description("The longest the loop may go without a successful turn")
                    .register(registry);
        }
        return heartbeat;
    }

    /** A record or a batch of {@code channel} is taken in hand; the caller says when it is done. */
    public InHand inHand(String channel) {
        return consumer(channel).take();
    }

    /** A poll of one Kafka client of {@code channel}: {@code secondsAgo} is the client's own figure, -1 before its first poll. */
    public void observePoll(String channel, String clientId, double secondsAgo) {
        consumer(channel).observePoll(clientId, secondsAgo);
    }

    /** The records of {@code channel} not handled yet (summed over its clients), as just measured. */
    public void observeLag(String channel, long records) {
        consumer(channel).observeLag(records);
    }

    /** Every loop and consumer with its state, the ones not turning within their bound marked down. */
    public List<Verdict> verdicts() {
        List<Verdict> verdicts = new ArrayList<>();
        for (Heartbeat loop : new TreeMap<>(loops).values()) {
            if (loop.stopped) {
                continue;
            }
            long age = nanoTime.getAsLong() - loop.lastBeat;
            String state = "last successful turn " + seconds(age) + " ago (bound " + seconds(loop.bound) + ")";
            verdicts.add(new Verdict("loop " + loop.name, age <= loop.bound.toNanos(),
                    age <= loop.bound.toNanos() ? state
                            : "no successful turn for " + seconds(age) + " (bound " + seconds(loop.bound) + ")"));
        }
        for (Consumer consumer : new TreeMap<>(consumers).values()) {
            verdicts.add(consumer.verdict());
        }
        return verdicts;
    }

    private Consumer consumer(String channel) {
        String name = channelName(channel);
        return consumers.computeIfAbsent(name, n -> {
            Consumer consumer = new Consumer(n);
            Gauge.builder("platform.consumer.last.poll.age", consumer, Consumer::pollAgeSeconds).tag("channel", n)
                    .baseUnit("seconds").description("Seconds since the consumer's least recent client last polled")
                    .register(registry);
            Gauge.builder("platform.consumer.in.hand.age", consumer, Consumer::inHandAgeSeconds).tag("channel", n)
                    .baseUnit("seconds").description("Seconds the oldest record or batch in hand has been there (0: none)")
                    .register(registry);
            Gauge.builder("platform.consumer.lag", consumer, Consumer::lagRecords).tag("channel", n)
                    .description("Records on the consumer's assigned partitions not handled yet (end offsets minus committed)")
                    .register(registry);
            Gauge.builder("platform.consumer.poll.bound", config, c -> c.consumerPollBound().toMillis() / 1000.0)
                    .tag("channel", n).baseUnit("seconds").description("The longest the consumer may go without a poll")
                    .register(registry);
            Gauge.builder("platform.consumer.in.hand.bound", config, c -> c.consumerHandlingBound().toMillis() / 1000.0)
                    .tag("channel", n).baseUnit("seconds")
                    .description("The longest a record or batch may stay in hand, and a backlog go without progress")
                    .register(registry);
            return consumer;
        });
    }

    /** The channel a Kafka client serves: with {@code concurrency=N} the connector names its copies {@code channel$1..N}. */
    static String channelName(String channel) {
        int copy = channel.indexOf('$');
        return copy < 0 ? channel : channel.substring(0, copy);
    }

    private double loopAgeSeconds(String name) {
        Heartbeat loop = loops.get(name);
        return loop == null || loop.stopped ? Double.NaN : (nanoTime.getAsLong() - loop.lastBeat) / 1e9;
    }

    private double loopBoundSeconds(String name) {
        Heartbeat loop = loops.get(name);
        return loop == null || loop.stopped ? Double.NaN : loop.bound.toMillis() / 1000.0;
    }

    private static String seconds(long nanos) {
        return seconds(Duration.ofNanos(Math.max(0, nanos)));
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0) : millis / 1000 + " s";
    }

    /** One loop or consumer: its name, whether it turns within its bound, and what it last did or why it is down. */
    public record Verdict(String name, boolean up, String state) {
    }

    /** The handle of one watched loop. */
    public final class Heartbeat {

        private final String name;
        private final Duration bound;
        private volatile long lastBeat;
        private volatile boolean stopped;

        private Heartbeat(String name, Duration bound) {
            this.name = name;
            this.bound = bound;
            this.lastBeat = nanoTime.getAsLong();
        }

        /** The loop completed a turn: it did its work, or found none to do. */
        public void beat() {
            lastBeat = nanoTime.getAsLong();
        }

        /** The loop was stopped on purpose (shutdown, a disabled worker): no longer watched. */
        public void stop() {
            stopped = true;
            loops.remove(name, this);
        }

        public Duration bound() {
            return bound;
        }
    }

    /** A record or batch in hand. */
    public final class InHand {

        private final Consumer consumer;
        private final long id;

        private InHand(Consumer consumer, long id) {
            this.consumer = consumer;
            this.id = id;
        }

        /** Handled: its effect committed, or it went to the dead-letter topic. */
        public void handled() {
            if (consumer.inHand.remove(id) != null) {
                consumer.lastHandled = nanoTime.getAsLong();
            }
        }

        /** Out of hand without being handled (the stream was cancelled): idempotent, a no-op after {@link #handled()}. */
        public void release() {
            consumer.inHand.remove(id);
        }
    }

    /** What one channel's consumer last did. */
    private final class Consumer {

        private final String channel;
        private final Map<Long, Long> inHand = new ConcurrentHashMap<>();
        private final AtomicLong ids = new AtomicLong();
        private final Map<String, Long> lastPolls = new ConcurrentHashMap<>();
        private volatile long lastHandled;
        private volatile long lag = -1;
        private volatile long lagMeasuredAt;

        Consumer(String channel) {
            this.channel = channel;
            this.lastHandled = nanoTime.getAsLong();
        }

        InHand take() {
            long id = ids.incrementAndGet();
            inHand.put(id, nanoTime.getAsLong());
            return new InHand(this, id);
        }

        void observePoll(String clientId, double secondsAgo) {
            long now = nanoTime.getAsLong();
            if (secondsAgo < 0) {
                // not polled yet: the bound counts from the first time the client is seen
                lastPolls.putIfAbsent(clientId, now);
                return;
            }
            long polledAt = now - (long) (secondsAgo * 1e9);
            lastPolls.merge(clientId, polledAt, Math::max);
        }

        void observeLag(long records) {
            lag = records;
            lagMeasuredAt = nanoTime.getAsLong();
        }

        long pollAge() {
            long now = nanoTime.getAsLong();
            long oldest = 0;
            for (long polledAt : lastPolls.values()) {
                oldest = Math.max(oldest, now - polledAt);
            }
            return oldest;
        }

        long inHandAge() {
            long now = nanoTime.getAsLong();
            long oldest = 0;
            for (long since : inHand.values()) {
                oldest = Math.max(oldest, now - since);
            }
            return oldest;
        }

        double pollAgeSeconds() {
            return lastPolls.isEmpty() ? Double.NaN : pollAge() / 1e9;
        }

        double inHandAgeSeconds() {
            return inHandAge() / 1e9;
        }

        double lagRecords() {
            return lag < 0 ? Double.NaN : lag;
        }

        Verdict verdict() {
            long now = nanoTime.getAsLong();
            Duration pollBound = config.consumerPollBound();
            Duration handlingBound = config.consumerHandlingBound();
            long pollAge = pollAge();
            long inHandAge = inHandAge();
            long sinceHandled = now - lastHandled;
            long waiting = lag;
            List<String> down = new ArrayList<>();
            if (!lastPolls.isEmpty() && pollAge > pollBound.toNanos()) {
                down.add("no poll for " + seconds(pollAge) + " (bound " + seconds(pollBound) + ")");
            }
            if (inHandAge > handlingBound.toNanos()) {
                down.add("a record or batch in hand for " + seconds(inHandAge) + " (bound " + seconds(handlingBound) + ")");
            } else if (waiting > 0 && lagMeasuredAt - lastHandled > 0 && inHand.isEmpty()
                    && sinceHandled > handlingBound.toNanos()) {
                // records wait on the broker and none reaches the service: the stream stopped asking for more
                down.add(waiting + " records waiting and none handled for " + seconds(sinceHandled) + " (bound "
                        + seconds(handlingBound) + ")");
            }
            String name = "consumer " + channel;
            if (!down.isEmpty()) {
                return new Verdict(name, false, String.join("; ", down) + "; lag " + (waiting < 0 ? "unknown" : waiting));
            }
            String polled = lastPolls.isEmpty() ? "not polled yet" : "last poll " + seconds(pollAge) + " ago";
            String hand = inHand.isEmpty() ? "nothing in hand" : "oldest in hand " + seconds(inHandAge);
            return new Verdict(name, true, polled + " (bound " + seconds(pollBound) + "), " + hand + " (bound "
                    + seconds(handlingBound) + "), last handled " + seconds(sinceHandled) + " ago, lag "
                    + (waiting < 0 ? "unknown" : waiting));
        }
    }
}
