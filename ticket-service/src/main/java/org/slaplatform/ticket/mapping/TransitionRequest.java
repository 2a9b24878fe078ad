package org.slaplatform.ticket.mapping;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.slaplatform.ticket.domain.TicketLifecycle;

/** Move a ticket to another TKT-4 state. */
public record TransitionRequest(@NotNull TicketLifecycle to, @Size(max = 2000) @Pattern(regexp = NewTicket.NO_NUL, message = NewTicket.NO_NUL_MESSAGE) String note) {
}
