package org.slaplatform.policy;

import java.util.List;

/** INF-TKT-3: a scale a defect is rated on besides severity (e.g. priority, risk), first value highest. */
public record TriageScale(String name, List<String> values) {

    public TriageScale {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
