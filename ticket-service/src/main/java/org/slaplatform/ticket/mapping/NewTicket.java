package org.slaplatform.ticket.mapping;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A ticket filed through the API.
 *
 * @param accountId   the account it is for: customers and partners may leave it out (their token's
 *                    account is used); agents and admins must name it
 * @param subject     one line
 * @param description the problem in full
 * @param severity    1-4 (IS-TKT-2)
 */
public record NewTicket(
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}", message = "must be an account id: lower-case letters, digits and '-'")
        String accountId,
        @NotBlank @Size(max = 200) String subject,
        @Size(max = 20_000) String description,
        @NotNull @Min(1) @Max(4) Integer severity) {
}
