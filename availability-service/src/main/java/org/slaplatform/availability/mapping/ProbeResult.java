package org.slaplatform.availability.mapping;

import java.time.Instant;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** AVL-1: one check by one probe location. */
@JsonDeserialize(using = ProbeResultDeserializer.class)
public record ProbeResult(String instanceId, String location, Instant time, Boolean up, Integer latencyMs) {
}
