package org.slaplatform.availability.mapping;

import java.time.Instant;

/** AVL-1: an explicit outage start (and, when already known, its end). */
public record OutageRequest(String instanceId, String cause, Instant startedAt, Instant endedAt, String note) {
}
