package org.slaplatform.policy;

/**
 * One reason a policy document is refused (POL-1): where, as a path into the document such as
 * {@code severities[0].targets.firstResponse.calendar}, and why.
 */
public record PolicyViolation(String path, String reason) {

    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
