package org.slaplatform.policy;

import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slaplatform.policy.calendar.WorkingInterval;

/**
 * The consistency rules of a policy document that its types alone cannot state (POL-1): references
 * resolve, windows do not overlap, tier tables have neither gaps nor overlaps, numbers are in range.
 * Collects every violation rather than stopping at the first.
 */
final class PolicyValidator {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern SCHEME = Pattern.compile("major(\\.[a-z]+){0,5}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final PolicyDocument doc;
    private final List<PolicyViolation> violations = new ArrayList<>();

    PolicyValidator(PolicyDocument doc) {
        this.doc = doc;
    }

    List<PolicyViolation> validate() {
        if (doc.policy() == null || !NAME.matcher(doc.policy()).matches()) {
            fail("policy", "required: a name in lower case letters, digits and dashes, e.g. infostretch");
        }
        if (doc.version() == null || doc.version() < 1) {
            fail("version", "required: a whole number from 1 up");
        }
        doc.calendars().forEach((id, spec) -> calendar("calendars." + id, id, spec));
        severities();
        pauses();
        warnings();
        escalation();
        plans();
        entitlements();
        uptime();
        maintenance();
        credits();
        termination();
        claims();
        return violations;
    }

    private String severityIds() {
        List<String> ids = doc.severities().stream().filter(s -> s != null && s.id() != null).map(Severity::id).toList();
        return ids.isEmpty() ? "none" : String.join(", ", ids);
    }

    private void fail(String path, String reason) {
        violations.add(new PolicyViolation(path, reason));
    }

    private boolean zone(String path, String zone) {
        if (zone == null) {
            fail(path, "required: a time zone such as America/Los_Angeles");
            return false;
        }
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            fail(path, "'" + zone + "' is not a time zone; use a region id such as America/Los_Angeles");
            return false;
        }
    }

    private void calendar(String path, String id, CalendarSpec spec) {
        if (!NAME.matcher(id).matches()) {
            fail(path, "calendar ids are lower case letters, digits and dashes");
        }
        if (spec == null) {
            fail(path, "required: a calendar with zone and hours");
            return;
        }
        zone(path + ".zone", spec.zone());
        if (spec.preset() != null && spec.hours() != null) {
            fail(path + ".hours", "give either preset or hours, not both");
        } else if (spec.preset() == null && spec.hours() == null) {
            fail(path, "required: preset (24x7, 24x5) or hours per weekday");
        }
        if (spec.hours() != null) {
            boolean anyOpen = false;
            for (Map.Entry<DayOfWeek, List<String>> day : spec.hours().byDay().entrySet()) {
                String dayPath = path + ".hours." + day.getKey().name().toLowerCase(Locale.ROOT);
                List<WorkingInterval> seen = new ArrayList<>();
                for (int i = 0; i < day.getValue().size(); i++) {
                    String itemPath = dayPath + "[" + i + "]";
                    WorkingInterval wi;
                    try {
                        wi = WorkingInterval.parse(day.getValue().get(i));
                    } catch (IllegalArgumentException e) {
                        fail(itemPath, e.getMessage());
                        continue;
                    }
                    for (WorkingInterval other : seen) {
                        if (other.overlaps(wi)) {
                            fail(itemPath, wi + " overlaps " + other + " on the same day");
                        }
                    }
                    seen.add(wi);
                    anyOpen = true;
                }
            }
            if (!anyOpen) {
                fail(path + ".hours", "the calendar is never open: give at least one working interval");
            }
        }
        if (spec.holidays() != null && spec.holidays().library() != null) {
            holidayLibrary(path + ".holidays.library", spec.holidays().library());
        }
        for (int i = 0; i < spec.closures().size(); i++) {
            CalendarSpec.Closure c = spec.closures().get(i);
            String cp = path + ".closures[" + i + "]";
            if (c == null || c.start() == null || c.end() == null) {
                fail(cp, "required: start and end instants");
            } else if (!c.end().isAfter(c.start())) {
                fail(cp + ".end", "must be after start " + c.start());
            }
        }
    }

