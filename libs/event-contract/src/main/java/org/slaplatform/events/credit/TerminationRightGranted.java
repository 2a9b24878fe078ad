package org.slaplatform.events.credit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * IS-CRD-5: the measured months give the customer the right to terminate the agreement (below 98 %
 * in any month, or below 99 % in two months of a rolling four calendar months). Published once per
 * condition and set of months. Keyed by account.
 *
 * @param instanceId  the instance whose months granted it, for rights granted per instance; absent (left
 *                    out of the JSON) for a right of the account, its instances' months combined as its
 *                    credits are (docs/policies.md, Credit readings), which is how credit-service judges
 * @param below       the level, percent
 * @param months      how many months below it the condition needs
 * @param window      within how many consecutive calendar months
 * @param monthsBelow the months, {@code yyyy-MM}, that grant the right
 * @param explanation each month's uptime and the condition met
 */
public record TerminationRightGranted(String accountId,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String instanceId,
        String rule, BigDecimal below, int months,
        int window, List<String> monthsBelow, String explanation, Instant grantedAt) {

    public TerminationRightGranted {
        Objects.requireNonNull(accountId, "accountId");
        monthsBelow = monthsBelow == null ? List.of() : List.copyOf(monthsBelow);
    }
}
