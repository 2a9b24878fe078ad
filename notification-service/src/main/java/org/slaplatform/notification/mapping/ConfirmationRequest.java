package org.slaplatform.notification.mapping;

/** The token of a subscription's confirmation mail (double opt-in). */
public record ConfirmationRequest(String token) {
}
