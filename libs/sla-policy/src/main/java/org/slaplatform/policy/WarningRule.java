package org.slaplatform.policy;

import java.util.List;

/** SLA-5: warnings at these percentages of a target's allowance; the breach is always at 100. */
public record WarningRule(List<Integer> thresholds) {

    public WarningRule {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }
}
