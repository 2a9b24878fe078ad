package org.slaplatform.notification.delivery;

import java.time.Instant;

/**
 * What one try came to.
 *
 * @param status the HTTP status of a webhook's answer, null when there was none (timeout, refused, SMTP)
 * @param error  why it failed, null on success
 */
public record Outcome(boolean delivered, Integer status, String error, Instant startedAt, long durationMillis) {

    public static Outcome delivered(Integer status, Instant startedAt, long durationMillis) {
        return new Outcome(true, status, null, startedAt, durationMillis);
    }

    public static Outcome failed(Integer status, String error, Instant startedAt, long durationMillis) {
        return new Outcome(false, status, error == null ? "failed" : error, startedAt, durationMillis);
    }
}
