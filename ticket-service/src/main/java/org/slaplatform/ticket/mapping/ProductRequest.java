package org.slaplatform.ticket.mapping;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.slaplatform.ticket.domain.ReleaseVersion;

/**
 * A product and its release history (IS-LIFE-1); PUT replaces the history. {@code platforms}: the
 * platforms it supports (IS-TKT-5); absent or empty while not recorded, and then no platform is judged.
 */
public record ProductRequest(@NotBlank @Size(max = 200) @Pattern(regexp = NewTicket.NO_NUL, message = NewTicket.NO_NUL_MESSAGE) String name,
        @NotBlank @Pattern(regexp = AccountRequest.ID, message = AccountRequest.ID_MESSAGE) String policy,
        @Size(max = 1000) List<@Valid @NotNull ReleaseRequest> releases,
        @Size(max = 100) List<@NotNull @Pattern(regexp = NewTicket.PLATFORM, message = NewTicket.PLATFORM_MESSAGE) String> platforms) {

    /** One version; EOMS and EOL may be left out for the policy to derive them (ITC-LIFE-3). */
    public record ReleaseRequest(
            @NotBlank @Pattern(regexp = ReleaseVersion.PATTERN, message = ReleaseVersion.MESSAGE) String version,
            LocalDate generalAvailability, LocalDate deliveredOn, LocalDate endOfSales,
            LocalDate endOfMainstreamSupport, LocalDate endOfLife) {
    }
}
