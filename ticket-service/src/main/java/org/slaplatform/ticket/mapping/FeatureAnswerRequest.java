package org.slaplatform.ticket.mapping;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.slaplatform.ticket.domain.FeatureAnswer;

/** IS-TKT-9: a timeline is required for ADDED_TO_ROADMAP, a reason for DENIED. */
public record FeatureAnswerRequest(@NotNull FeatureAnswer answer, @Size(max = 200) @Pattern(regexp = NewTicket.NO_NUL, message = NewTicket.NO_NUL_MESSAGE) String timeline,
        @Size(max = 2000) @Pattern(regexp = NewTicket.NO_NUL, message = NewTicket.NO_NUL_MESSAGE) String reason) {
}
