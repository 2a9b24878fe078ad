package org.slaplatform.credit.config;

/**
 * This service's name, as {@code quarkus.application.name} spells it: every event it produces carries
 * {@code /credit-service} as its CloudEvent source ({@code EventEnvelope.source}).
 */
public final class ServiceName {

    public static final String VALUE = "credit-service";

    private ServiceName() {
    }
}
