package org.slaplatform.ticket.domain;

/** IS-TKT-9: the four answers to a feature request. */
public enum FeatureAnswer {
    ON_ROADMAP, ADDED_TO_ROADMAP, NOT_ON_ROADMAP, DENIED
}
