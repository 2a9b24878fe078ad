package org.slaplatform.availability.mapping;

import java.time.Instant;
import java.util.List;

/** IS-AVL-4: a change of the account's maintenance windows, with the notice it was judged against. */
public record WindowChangeView(String id, String accountId, Instant requestedAt, Instant effectiveAt, List<WindowShape> windows,
        List<WindowShape> previousWindows, String notice, String requestedBy, String policy, int policyVersion) {
}
