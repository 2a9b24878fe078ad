package org.slaplatform.notification.mapping;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.slaplatform.notification.domain.ConfirmationToken;

/** The token of a subscription's confirmation mail (double opt-in). */
public record ConfirmationRequest(
        @NotBlank(message = "must be the token of the confirmation mail")
        @Size(max = ConfirmationToken.MAX_LENGTH, message = "is not the token of the confirmation mail") String token) {
}
