package org.slaplatform.ticket.mapping;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A request to escalate a ticket to the next tier (INF-TKT-7). */
public record EscalationRequest(@NotBlank @Size(max = 2000) @Pattern(regexp = NewTicket.NO_NUL, message = NewTicket.NO_NUL_MESSAGE) String reason) {
}
