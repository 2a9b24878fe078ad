package org.slaplatform.policy;

import java.util.List;

/**
 * QNT-CRD-2, QNT-TKT-10: what makes a credit claim valid.
 *
 * @param subjectMustContain           the words the subject must hold
 * @param caseSensitive                whether the words must match in case
 * @param mustInclude                  facts the claim must give
 * @param deadlineBillingCyclesAfterIncident claim must arrive by the end of this many billing cycles after the incident's cycle
 */
public record ClaimRules(String subjectMustContain, Boolean caseSensitive, List<Field> mustInclude,
        Integer deadlineBillingCyclesAfterIncident) {

    public ClaimRules {
        caseSensitive = Boolean.TRUE.equals(caseSensitive);
        mustInclude = mustInclude == null ? List.of() : List.copyOf(mustInclude);
    }

    public enum Field { INCIDENT_TIMES, INSTANCE }

    /** QNT-TKT-10: whether a ticket subject makes the ticket a credit claim. */
    public boolean isClaimSubject(String subject) {
        if (subject == null || subjectMustContain == null) {
            return false;
        }
        return caseSensitive ? subject.contains(subjectMustContain)
                : subject.toLowerCase(java.util.Locale.ROOT).contains(subjectMustContain.toLowerCase(java.util.Locale.ROOT));
    }
}
