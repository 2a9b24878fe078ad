package org.slaplatform.availability.mapping;

/** AVL-3, issue 17: an agent or admin sets an outage's cause, with the reason for the audit line. */
public record OutageCauseChange(String cause, String reason) {
}
