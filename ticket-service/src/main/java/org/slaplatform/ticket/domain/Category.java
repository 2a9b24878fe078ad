package org.slaplatform.ticket.domain;

/** What a ticket is about. */
public enum Category {
    DEFECT, QUESTION, FEATURE_REQUEST, CREDIT_CLAIM
}
