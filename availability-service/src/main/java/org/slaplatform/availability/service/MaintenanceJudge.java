package org.slaplatform.availability.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slaplatform.availability.domain.MaintenanceKind;
import org.slaplatform.policy.MaintenanceRules;
import org.slaplatform.policy.MaintenanceWindow;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.calendar.InstantRange;

/**
 * AVL-3, IS-AVL-4: decides, when maintenance is announced or moved, whether its downtime will be
 * excluded, and if not, why. Everything comes from the policy file; nothing vendor-specific here.
 */
public final class MaintenanceJudge {

    /** Whether the maintenance is excluded, and the reasons when it is not. */
    public record Verdict(boolean excluded, List<String> reasons) {
    }

    private MaintenanceJudge() {
    }

    /** Judged against the policy's own windows. */
    public static Verdict judge(Policy policy, MaintenanceKind kind, Instant announcedAt, Instant start, Instant end,
            Instant previousStart) {
        return judge(policy, kind, announcedAt, start, end, previousStart,
                policy.maintenance().map(MaintenanceRules::windows).orElse(List.of()));
    }

    /**
     * @param previousStart for a move, the start the maintenance had before; null for a first announcement
     * @param windows       the account's windows in effect at {@code start}: the policy's, or those of a
     *                      window change that took effect by then (IS-AVL-4, {@link MaintenanceWindows})
     */
    public static Verdict judge(Policy policy, MaintenanceKind kind, Instant announcedAt, Instant start, Instant end,
            Instant previousStart, List<MaintenanceWindow> windows) {
        List<String> reasons = new ArrayList<>();
        if (!policy.excludes(kind.exclusion())) {
            reasons.add("policy " + policy.id() + " does not exclude " + kind.exclusion().name().toLowerCase().replace('_', '-')
                    + " (AVL-3)");
            return new Verdict(false, reasons);
        }
        MaintenanceRules rules = policy.maintenance().orElse(null);
        if (kind == MaintenanceKind.CUSTOMER_DESIGNATED && rules != null && !rules.customerMayDesignateWindows()) {
            reasons.add("policy " + policy.id() + " lets no customer designate maintenance windows (AVL-3)");
        }
        if (kind != MaintenanceKind.PLANNED) {
            // No exclusion after the fact; emergency maintenance is announced when it starts at the latest.
            if (start.isBefore(announcedAt)) {
                reasons.add("announced at " + announcedAt + ", after it started at " + start
                        + ": no exclusion after the fact ");
            }
            return new Verdict(reasons.isEmpty(), reasons);
        }
        // Planned maintenance is announced before it starts (IS-AVL-4, QNT-AVL-6), with the policy's notice (AVL-3).
        Duration ahead = Duration.between(announcedAt, start);
        if (ahead.isNegative() || ahead.isZero()) {
            reasons.add("announced at " + announcedAt + ", not before it starts at " + start + " (IS-AVL-4)");
        } else if (rules != null && rules.notice() != null && ahead.compareTo(rules.notice()) < 0) {
            reasons.add("announced " + hours(ahead) + " ahead; the policy needs " + hours(rules.notice())
                    + " notice (AVL-3)");
        }
        // IS-AVL-4: moving maintenance needs the window-change notice before the earlier of the two starts.
        if (previousStart != null && rules != null && rules.windowChangeNotice() != null) {
            Instant earlier = previousStart.isBefore(start) ? previousStart : start;
            Duration moveNotice = Duration.between(announcedAt, earlier);
            if (moveNotice.compareTo(rules.windowChangeNotice()) < 0) {
                reasons.add("moved " + hours(moveNotice) + " before " + earlier + "; moving needs "
                        + hours(rules.windowChangeNotice()) + " notice (IS-AVL-4)");
            }
        }
        if (!windows.isEmpty() && !insideAWindow(windows, start, end)) {
            reasons.add("not inside an allowed window: " + windows.stream()
                    .map(w -> w.id() + " " + w.hours() + " " + w.zone()).toList() + " (AVL-3)");
        }
        return new Verdict(reasons.isEmpty(), reasons);
    }

    private static boolean insideAWindow(List<MaintenanceWindow> windows, Instant start, Instant end) {
        for (MaintenanceWindow window : windows) {
            for (InstantRange occurrence : window.occurrences(start, end)) {
                if (!start.isBefore(occurrence.start()) && !end.isAfter(occurrence.end())) {
                    return true;
                }
            }
        }
        return false;
    }

    static String hours(Duration d) {
        long minutes = d.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + Math.abs(minutes % 60) + " min";
    }
}
