package org.slaplatform.runtime.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "platform.outbox")
public interface OutboxConfig {

    /** Whether this instance runs a relay. Off only in tests that play the crash of a relay. */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows published per transaction. */
    @WithDefault("500")
    int batchSize();

    /** Longest wait for a commit notification before the relay looks anyway (the safety net). */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * After publishing a batch smaller than {@link #batchSize()}, how long the relay lets further commits
     * gather before the next batch: under a steady stream of small transactions (ticket intake) this
     * makes fewer, larger batches (fewer relay statements per event) at the cost of up to this much
     * more delay before an event reaches Kafka. 0 (the default): publish again at once.
     */
    @WithDefault("0s")
    Duration linger();

    /**
     * Pause after a failure (database or broker down) before the next try; it doubles with each failure
     * in a row, up to 30 s ({@code WorkerSettings.BACKOFF_CAP}).
     */
    @WithDefault("2s")
    Duration retryBackoff();

    /**
     * How long a published row stays in the outbox before {@link OutboxPurge} deletes it (an audit of
     * what left the service; Kafka holds the events themselves for the topic's retention). Rows not
     * yet published are never deleted.
     */
    @WithDefault("P7D")
    Duration retention();

    /** How often the purge looks for published rows past the retention (it goes on at once while it finds full batches). */
    @WithDefault("10m")
    Duration purgeInterval();

    /** Rows deleted per purge statement. */
    @WithDefault("5000")
    int purgeBatchSize();
}
