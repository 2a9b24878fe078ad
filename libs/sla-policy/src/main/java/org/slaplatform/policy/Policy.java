package org.slaplatform.policy;

import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayType;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slaplatform.policy.calendar.BusinessCalendar;
import org.slaplatform.policy.calendar.HolidaySource;
import org.slaplatform.policy.calendar.InstantRange;
import org.slaplatform.policy.calendar.PublicHolidays;
import org.slaplatform.policy.calendar.WeeklyHours;
import org.slaplatform.policy.calendar.WorkingInterval;

/**
 * A validated policy (POL-1) with the look-ups services need. Immutable and thread-safe; its
 * business calendars are built once and share their caches between callers.
 */
public final class Policy {

    private final PolicyDocument document;
    private final Map<String, BusinessCalendar> calendars;

    Policy(PolicyDocument document) {
        this.document = document;
        Map<String, BusinessCalendar> built = new LinkedHashMap<>();
        document.calendars().forEach((id, spec) -> built.put(id, build(spec)));
        this.calendars = java.util.Collections.unmodifiableMap(built);
    }

    private static BusinessCalendar build(CalendarSpec spec) {
        BusinessCalendar.Builder b = BusinessCalendar.builder(ZoneId.of(spec.zone()));
        if (spec.preset() != null) {
            b.hours(spec.preset() == CalendarSpec.Preset.ALWAYS ? WeeklyHours.twentyFourSeven() : WeeklyHours.twentyFourFive());
        } else {
            Map<DayOfWeek, List<WorkingInterval>> days = new EnumMap<>(DayOfWeek.class);
            spec.hours().byDay().forEach((day, texts) -> days.put(day, texts.stream().map(WorkingInterval::parse).toList()));
            b.hours(new WeeklyHours(days));
        }
        HolidaySpec holidays = spec.holidays();
        if (holidays != null) {
            if (holidays.library() != null) {
                b.holidays(new PublicHolidays(HolidayCalendar.valueOf(holidays.library().country()),
                        holidays.library().subdivisions(),
                        holidays.library().types().stream().map(HolidayType::valueOf).toList()));
            } else {
                b.holidays(HolidaySource.none());
            }
            holidays.add().forEach(b::addHoliday);
            holidays.remove().forEach(b::removeHoliday);
        }
        spec.closures().forEach(c -> b.closure(c.start(), c.end()));
        return b.build();
    }

    /** The policy's name, e.g. {@code infostretch}. */
    public String id() {
        return document.policy();
    }

    /** POL-3: tickets, outages and claims record the version they began under. */
    public int version() {
        return document.version();
    }

    public PolicyDocument document() {
        return document;
    }

    /** The calendar with this id; throws for an id the policy does not define. */
    public BusinessCalendar calendar(String id) {
        BusinessCalendar c = calendars.get(id);
        if (c == null) {
            throw new IllegalArgumentException("policy " + id() + " has no calendar '" + id + "'; it has " + calendars.keySet());
        }
        return c;
    }

    public Set<String> calendarIds() {
        return calendars.keySet();
    }

    public List<Severity> severities() {
        return document.severities();
    }

    /** A severity by id, name, alias or level number, ignoring case. */
    public Optional<Severity> severity(String key) {
        return document.severities().stream().filter(s -> s.matches(key)).findFirst();
    }

    public Optional<Target> target(String severity, TargetKind kind) {
        return severity(severity).flatMap(s -> s.targets().get(kind));
    }

    public Optional<Target> target(Severity severity, TargetKind kind) {
        return severity.targets().get(kind);
    }

    /**
     * When a target of a clock started at {@code start} is due, with the paused ranges not counted;
     * empty when the severity sets no such target.
     */
    public Optional<Instant> dueAt(String severity, TargetKind kind, Instant start, List<InstantRange> pauses) {
        return target(severity, kind).map(t -> t.dueAt(calendar(t.calendar()), start, pauses));
    }

    /** IS-SLA-3: whether a ticket in {@code state} pauses the clock of {@code kind}. */
    public boolean pauses(TargetKind kind, TicketState state) {
        return document.pauses().stream().anyMatch(p -> p.targets().contains(kind) && p.whileStates().contains(state));
    }

    /** The ticket states that pause the clock of {@code kind}. */
    public Set<TicketState> pausingStates(TargetKind kind) {
        return document.pauses().stream().filter(p -> p.targets().contains(kind))
                .flatMap(p -> p.whileStates().stream()).collect(Collectors.toUnmodifiableSet());
    }

    public List<Plan> plans() {
        return document.plans();
    }

    /** The plan of this name (ignoring case), else the plan that stands for all other plans (QNT-CRD-1). */
    public Optional<Plan> plan(String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return document.plans().stream().filter(p -> p.name().toLowerCase(Locale.ROOT).equals(key)).findFirst()
                .or(() -> document.plans().stream().filter(Plan::otherPlans).findFirst());
    }

    /**
     * QNT-CRD-1: the credit tier a month with {@code uptimePercent} falls in under {@code plan};
     * empty when the commitment is met or the policy has no tiers.
     */
    public Optional<CreditTier> creditTierFor(BigDecimal uptimePercent, String plan) {
        Plan p = plan(plan).orElseThrow(() -> new IllegalArgumentException("policy " + id() + " has no plan '" + plan + "'"));
        if (document.credits() == null || p.uptimeCommitment() == null
                || uptimePercent.compareTo(p.uptimeCommitment()) >= 0) {
            return Optional.empty();
        }
        return document.credits().tiers().stream().filter(t -> t.contains(uptimePercent, p.uptimeCommitment())).findFirst();
    }

    public Optional<ReopenRule> reopen() {
        return Optional.ofNullable(document.reopen());
    }

    /** SLA-5: warning percentages, rising; empty when the policy sets none. */
    public List<Integer> warningThresholds() {
        return document.warnings() == null ? List.of() : document.warnings().thresholds();
    }

    public List<EscalationStep> escalation() {
        return document.escalation();
    }

    public Optional<Entitlements> entitlements() {
        return Optional.ofNullable(document.entitlements());
    }

    public Optional<Uptime> uptime() {
        return Optional.ofNullable(document.uptime());
    }

    public Optional<MaintenanceRules> maintenance() {
        return Optional.ofNullable(document.maintenance());
    }

    public List<Exclusion> exclusions() {
        return document.exclusions();
    }

    public boolean excludes(Exclusion.Kind kind) {
        return document.exclusions().stream().anyMatch(e -> e.kind() == kind);
    }

    public Optional<CreditScheme> credits() {
        return Optional.ofNullable(document.credits());
    }

    public List<TerminationCondition> termination() {
        return document.termination();
    }

    public Optional<ClaimRules> claims() {
        return Optional.ofNullable(document.claims());
    }

    @Override
    public String toString() {
        return "Policy[" + id() + " v" + version() + "]";
    }
}
