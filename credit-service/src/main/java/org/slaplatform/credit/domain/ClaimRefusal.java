package org.slaplatform.credit.domain;

/** Why a credit claim is disqualified (QNT-CRD-2): each with its own code and a precise detail. */
public enum ClaimRefusal {
    /** the subject lacks the policy's words ("SLA Credit Request") */
    SUBJECT_WORDS_MISSING,
    /** no date and time of any incident */
    NO_INCIDENT_TIMES,
    /** an incident that ends before it starts, or lies in the future */
    INVALID_INCIDENT_TIMES,
    /** the incidents lie in more than one calendar month: one claim per month */
    INCIDENTS_SPAN_MONTHS,
    /** no affected instance named */
    NO_INSTANCE,
    /** the instance is not known to the platform */
    UNKNOWN_INSTANCE,
    /** the instance belongs to another account */
    FOREIGN_INSTANCE,
    /** received after the end of the second billing cycle after the incident */
    RECEIVED_TOO_LATE,
    /** another claim of the account already names this instance and incident */
    DUPLICATE,
    /** the account is not known to the platform (no contract) */
    UNKNOWN_ACCOUNT,
    /** the account's policy has no credit claims */
    POLICY_HAS_NO_CLAIMS,
    /** the measured month does not show the claimed unavailability (the measure decides, not the claim) */
    NOT_SHOWN_BY_MEASUREMENT
}