    private void holidayLibrary(String path, HolidaySpec.Library library) {
        HolidayCalendar country;
        try {
            country = HolidayCalendar.valueOf(String.valueOf(library.country()));
        } catch (IllegalArgumentException e) {
            fail(path + ".country", "'" + library.country() + "' is not a jollyday HolidayCalendar such as UNITED_STATES");
            return;
        }
        Set<String> known = HolidayManager.getInstance(ManagerParameters.create(country)).getCalendarHierarchy()
                .getChildren().keySet();
        for (int i = 0; i < library.subdivisions().size(); i++) {
            if (!known.contains(library.subdivisions().get(i))) {
                fail(path + ".subdivisions[" + i + "]", "'" + library.subdivisions().get(i) + "' is not a subdivision of "
                        + country + "; known: " + String.join(", ", new TreeSet<>(known)));
            }
        }
        for (int i = 0; i < library.types().size(); i++) {
            try {
                HolidayType.valueOf(library.types().get(i));
            } catch (IllegalArgumentException e) {
                fail(path + ".types[" + i + "]", "'" + library.types().get(i) + "' is not one of "
                        + Stream.of(HolidayType.values()).map(Enum::name).toList());
            }
        }
    }

    private void severities() {
        Set<String> ids = new HashSet<>();
        Set<Integer> levels = new HashSet<>();
        for (int i = 0; i < doc.severities().size(); i++) {
            String path = "severities[" + i + "]";
            Severity s = doc.severities().get(i);
            if (s == null) {
                fail(path, "required: a severity");
                continue;
            }
            if (s.id() == null || !NAME.matcher(s.id()).matches()) {
                fail(path + ".id", "required: lower case letters, digits and dashes, e.g. sev1");
            } else if (!ids.add(s.id())) {
                fail(path + ".id", "duplicate severity id '" + s.id() + "'");
            }
            if (s.level() == null || s.level() < 1) {
                fail(path + ".level", "required: a whole number from 1 (most severe) up");
            } else if (!levels.add(s.level())) {
                fail(path + ".level", "duplicate severity level " + s.level());
            }
            for (TargetKind kind : TargetKind.values()) {
                s.targets().get(kind).ifPresent(t -> target(path + ".targets." + kind.key(), t));
            }
        }
    }

    private void target(String path, Target t) {
        if (t.within() == null) {
            fail(path + ".within", "required: e.g. '2 hours' or '1 business day'");
        }
        if (t.calendar() == null) {
            fail(path + ".calendar", "required: the id of a calendar in calendars");
        } else if (!doc.calendars().containsKey(t.calendar())) {
            fail(path + ".calendar", "unknown calendar '" + t.calendar() + "'; defined: "
                    + (doc.calendars().isEmpty() ? "none" : String.join(", ", doc.calendars().keySet())));
        }
    }

    private void pauses() {
        for (int i = 0; i < doc.pauses().size(); i++) {
            PauseRule p = doc.pauses().get(i);
            String path = "pauses[" + i + "]";
            if (p == null || p.targets().isEmpty()) {
                fail(path + ".targets", "required: the targets this rule pauses");
            }
            if (p == null || p.whileStates().isEmpty()) {
                fail(path + ".whileStates", "required: the ticket states that pause them");
            }
        }
    }

    private void warnings() {
        if (doc.warnings() == null) {
            return;
        }
        List<Integer> t = doc.warnings().thresholds();
        for (int i = 0; i < t.size(); i++) {
            Integer v = t.get(i);
            if (v == null || v <= 0 || v >= 100) {
                fail("warnings.thresholds[" + i + "]", "must be a percentage above 0 and below 100 (the breach is at 100)");
            } else if (i > 0 && t.get(i - 1) != null && v <= t.get(i - 1)) {
                fail("warnings.thresholds[" + i + "]", "thresholds must rise: " + v + " after " + t.get(i - 1));
            }
        }
    }

