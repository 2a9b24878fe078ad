package org.slaplatform.availability.mapping;

import java.time.Instant;
import java.util.List;

/**
 * IS-AVL-4: the account's new recurring maintenance windows, from {@code effectiveAt} on. Without
 * {@code effectiveAt}, the earliest the policy's window-change notice allows (now + notice).
 */
public record WindowChangeRequest(List<WindowShape> windows, Instant effectiveAt) {
}
