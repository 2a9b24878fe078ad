package org.slaplatform.ticket.mapping;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What the in-product Feedback button sends (IS-TKT-1): the instance; ticket-service attaches its
 * product, version and environment from the contract.
 */
public record FeedbackRequest(
        @Pattern(regexp = AccountRequest.ID, message = "must be an account id") String accountId,
        @NotBlank @Pattern(regexp = AccountRequest.ID, message = "must be an instance id") String instanceId,
        @NotBlank @Size(max = 200) @Pattern(regexp = NewTicket.ONE_LINE, message = NewTicket.ONE_LINE_MESSAGE) String subject,
        @Size(max = 20_000) @Pattern(regexp = NewTicket.NO_NUL, message = NewTicket.NO_NUL_MESSAGE) String description,
        @Min(1) Integer severity) {
}
