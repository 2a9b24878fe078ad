package org.slaplatform.ticket.mapping;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.slaplatform.ticket.policy.ReleaseVersion;

/** A product and its release history (IS-LIFE-1); PUT replaces the history. */
public record ProductRequest(@NotBlank @Size(max = 200) String name,
        @NotBlank @Pattern(regexp = AccountRequest.ID, message = AccountRequest.ID_MESSAGE) String policy,
        @Size(max = 1000) List<@Valid @NotNull ReleaseRequest> releases) {

    /** One version; EOMS and EOL may be left out for the policy to derive them (ITC-LIFE-3). */
    public record ReleaseRequest(
            @NotBlank @Pattern(regexp = ReleaseVersion.PATTERN, message = "must be a version x.x.x.x") String version,
            LocalDate generalAvailability, LocalDate deliveredOn, LocalDate endOfSales,
            LocalDate endOfMainstreamSupport, LocalDate endOfLife) {
    }
}
