package org.slaplatform.availability.mapping;

import java.time.Instant;

/** AVL-1: the end of an explicit outage (exclusive). */
public record OutageEnd(Instant endedAt) {
}
