package org.slaplatform.runtime.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/** DESIGN-8: {@code events_consumed_total}, the one meter every consumer counts its outcomes with. */
class ConsumedEventsTest {

    @Test
    @DisplayName("DESIGN-8: events_consumed_total is one counter per consumer and outcome, with one help text, as /q/metrics shows it")
    void oneDefinitionPerConsumerAndOutcome() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        ConsumedEvents.counter(registry, "sla-timer", ConsumedEvents.PROCESSED).increment(2);
        ConsumedEvents.counter(registry, "sla-timer", ConsumedEvents.PROCESSED).increment();
        ConsumedEvents.counter(registry, "sla-timer", ConsumedEvents.DUPLICATE).increment();
        ConsumedEvents.counter(registry, "credit", ConsumedEvents.DEAD_LETTERED).increment();

        String scrape = registry.scrape();
        // the text format of the registry in use writes a trailing comma after the last label
        assertThat(scrape).contains("# HELP events_consumed_total Events consumed, by consumer and outcome")
                .containsPattern("events_consumed_total\\{consumer=\"sla-timer\",outcome=\"processed\",?} 3.0")
                .containsPattern("events_consumed_total\\{consumer=\"sla-timer\",outcome=\"duplicate\",?} 1.0")
                .containsPattern("events_consumed_total\\{consumer=\"credit\",outcome=\"dead-lettered\",?} 1.0");
        assertThat(scrape.lines().filter(l -> l.startsWith("# HELP events_consumed_total"))).hasSize(1);
    }
}
