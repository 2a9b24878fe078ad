package org.slaplatform.notification.domain;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.slaplatform.notification.config.NotificationConfig;

/**
 * Exponential back-off with "equal jitter" (NTF-5): after the n-th failed try the next waits
 * {@code d/2 + random(0, d/2)} with {@code d = min(cap, base * 2^(n-1))}. Half of the wait is fixed
 * so a flapping endpoint is not hammered; the other half spreads the retries of many deliveries.
 */
public final class RetryPolicy {

    private final int maxAttempts;
    private final long baseMillis;
    private final long capMillis;

    public RetryPolicy(int maxAttempts, Duration base, Duration cap) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("max attempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.baseMillis = Math.max(1, base.toMillis());
        this.capMillis = Math.max(baseMillis, cap.toMillis());
    }

    public static RetryPolicy of(NotificationConfig.Delivery config) {
        return new RetryPolicy(config.maxAttempts(), config.backoffBase(), config.backoffCap());
    }

    /** Whether the failed try number {@code attempt} (from 1) was the last one. */
    public boolean exhausted(int attempt) {
        return attempt >= maxAttempts;
    }

    /** The wait after the failed try number {@code attempt} (from 1). */
    public Duration delayAfter(int attempt) {
        long ceiling = ceiling(attempt);
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    /** The wait before jitter: base * 2^(attempt-1), at most the cap. */
    public long ceiling(int attempt) {
        long wait = baseMillis;
        for (int i = 1; i < attempt && wait < capMillis; i++) {
            wait *= 2;
        }
        return Math.min(wait, capMillis);
    }
}
