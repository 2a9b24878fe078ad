package org.slaplatform.availability.mapping;

import java.time.Instant;

/** A started maintenance window ended early ({@code endsAt} default now), with the reason for the audit line. */
public record MaintenanceEnd(Instant endsAt, String reason) {
}
