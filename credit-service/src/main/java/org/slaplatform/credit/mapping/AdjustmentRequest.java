package org.slaplatform.credit.mapping;

import java.math.BigDecimal;

/** An administrator's credit adjustment: a positive amount in the account's currency and the reason. */
public record AdjustmentRequest(BigDecimal amount, String currency, String reason) {
}
