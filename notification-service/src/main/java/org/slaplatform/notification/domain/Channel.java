package org.slaplatform.notification.domain;

/** How a notice travels (NTF-5). */
public enum Channel {
    /** SMTP, HTML and text parts. */
    EMAIL,
    /** A CloudEvent over HTTP, signed with HMAC-SHA256. */
    WEBHOOK
}
