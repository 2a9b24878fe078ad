package org.slaplatform.availability.mapping;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;

/** AVL-1: the end of an explicit outage (exclusive). */
public record OutageEnd(@NotNull(message = "is required") Instant endedAt) {
}
