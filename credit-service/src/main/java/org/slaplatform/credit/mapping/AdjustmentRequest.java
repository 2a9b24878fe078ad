package org.slaplatform.credit.mapping;

import java.math.BigDecimal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * An administrator's credit adjustment (CRD-6, CRD-7): a positive amount in the account's currency and
 * the reason. That the currency is the account's, the amount has at most its minor digits and stays
 * within a year of its recurring charges needs the account: the ledger checks those.
 */
public record AdjustmentRequest(
        @NotNull(message = "is required")
        @Positive(message = "must be positive (credits are never taken back or refunded: QNT-CRD-3)") BigDecimal amount,
        @NotNull(message = "is required") @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
        @NotBlank(message = "is required: every ledger entry carries its explanation (CRD-6)")
        @Size(max = 2000) @Pattern(regexp = ClaimRequest.NO_NUL, message = ClaimRequest.NO_NUL_MESSAGE) String reason) {
}
