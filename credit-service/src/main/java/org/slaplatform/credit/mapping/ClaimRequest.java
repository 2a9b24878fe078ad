package org.slaplatform.credit.mapping;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A claim through the API (QNT-CRD-2). {@code incidents} may be left out when the description gives
 * the dates and times; {@code accountId} is required from admins and must be the caller's own for
 * customers.
 */
public record ClaimRequest(
        @Pattern(regexp = ID, message = "must be an account id") String accountId,
        @Size(max = 200) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String subject,
        @Size(max = 20_000) @Pattern(regexp = NO_NUL, message = NO_NUL_MESSAGE) String description,
        @Pattern(regexp = ID, message = "must be an instance id") String instanceId,
        @Size(max = 100) List<@Valid @NotNull IncidentTimes> incidents) {

    /** Ids as ticket-service writes them (lower-case letters, digits and '-'). */
    public static final String ID = "[a-z0-9][a-z0-9-]{1,62}";
    /** No text column can hold a NUL (issue 17: it was a 500 from PostgreSQL). */
    public static final String NO_NUL = "[^\\x00]*";
    public static final String NO_NUL_MESSAGE = "must not contain NUL characters";

    /** An incident: a span, or a moment when {@code end} is left out. */
    public record IncidentTimes(@NotNull(message = "is required") Instant start, Instant end) {
    }
}
