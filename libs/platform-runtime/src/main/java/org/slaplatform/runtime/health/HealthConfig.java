package org.slaplatform.runtime.health;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How long a background loop or a Kafka consumer may go without turning before the service says it
 * is not live ({@code /q/health/live} DOWN, so that the orchestrator restarts it) and not ready.
 */
@ConfigMapping(prefix = "platform.health")
public interface HealthConfig {

    /**
     * The least bound of a background loop: the longest it may go without a successful turn. A loop's
     * own bound is this or three of its intervals, whichever is longer (the relay, the timer firing and
     * the delivery worker look at least every second, so 60 s is dozens of missed turns).
     */
    @WithDefault("60s")
    Duration loopBound();

    /**
     * Bounds by loop name, overriding the computed ones: {@code platform.health.loop-bounds.month-close=30m}.
     * Loop names: outbox-relay, outbox-purge, sla-timer-firing, delivery-dispatcher, delivery-recorder,
     * lifecycle-notices, month-close, support-mailbox.
     */
    Map<String, Duration> loopBounds();

    /**
     * The longest a Kafka consumer may go without calling poll. The connector's polling thread polls
     * about every second, even on an idle topic and while its partitions are paused for back-pressure,
     * so only a dead or stuck polling thread (or a closed client) goes past this.
     */
    @WithDefault("60s")
    Duration consumerPollBound();

    /**
     * The longest a record or a polled batch may stay in hand (handed to the service and neither
     * acknowledged nor refused), and the longest a consumer with records waiting may go without
     * handling one. A database outage is retried with back-off of up to 30 s per try, so a few minutes
     * separate an outage the consumer rides out from a stuck one.
     */
    @WithDefault("5m")
    Duration consumerHandlingBound();

    /**
     * How often each consumer's lag is measured: the end offsets of its assigned partitions minus the
     * offsets its group committed, asked on the consumer's own polling thread.
     */
    @WithDefault("15s")
    Duration consumerLagInterval();
}
