package org.slaplatform.ticket.mapping;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Support changes a ticket's severity, saying why (IS-TKT-2). */
public record SeverityChange(@NotNull @Min(1) Integer severity, @NotBlank @Size(max = 2000) @Pattern(regexp = NewTicket.NO_NUL, message = NewTicket.NO_NUL_MESSAGE) String reason) {
}
