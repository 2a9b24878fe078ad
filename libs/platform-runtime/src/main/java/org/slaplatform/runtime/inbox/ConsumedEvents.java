package org.slaplatform.runtime.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code events_consumed_total}: the one definition every consumer counts with (its help text included). */
public final class ConsumedEvents {

    public static final String PROCESSED = "processed";
    public static final String DUPLICATE = "duplicate";
    public static final String DEAD_LETTERED = "dead-lettered";

    private ConsumedEvents() {
    }

    /** The counter of one consumer's events with one outcome (processed, duplicate, dead-lettered). */
    public static Counter counter(MeterRegistry registry, String consumer, String outcome) {
        return Counter.builder("events.consumed")
                .description("Events consumed, by consumer and outcome: processed, duplicate (a redelivery), dead-lettered")
                .tag("consumer", consumer).tag("outcome", outcome).register(registry);
    }
}
