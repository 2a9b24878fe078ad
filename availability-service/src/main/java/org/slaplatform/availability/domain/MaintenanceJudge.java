package org.slaplatform.availability.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
            Instant previousStart, String justification) {
        return judge(policy, kind, announcedAt, start, end, previousStart,
                policy.maintenance().map(MaintenanceRules::windows).orElse(List.of()), justification);
    }

    /**
     * @param previousStart for a move, the start the maintenance had before; null for a first announcement
     * @param windows       the account's windows in effect at {@code start}: the policy's, or those of a
     *                      window change that took effect by then (IS-AVL-4, {@link MaintenanceWindows})
     * @param justification for emergency maintenance, why it could not wait (an agent's or admin's words); may be null
     */
    public static Verdict judge(Policy policy, MaintenanceKind kind, Instant announcedAt, Instant start, Instant end,
            Instant previousStart, List<MaintenanceWindow> windows, String justification) {
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
        if (!kind.isPlanned()) {
            // No exclusion after the fact; emergency maintenance is announced when it starts at the latest.
            if (start.isBefore(announcedAt)) {
                reasons.add("announced at " + announcedAt + ", after it started at " + start
                        + ": no exclusion after the fact ");
            }
            // AVL-3 (IS): "if InfoStretch reasonably determines that a failure to act immediately would lead to harm"
            if (kind == MaintenanceKind.EMERGENCY && rules != null && rules.emergencyNeedsJustification()
                    && (justification == null || justification.isBlank())) {
                reasons.add("emergency maintenance without a justification: policy " + policy.id()
                        + " excludes it only when an agent or admin records why it could not wait (AVL-3)");
            }
            return new Verdict(reasons.isEmpty(), reasons);
        }
        Duration length = Duration.between(start, end);
        Duration ahead = Duration.between(announcedAt, start);
        boolean late = ahead.isNegative() || ahead.isZero();
        // IS-AVL-4: "If the network will be down for more than fifteen (15) minutes within this window, InfoStretch
        // shall so advise Licensee prior to any scheduled maintenance"; a policy without a threshold: any length.
        if (late && (rules == null || rules.mustAnnounceBeforeStart(length))) {
            reasons.add((rules == null || rules.announceIfLongerThan() == null ? ""
                    : "lasts " + minutes(length) + ", more than the policy's " + minutes(rules.announceIfLongerThan()) + ": ")
                    + "announced at " + announcedAt + ", not before it starts at " + start + " (IS-AVL-4)");
        }
        // NTF-2: a policy that announces upgrades announces every one ahead, however short.
        if (late && kind == MaintenanceKind.UPGRADE && rules != null && rules.upgradesAnnounced()
                && !rules.mustAnnounceBeforeStart(length)) {
            reasons.add("upgrade announced at " + announcedAt + ", not before it starts at " + start + "; policy "
                    + policy.id() + " announces upgrades in advance (NTF-2)");
        }
        // AVL-3: the policy's notice (IS: "at least 48 hours notice").
        if (rules != null && rules.notice() != null && ahead.compareTo(rules.notice()) < 0) {
            reasons.add((late ? "announced " + hours(ahead.negated()) + " after it started"
                    : "announced " + hours(ahead) + " ahead") + "; the policy needs " + hours(rules.notice())
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

    public static String minutes(Duration d) {
        return d.toMinutes() + " min";
    }

    public static String hours(Duration d) {
        long minutes = d.toMinutes();
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes / 60 + " h " + Math.abs(minutes % 60) + " min";
    }
}