    private void escalation() {
        Set<EscalationStep.Level> seen = new HashSet<>();
        for (int i = 0; i < doc.escalation().size(); i++) {
            EscalationStep s = doc.escalation().get(i);
            String path = "escalation[" + i + "]";
            if (s == null || s.level() == null) {
                fail(path + ".level", "required: support, account-manager or executive");
                continue;
            }
            if (!seen.add(s.level())) {
                fail(path + ".level", "level listed twice");
            }
            nonNegative(path + ".afterBreach", s.afterBreach(), true);
            if (i > 0 && s.afterBreach() != null && doc.escalation().get(i - 1) != null
                    && doc.escalation().get(i - 1).afterBreach() != null
                    && s.afterBreach().compareTo(doc.escalation().get(i - 1).afterBreach()) < 0) {
                fail(path + ".afterBreach", "a later level cannot be told before an earlier one");
            }
        }
    }

    private void nonNegative(String path, Duration d, boolean required) {
        if (d == null) {
            if (required) {
                fail(path, "required: an ISO-8601 duration such as PT48H");
            }
        } else if (d.isNegative()) {
            fail(path, "must not be negative");
        }
    }

    private void positive(String path, Period p, boolean required) {
        if (p == null) {
            if (required) {
                fail(path, "required: an ISO-8601 period such as P1Y");
            }
        } else if (p.isNegative() || p.isZero()) {
            fail(path, "must be positive");
        }
    }

    private void percent(String path, BigDecimal v, boolean required, boolean zeroAllowed) {
        if (v == null) {
            if (required) {
                fail(path, "required: a percentage");
            }
        } else if (v.compareTo(HUNDRED) > 0 || v.signum() < 0 || (!zeroAllowed && v.signum() == 0)) {
            fail(path, v.toPlainString() + " is not a percentage " + (zeroAllowed ? "from 0" : "above 0") + " up to 100");
        }
    }

    private void plans() {
        Set<String> names = new HashSet<>();
        int fallbacks = 0;
        for (int i = 0; i < doc.plans().size(); i++) {
            Plan p = doc.plans().get(i);
            String path = "plans[" + i + "]";
            if (p == null || p.name() == null || p.name().isBlank()) {
                fail(path + ".name", "required: the plan's name");
                continue;
            }
            if (!names.add(p.name().toLowerCase(Locale.ROOT))) {
                fail(path + ".name", "duplicate plan '" + p.name() + "'");
            }
            if (p.otherPlans() && ++fallbacks > 1) {
                fail(path + ".otherPlans", "only one plan can stand for all other plans");
            }
            percent(path + ".uptimeCommitment", p.uptimeCommitment(), false, false);
            if (p.ticketQuota() != null) {
                TicketQuota q = p.ticketQuota();
                if (q.tickets() == null || q.tickets() < 1) {
                    fail(path + ".ticketQuota.tickets", "required: a whole number of tickets from 1 up");
                }
                if (q.counts() == null) {
                    fail(path + ".ticketQuota.counts", "required: resolved or opened");
                }
                if (q.beyond() == null) {
                    fail(path + ".ticketQuota.beyond", "required: refuse, accept-with-flag or chargeable");
                } else if (q.counts() == TicketQuota.Counts.RESOLVED && q.beyond() == TicketQuota.Beyond.REFUSE) {
                    // ITC-TKT-6: a unit counted at resolution is taken after the work is done; it cannot be refused
                    fail(path + ".ticketQuota.beyond", "a quota that counts resolved tickets cannot refuse;"
                            + " use chargeable or accept-with-flag");
                }
            }
            if (p.supportFees() != null) {
                percent(path + ".supportFees.firstYearPercent", p.supportFees().firstYearPercent(), true, true);
                percent(path + ".supportFees.laterYearsPercent", p.supportFees().laterYearsPercent(), true, true);
                percent(path + ".supportFees.majorUpgradePercent", p.supportFees().majorUpgradePercent(), false, true);
            }
        }
    }

