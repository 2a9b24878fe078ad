package org.slaplatform.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

/**
 * The service's clock in tests (replaces the runtime's default bean): real time unless a test sets
 * it, so that tests travel across deadlines, months, contract years and DST changes. Tests that set it reset it afterwards.
 */
@Singleton
public class TestClock extends Clock {

    private static final AtomicReference<Instant> FIXED = new AtomicReference<>();

    public static void set(Instant now) {
        FIXED.set(now);
    }

    public static void reset() {
        FIXED.set(null);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public Instant instant() {
        Instant fixed = FIXED.get();
        return fixed != null ? fixed : Instant.now();
    }
}
