package org.slaplatform.policy;

import java.time.Duration;
import java.util.List;

/**
 * AVL-3, IS-AVL-4, NTF-2: when planned maintenance may happen and what notice it needs to be
 * excluded from downtime.
 *
 * @param notice                       least notice before planned maintenance (IS: 48 hours)
 * @param announceIfLongerThan         maintenance longer than this inside a window must be announced before it starts
 * @param windowChangeNotice           least written notice to move a window (IS: 5 days)
 * @param customerMayDesignateWindows  the customer may designate a reasonable range of hours
 * @param upgradesAnnounced            updates and upgrades are announced in advance (IS SaaS)
 * @param emergencyNotice              notice owed for emergency maintenance, as words ("as much as reasonable")
 * @param emergencyNeedsJustification  emergency maintenance is excluded only with a recorded justification (IS: "if
 *                                     InfoStretch reasonably determines that a failure to act immediately would lead to harm")
 */
public record MaintenanceRules(List<MaintenanceWindow> windows, Duration notice, Duration announceIfLongerThan,
        Duration windowChangeNotice, Boolean customerMayDesignateWindows, Boolean upgradesAnnounced,
        String emergencyNotice, Boolean emergencyNeedsJustification) {

    public MaintenanceRules {
        windows = windows == null ? List.of() : List.copyOf(windows);
        customerMayDesignateWindows = Boolean.TRUE.equals(customerMayDesignateWindows);
        upgradesAnnounced = Boolean.TRUE.equals(upgradesAnnounced);
        emergencyNeedsJustification = Boolean.TRUE.equals(emergencyNeedsJustification);
    }

    /**
     * IS-AVL-4: whether maintenance of this length inside a window must be announced before it starts.
     * Without a threshold in the policy, all maintenance must (the stricter reading).
     */
    public boolean mustAnnounceBeforeStart(Duration length) {
        return announceIfLongerThan == null || length.compareTo(announceIfLongerThan) > 0;
    }
}
