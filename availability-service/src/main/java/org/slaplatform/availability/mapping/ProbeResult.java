package org.slaplatform.availability.mapping;

import java.time.Instant;

/** AVL-1: one check by one probe location. */
public record ProbeResult(String instanceId, String location, Instant time, Boolean up, Integer latencyMs) {
}
