package org.slaplatform.ticket.mapping;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.slaplatform.ticket.domain.FeatureAnswer;

/** IS-TKT-9: a timeline is required for ADDED_TO_ROADMAP, a reason for DENIED. */
public record FeatureAnswerRequest(@NotNull FeatureAnswer answer, @Size(max = 200) String timeline,
        @Size(max = 2000) String reason) {
}
