package org.slaplatform.runtime.health;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;

/** The real {@link Heartbeats} for tests of other packages (its constructor is the container's). */
public final class TestHeartbeats {

    private TestHeartbeats() {
    }

    public static Heartbeats of(MeterRegistry registry) {
        return new Heartbeats(new HealthConfig() {
            @Override
            public Duration loopBound() {
                return Duration.ofSeconds(60);
            }

            @Override
            public Map<String, Duration> loopBounds() {
                return Map.of();
            }

            @Override
            public Duration consumerPollBound() {
                return Duration.ofSeconds(60);
            }

            @Override
            public Duration consumerHandlingBound() {
                return Duration.ofSeconds(60);
            }

            @Override
            public Duration consumerLagInterval() {
                return Duration.ofSeconds(30);
            }
        }, registry);
    }
}
