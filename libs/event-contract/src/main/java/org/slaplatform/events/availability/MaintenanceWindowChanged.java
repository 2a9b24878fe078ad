package org.slaplatform.events.availability;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * IS-AVL-4, AVL-3, NTF-2: the account's recurring designated maintenance window changes, with the
 * policy's window-change notice (IS: "upon 5 days written notice"): what notification-service tells
 * the account's contacts. From {@code effectiveAt} on, planned maintenance is judged against
 * {@code windows} instead of the windows before.
 *
 * @param changeId         the change
 * @param accountId        the account, also the record key
 * @param instanceIds      the account's instances the window applies to
 * @param requestedAt      when the change was requested: the written notice
 * @param effectiveAt      from when the new windows apply (at least the policy's notice after requestedAt)
 * @param windows          the windows from effectiveAt on
 * @param previousWindows  the windows that applied just before effectiveAt (the policy's or an earlier change's)
 * @param requestedBy      who asked (token subject)
 * @param policy           the account's policy
 * @param policyVersion    the version whose window-change notice was applied (POL-3)
 */
public record MaintenanceWindowChanged(String changeId, String accountId, List<String> instanceIds, Instant requestedAt,
        Instant effectiveAt, List<Window> windows, List<Window> previousWindows, String requestedBy, String policy,
        int policyVersion) {

    /**
     * One recurring window, in the policy's shape ({@code maintenance.windows[]}).
     *
     * @param id      a name for the window
     * @param every   DAY, WEEK or MONTH
     * @param weekday for WEEK and MONTH: MONDAY ... SUNDAY; null for DAY
     * @param nth     for MONTH: the nth weekday of the month (1-5); null otherwise
     * @param hours   local hours, {@code HH:mm-HH:mm}
     * @param zone    IANA time zone of the hours
     */
    public record Window(String id, String every, String weekday, Integer nth, String hours, String zone) {
    }

    public MaintenanceWindowChanged {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(accountId, "accountId");
        instanceIds = instanceIds == null ? List.of() : List.copyOf(instanceIds);
        windows = windows == null ? List.of() : List.copyOf(windows);
        previousWindows = previousWindows == null ? List.of() : List.copyOf(previousWindows);
    }
}
