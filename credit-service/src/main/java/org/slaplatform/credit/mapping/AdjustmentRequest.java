package org.slaplatform.credit.mapping;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** An administrator's credit adjustment: a positive amount in the account's currency and the reason. */
public record AdjustmentRequest(BigDecimal amount, String currency,
        @Size(max = 2000) @Pattern(regexp = ClaimRequest.NO_NUL, message = ClaimRequest.NO_NUL_MESSAGE) String reason) {
}
