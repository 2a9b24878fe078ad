package org.slaplatform.availability.mapping;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.slaplatform.availability.domain.InputBounds;

/**
 * What a probe (its token's {@code sub}) may report on and where from. {@code accounts}:
 * account ids, or {@code ["*"]} for every account; {@code locations}: the names its results carry.
 * Each list is required (an empty one unregisters) and bounded; each name is 1 to
 * {@value InputBounds#MAX_ID} characters.
 */
public record ProbeRegistration(String probe,
        @NotNull(message = ProbeRegistration.REQUIRED)
        @Size(max = ProbeRegistration.MAX_ACCOUNTS, message = "at most " + ProbeRegistration.MAX_ACCOUNTS + " entries")
        List<@NotBlank(message = ProbeRegistration.NAME) @Size(max = InputBounds.MAX_ID, message = ProbeRegistration.NAME) String> accounts,
        @NotNull(message = ProbeRegistration.REQUIRED)
        @Size(max = InputBounds.MAX_LOCATIONS, message = "at most " + InputBounds.MAX_LOCATIONS + " entries")
        List<@NotBlank(message = ProbeRegistration.NAME) @Size(max = InputBounds.MAX_ID, message = ProbeRegistration.NAME) String> locations) {

    /** Accounts one probe may be registered for. */
    public static final int MAX_ACCOUNTS = 1_000;
    static final String REQUIRED = "is required (an empty list unregisters)";
    static final String NAME = "must be 1 to " + InputBounds.MAX_ID + " characters";
}
