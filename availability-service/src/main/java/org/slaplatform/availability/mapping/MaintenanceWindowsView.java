package org.slaplatform.availability.mapping;

import java.time.Instant;
import java.util.List;

/**
 * AVL-3, IS-AVL-4: the account's maintenance windows in effect at {@code at}: the policy's
 * ({@code changeId} null) or those of a change, and the changes still to take effect.
 */
public record MaintenanceWindowsView(String accountId, Instant at, List<WindowShape> windows, String changeId,
        Instant effectiveSince, List<WindowChangeView> pending) {
}
