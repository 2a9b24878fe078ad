package org.slaplatform.availability.mapping;

/**
 * What a probe request stored.
 *
 * @param accepted results accepted
 * @param minutes  instance-minutes they touched
 * @param replayed true when the batch's idempotency key was seen before: nothing was stored again
 */
public record IngestReceipt(int accepted, int minutes, boolean replayed) {
}
