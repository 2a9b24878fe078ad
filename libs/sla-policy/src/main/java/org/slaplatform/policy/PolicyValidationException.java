package org.slaplatform.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy document was refused; every violation names the path of the bad field and the reason (POL-1). */
public final class PolicyValidationException extends RuntimeException {

    private final String origin;
    private final List<PolicyViolation> violations;

    public PolicyValidationException(String origin, List<PolicyViolation> violations) {
        super("policy " + origin + " refused:\n" + violations.stream().map(v -> "  " + v).collect(Collectors.joining("\n")),
                null, false, false);
        this.origin = origin;
        this.violations = List.copyOf(violations);
    }

    /** Where the document came from: a file, a classpath resource or "text". */
    public String origin() {
        return origin;
    }

    public List<PolicyViolation> violations() {
        return violations;
    }
}
