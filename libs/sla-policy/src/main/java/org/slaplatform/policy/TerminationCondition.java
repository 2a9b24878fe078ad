package org.slaplatform.policy;

import java.math.BigDecimal;

/**
 * IS-CRD-5: the customer may terminate when the monthly level is below {@code below} percent in at
 * least {@code months} of any {@code window} consecutive calendar months.
 */
public record TerminationCondition(BigDecimal below, Integer months, Integer window, String rule) {
}