    private void entitlements() {
        Entitlements e = doc.entitlements();
        if (e != null && e.intake() != null && e.intake().defaultSeverity() != null
                && doc.severities().stream().noneMatch(s -> s != null && e.intake().defaultSeverity().equals(s.id()))) {
            fail("entitlements.intake.defaultSeverity", "unknown severity '" + e.intake().defaultSeverity()
                    + "'; defined: " + severityIds());
        }
        if (e != null) {
            notCovered(e.notCovered());
        }
        if (e == null || e.versionSupport() == null) {
            return;
        }
        VersionSupport v = e.versionSupport();
        String path = "entitlements.versionSupport";
        // IS-LIFE-1, ITC-LIFE-3: the names of the version's numbers, the first one the major version
        if (v.scheme() != null && !SCHEME.matcher(v.scheme()).matches()) {
            fail(path + ".scheme", "must name 1 to 6 numbers separated by dots, the first 'major',"
                    + " e.g. major.minor or major.minor.build.patch");
        }
        if ((v.majorSupportedFor() == null) == (v.lifecycle() == null)) {
            fail(path, "give either majorSupportedFor or lifecycle");
        }
        positive(path + ".majorSupportedFor", v.majorSupportedFor(), false);
        if (v.majorSupportedFor() != null && v.from() == null) {
            fail(path + ".from", "required with majorSupportedFor: delivery or general-availability");
        }
        if (v.lifecycle() != null) {
            VersionSupport.Lifecycle l = v.lifecycle();
            positive(path + ".lifecycle.eomsAfterEos", l.eomsAfterEos(), true);
            positive(path + ".lifecycle.eomsAfterNextMajorGa", l.eomsAfterNextMajorGa(), true);
            positive(path + ".lifecycle.extendedSupport", l.extendedSupport(), true);
            positive(path + ".lifecycle.minimumTotal", l.minimumTotal(), false);
            positive(path + ".lifecycle.noticeLead", l.noticeLead(), false);
            // ITC-LIFE-3: the free fixes of extended support name severities, the same ones marked extendedSupportFree
            for (int i = 0; i < l.extendedSupportFreeFixes().size(); i++) {
                String id = l.extendedSupportFreeFixes().get(i);
                Severity s = doc.severities().stream().filter(x -> x != null && id.equals(x.id())).findFirst().orElse(null);
                if (s == null) {
                    fail(path + ".lifecycle.extendedSupportFreeFixes[" + i + "]", "unknown severity '" + id
                            + "'; defined: " + severityIds());
                } else if (!s.extendedSupportFree()) {
                    fail(path + ".lifecycle.extendedSupportFreeFixes[" + i + "]", "severity '" + id
                            + "' is not marked extendedSupportFree: mark it, or drop it here");
                }
            }
        }
    }

