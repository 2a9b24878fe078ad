package org.slaplatform.notification.domain;

public enum DeliveryState {
    /** Waiting for its first or next try. */
    PENDING,
    /** The recipient accepted it (SMTP accepted the mail, or the webhook answered 2xx). */
    DELIVERED,
    /** The last try failed: the dead-letter state, announced on notifications.v1 (NTF-5). */
    DEAD,
    /** Its subscription was deleted before it was sent. */
    CANCELLED
}
