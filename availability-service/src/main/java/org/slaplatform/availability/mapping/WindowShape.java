package org.slaplatform.availability.mapping;

/**
 * AVL-3, IS-AVL-4: a recurring maintenance window in the policy's shape ({@code maintenance.windows[]}):
 * {@code every} DAY, WEEK (with {@code weekday}) or MONTH (with {@code weekday} and {@code nth}, the
 * nth weekday of the month), {@code hours} {@code HH:mm-HH:mm} local to {@code zone}.
 */
public record WindowShape(String id, String every, String weekday, Integer nth, String hours, String zone) {
}
