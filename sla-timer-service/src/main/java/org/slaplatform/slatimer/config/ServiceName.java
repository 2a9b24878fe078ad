package org.slaplatform.slatimer.config;

/**
 * This service's name, as {@code quarkus.application.name} spells it: every event it produces carries
 * {@code /sla-timer-service} as its CloudEvent source ({@code EventEnvelope.source}).
 */
public final class ServiceName {

    public static final String VALUE = "sla-timer-service";

    private ServiceName() {
    }
}
