package org.slaplatform.availability.mapping;

import java.time.Instant;

/**
 * AVL-1: an explicit outage start (and, when already known, its end). A cause other than OURS
 * excludes minutes: only an agent or admin sets it, with a {@code reason} (issue 17).
 */
public record OutageRequest(String instanceId, String cause, Instant startedAt, Instant endedAt, String note, String reason) {
}
