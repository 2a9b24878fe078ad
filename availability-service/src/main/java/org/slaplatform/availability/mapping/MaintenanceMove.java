package org.slaplatform.availability.mapping;

import java.time.Instant;

/** IS-AVL-4: a new window for announced maintenance. */
public record MaintenanceMove(Instant startsAt, Instant endsAt) {
}
