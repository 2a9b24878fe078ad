package org.slaplatform.ticket.mapping;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slaplatform.policy.CalendarSpec;
import org.slaplatform.policy.MaintenanceRules;
import org.slaplatform.policy.PauseRule;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyDocument;
import org.slaplatform.policy.ReopenRule;
import org.slaplatform.policy.Severity;
import org.slaplatform.policy.Target;
import org.slaplatform.policy.TargetKind;
import org.slaplatform.policy.TicketState;

/**
 * One version of a policy as its customers read it (POL-1, issue 18): the calendars with their
 * description and closures, the severity scale with each target's figure and the rule it implements,
 * pauses, reopening, plans, exclusions and the maintenance notices. Made from the policy file as
 * loaded, so that what a customer reads here is what the clocks, uptime and credits apply.
 *
 * @param inForce whether this version is the one in force on {@code on} (UTC)
 */
public record PolicyTermsView(String name, int version, String title, String source, LocalDate effectiveFrom,
        LocalDate on, boolean inForce, List<CalendarView> calendars, List<SeverityView> severities,
        List<PauseView> pauses, ReopenView reopen, List<PlanView> plans, List<ExclusionView> exclusions,
        MaintenanceView maintenance) {

    /**
     * A business calendar (CAL-1..CAL-5).
     *
     * @param hours    working intervals per weekday ({@code monday: ["09:00-18:00"]}); empty for a preset
     * @param preset   {@code 24x7} or {@code 24x5}, absent when the hours are given per weekday
     */
    public record CalendarView(String id, String description, String zone, String preset,
            Map<String, List<String>> hours, List<ClosureView> closures) {
    }

    /** A closure of a calendar and why (e.g. a site shutdown). */
    public record ClosureView(Instant start, Instant end, String reason) {
    }

    /**
     * A level of the severity scale (IS-TKT-2).
     *
     * @param aroundTheClockWork CAL-3: work goes on outside business hours until a workaround is given
     */
    public record SeverityView(String id, int level, String name, String description, List<String> aliases,
            boolean aroundTheClockWork, List<TargetView> targets) {
    }

    /**
     * One target of a severity (IS-SLA-1, CAL-4).
     *
     * @param kind         {@code firstResponse}, {@code workaround}, {@code resolution} or {@code nextResponse}
     * @param within       the figure as ISO-8601: business time ({@code PT2H}) or business days ({@code P1D})
     * @param businessDays whether {@code within} counts business days rather than business time
     * @param text         the figure as the policy file writes it ("2 hours", "1 business day")
     * @param reading      CAL-4: {@code same-clock-time} or {@code end-of-day}, for business days
     * @param calendar     the id of the calendar that counts it
     * @param rule         the rule it implements, in the policy's words
     */
    public record TargetView(String kind, String within, boolean businessDays, String text, String reading,
            String calendar, String rule) {
    }

    /** IS-SLA-3: these targets' clocks stand still while the ticket is in these states. */
    public record PauseView(List<String> targets, List<String> whileStates, String rule) {
    }

    /** TKT-4: what a reopened ticket's clocks do ({@code resume} or {@code new-cycle}). */
    public record ReopenView(String behaviour, String rule) {
    }

    /** A plan a contract may name (POL-2), with its uptime commitment where it makes one (QNT-CRD-1). */
    public record PlanView(String name, String description, boolean otherPlans, BigDecimal uptimeCommitment) {
    }

    /** AVL-3: downtime of this kind does not count against the commitment. */
    public record ExclusionView(String kind, String rule, String note) {
    }

    /**
     * AVL-3, IS-AVL-4: the notice owed before maintenance (ISO-8601) and, for emergencies, in words.
     */
    public record MaintenanceView(String notice, String announceIfLongerThan, String windowChangeNotice,
            String emergencyNotice) {
    }

    public static PolicyTermsView of(Policy policy, LocalDate on, boolean inForce) {
        PolicyDocument d = policy.document();
        List<CalendarView> calendars = new ArrayList<>();
        d.calendars().forEach((id, spec) -> calendars.add(calendar(id, spec)));
        ReopenRule reopen = d.reopen();
        MaintenanceRules m = d.maintenance();
        return new PolicyTermsView(policy.id(), policy.version(), d.title(), d.source(), d.effectiveFrom(), on, inForce,
                calendars, d.severities().stream().map(PolicyTermsView::severity).toList(),
                d.pauses().stream().map(PolicyTermsView::pause).toList(),
                reopen == null ? null : new ReopenView(text(reopen.behaviour()), reopen.rule()),
                d.plans().stream().map(p -> new PlanView(p.name(), p.description(), p.otherPlans(), p.uptimeCommitment()))
                        .toList(),
                d.exclusions().stream().map(e -> new ExclusionView(text(e.kind()), e.rule(), e.note())).toList(),
                m == null ? null : new MaintenanceView(iso(m.notice()), iso(m.announceIfLongerThan()),
                        iso(m.windowChangeNotice()), m.emergencyNotice()));
    }

    private static CalendarView calendar(String id, CalendarSpec spec) {
        Map<String, List<String>> hours = new LinkedHashMap<>();
        if (spec.hours() != null) {
            spec.hours().byDay().forEach((day, intervals) -> {
                if (!intervals.isEmpty()) {
                    hours.put(day.name().toLowerCase(Locale.ROOT), intervals);
                }
            });
        }
        return new CalendarView(id, spec.description(), spec.zone(),
                spec.preset() == null ? null : spec.preset().toString(), hours,
                spec.closures().stream().map(c -> new ClosureView(c.start(), c.end(), c.reason())).toList());
    }

    private static SeverityView severity(Severity s) {
        List<TargetView> targets = new ArrayList<>();
        for (TargetKind kind : TargetKind.values()) {
            s.targets().get(kind).ifPresent(t -> targets.add(target(kind, t)));
        }
        return new SeverityView(s.id(), s.level(), s.name(), s.description(), s.aliases(), s.aroundTheClockWork(),
                targets);
    }

    private static TargetView target(TargetKind kind, Target t) {
        boolean days = t.within().isBusinessDays();
        String within = days ? Period.ofDays(t.within().businessDays()).toString()
                : t.within().asBusinessTime().map(Duration::toString).orElseThrow();
        return new TargetView(kind.key(), within, days, t.within().toString(), days ? text(t.reading()) : null,
                t.calendar(), t.rule());
    }

    private static PauseView pause(PauseRule p) {
        return new PauseView(p.targets().stream().map(TargetKind::key).toList(),
                p.whileStates().stream().map(TicketState::text).toList(), p.rule());
    }

    private static String iso(Duration duration) {
        return duration == null ? null : duration.toString();
    }

    /** As the policy files write enum values: {@code WAITING_ON_CUSTOMER} is {@code waiting-on-customer}. */
    private static String text(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
