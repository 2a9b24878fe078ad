package org.slaplatform.runtime.health;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Live and ready only while every background loop turned and every Kafka consumer polled and handled
 * its records within its bound ({@link HealthConfig}). A service whose consumer or loop silently
 * stopped (an OutOfMemoryError in its thread, a stuck thread, a poisoned connection pool) answers
 * DOWN, so that the orchestrator restarts it; the answer's data names each loop and consumer with
 * what it last did, and {@code down} says which did not turn, for how long, against which bound.
 */
@Liveness
@Readiness
@ApplicationScoped
public class LoopsAndConsumersCheck implements HealthCheck {

    static final String NAME = "loops-and-consumers";

    private final Heartbeats heartbeats;
    private final KafkaConsumerWatch consumers;

    LoopsAndConsumersCheck(Heartbeats heartbeats, KafkaConsumerWatch consumers) {
        this.heartbeats = heartbeats;
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        consumers.observePolls();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        List<String> down = new ArrayList<>();
        for (Heartbeats.Verdict verdict : heartbeats.verdicts()) {
            response.withData(verdict.name(), verdict.state());
            if (!verdict.up()) {
                down.add(verdict.name() + ": " + verdict.state());
            }
        }
        if (down.isEmpty()) {
            return response.up().build();
        }
        return response.withData("down", String.join("; ", down)).down().build();
    }
}