    /** IS-TKT-5: each kind of request support does not include, once, with a handling intake can apply. */
    private void notCovered(java.util.List<Entitlements.NotCovered> list) {
        java.util.Set<Entitlements.NotCovered.Topic> seen = java.util.EnumSet.noneOf(Entitlements.NotCovered.Topic.class);
        for (int i = 0; i < list.size(); i++) {
            String path = "entitlements.notCovered[" + i + "]";
            Entitlements.NotCovered n = list.get(i);
            if (n == null || n.topic() == null) {
                fail(path + ".topic", "required: third-party-application, non-english-language or professional-services");
                continue;
            }
            if (!seen.add(n.topic())) {
                fail(path + ".topic", "listed twice: " + n.topic().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            }
            if (n.handling() == null) {
                fail(path + ".handling", "required: accept, flag or refuse");
            } else if (n.handling() == Entitlements.Handling.REQUIRE_UPGRADE) {
                fail(path + ".handling", "require-upgrade is for versions; use accept, flag or refuse");
            }
        }
    }

    private void uptime() {
        Uptime u = doc.uptime();
        if (u == null) {
            return;
        }
        if (u.zone() != null && !"account".equals(u.zone())) {
            zone("uptime.zone", u.zone());
        }
        if (u.quorum() == null || u.quorum().rule() == null) {
            fail("uptime.quorum.rule", "required: any, majority, all or at-least");
        } else if (u.quorum().rule() == Uptime.Quorum.Rule.AT_LEAST
                && (u.quorum().locations() == null || u.quorum().locations() < 1)) {
            fail("uptime.quorum.locations", "required with at-least: a whole number of locations from 1 up");
        }
    }

    private void maintenance() {
        MaintenanceRules m = doc.maintenance();
        if (m == null) {
            return;
        }
        nonNegative("maintenance.notice", m.notice(), false);
        nonNegative("maintenance.announceIfLongerThan", m.announceIfLongerThan(), false);
        nonNegative("maintenance.windowChangeNotice", m.windowChangeNotice(), false);
        if (m.announceIfLongerThan() != null && m.windows().isEmpty()) {
            fail("maintenance.announceIfLongerThan", "applies to maintenance inside a window; the policy sets no windows");
        }
        if (m.emergencyNeedsJustification() && (doc.exclusions() == null
                || doc.exclusions().stream().noneMatch(e -> e != null && e.kind() == Exclusion.Kind.EMERGENCY_MAINTENANCE))) {
            fail("maintenance.emergencyNeedsJustification", "the policy does not exclude emergency-maintenance");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < m.windows().size(); i++) {
            MaintenanceWindow w = m.windows().get(i);
            String path = "maintenance.windows[" + i + "]";
            if (w == null || w.id() == null || !ids.add(w.id())) {
                fail(path + ".id", "required: a unique id");
                if (w == null) {
                    continue;
                }
            }
            zone(path + ".zone", w.zone());
            try {
                WorkingInterval.parse(w.hours());
            } catch (IllegalArgumentException e) {
                fail(path + ".hours", e.getMessage());
            }
            if (w.every() == null) {
                fail(path + ".every", "required: day, week or month");
            } else if (w.every() != MaintenanceWindow.Recurrence.DAY && w.weekday() == null) {
                fail(path + ".weekday", "required for a weekly or monthly window");
            }
            if (w.every() == MaintenanceWindow.Recurrence.MONTH && (w.nth() == null || w.nth() < 1 || w.nth() > 5)) {
                fail(path + ".nth", "required for a monthly window: which weekday of the month, 1 to 5");
            }
        }
    }

    private void credits() {
        CreditScheme c = doc.credits();
        if (c == null) {
            return;
        }
        if (c.kind() == null) {
            fail("credits.kind", "required: tiered-percentage or day-of-fees-per-hour");
            return;
        }
        if (c.rounding().scale() == null || c.rounding().scale() < 0 || c.rounding().scale() > 6) {
            fail("credits.rounding.scale", "required: decimal places from 0 to 6");
        }
        if (c.rounding().mode() == null) {
            fail("credits.rounding.mode", "required: a rounding mode such as half-even");
        }
        if (c.kind() == CreditScheme.Kind.DAY_OF_FEES_PER_HOUR) {
            if (c.perHour() == null || c.perHour().dayWorth() == null || c.perHour().countedHours() == null) {
                fail("credits.perHour", "required for day-of-fees-per-hour: dayWorth and countedHours");
            }
            return;
        }
        if (c.tiers().isEmpty()) {
            fail("credits.tiers", "required for tiered-percentage: at least one tier");
            return;
        }
        tiers(c.tiers());
    }

    /** QNT-CRD-1: tiers, highest first, must tile [0, commitment) with no gap and no overlap. */
    private void tiers(List<CreditTier> tiers) {
        BigDecimal previousAtLeast = null;
        for (int i = 0; i < tiers.size(); i++) {
            CreditTier t = tiers.get(i);
            String path = "credits.tiers[" + i + "]";
            if (t == null) {
                fail(path, "required: below, atLeast, percent");
                return;
            }
            percent(path + ".percent", t.percent(), true, false);
            percent(path + ".atLeast", t.atLeast(), true, true);
            BigDecimal below = null;
            if (t.below() == null) {
                fail(path + ".below", "required: a percentage or 'commitment'");
            } else if (CreditTier.COMMITMENT.equals(t.below())) {
                if (i > 0) {
                    fail(path + ".below", "only the first (highest) tier may end at the commitment");
                }
            } else {
                try {
                    below = new BigDecimal(t.below());
                    percent(path + ".below", below, true, false);
                } catch (NumberFormatException e) {
                    fail(path + ".below", "'" + t.below() + "' is neither a percentage nor 'commitment'");
                }
            }
            if (below != null && t.atLeast() != null && t.atLeast().compareTo(below) >= 0) {
                fail(path + ".atLeast", "must be below 'below' (" + below.toPlainString() + ")");
            }
            if (i > 0 && below != null && previousAtLeast != null) {
                int cmp = below.compareTo(previousAtLeast);
                if (cmp < 0) {
                    fail(path + ".below", "gap: uptime in [" + below.toPlainString() + ", " + previousAtLeast.toPlainString()
                            + ") is in no tier");
                } else if (cmp > 0) {
                    fail(path + ".below", "overlap: uptime in [" + previousAtLeast.toPlainString() + ", "
                            + below.toPlainString() + ") is in two tiers");
                }
            }
            previousAtLeast = t.atLeast();
        }
        if (previousAtLeast != null && previousAtLeast.signum() != 0) {
            fail("credits.tiers[" + (tiers.size() - 1) + "].atLeast",
                    "gap: the lowest tier must reach down to 0, not " + previousAtLeast.toPlainString());
        }
        CreditTier first = tiers.get(0);
        if (first != null && CreditTier.COMMITMENT.equals(first.below()) && first.atLeast() != null) {
            for (int i = 0; i < doc.plans().size(); i++) {
                Plan p = doc.plans().get(i);
                if (p != null && p.uptimeCommitment() != null && p.uptimeCommitment().compareTo(first.atLeast()) <= 0) {
                    fail("plans[" + i + "].uptimeCommitment", "must be above the first credit tier's atLeast "
                            + first.atLeast().toPlainString());
                }
            }
        }
        if (first != null && CreditTier.COMMITMENT.equals(first.below())
                && doc.plans().stream().noneMatch(p -> p != null && p.uptimeCommitment() != null)) {
            fail("credits.tiers[0].below", "'commitment' needs a plan with an uptimeCommitment");
        }
    }

    private void termination() {
        for (int i = 0; i < doc.termination().size(); i++) {
            TerminationCondition t = doc.termination().get(i);
            String path = "termination[" + i + "]";
            if (t == null) {
                fail(path, "required: below, months, window");
                continue;
            }
            percent(path + ".below", t.below(), true, false);
            if (t.window() == null || t.window() < 1) {
                fail(path + ".window", "required: a whole number of consecutive months from 1 up");
            }
            if (t.months() == null || t.months() < 1) {
                fail(path + ".months", "required: a whole number of months from 1 up");
            } else if (t.window() != null && t.months() > t.window()) {
                fail(path + ".months", t.months() + " months cannot fall within a window of " + t.window());
            }
        }
    }

    private void claims() {
        ClaimRules c = doc.claims();
        if (c == null) {
            return;
        }
        if (c.subjectMustContain() != null && c.subjectMustContain().isBlank()) {
            fail("claims.subjectMustContain", "must not be blank");
        }
        if (c.deadlineBillingCyclesAfterIncident() != null && c.deadlineBillingCyclesAfterIncident() < 0) {
            fail("claims.deadlineBillingCyclesAfterIncident", "must not be negative");
        }
    }
}
