package org.slaplatform.availability.mapping;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.slaplatform.availability.domain.InputBounds;

/**
 * AVL-1: an explicit outage start (and, when already known, its end). A cause other than OURS
 * excludes minutes: only an agent or admin sets it, with a {@code reason} (issue 17).
 */
public record OutageRequest(
        @NotBlank(message = OutageRequest.ID_MESSAGE) @Size(max = InputBounds.MAX_ID, message = OutageRequest.ID_MESSAGE) String instanceId,
        String cause, Instant startedAt, Instant endedAt,
        @Size(max = OutageRequest.MAX_NOTE, message = "at most " + OutageRequest.MAX_NOTE + " characters") String note,
        String reason) {

    /** An outage's note. */
    public static final int MAX_NOTE = 1_000;
    static final String ID_MESSAGE = "must be 1 to " + InputBounds.MAX_ID + " characters";
}
