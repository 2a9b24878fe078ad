package org.slaplatform.credit.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.events.availability.MonthlyAvailability.UnavailableInterval;
import org.slaplatform.policy.ClaimRules;

/**
 * QNT-CRD-2: whether a credit claim is admissible, and later whether the measured month confirms it.
 * Pure: the caller supplies what the platform knows (the account's instances, its time zone and
 * billing cycle, who owns an instance) and the time the claim was received.
 */
public final class ClaimJudge {

    // 2026-03-14T10:00Z, 2026-03-14T10:00:00+01:00, or 2026-03-14 10:00 (in the account's zone)
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}:\\d{2}(?::\\d{2})?)(Z|[+-]\\d{2}:\\d{2})?");

    private ClaimJudge() {
    }

    /** One incident the customer names: a start and an end (equal when only one time is given). */
    public record Incident(Instant start, Instant end) {
    }

    /** What the claim says. {@code incidents} may be empty when they are only in the description. */
    public record ClaimInput(String accountId, String subject, String description, String instanceId,
            List<Incident> incidents, Instant receivedAt) {
    }

    /** What the platform knows of the claiming account. */
    public record AccountView(String accountId, ZoneId zone, BillingCycle cycle, Set<String> instances) {
    }

    /** The claim admitted: its instance, incidents and the month they fall in. */
    public record Admitted(String instanceId, List<Incident> incidents, YearMonth month, Instant deadline) {
    }

    /** Admitted, or refused with a reason and a detail; never both. */
    public record Verdict(Admitted admitted, ClaimRefusal refusal, String detail) {
        static Verdict refused(ClaimRefusal refusal, String detail) {
            return new Verdict(null, refusal, detail);
        }

        public boolean isAdmitted() {
            return admitted != null;
        }
    }

    /**
     * @param ownerOf the account that owns an instance, empty when no account does
     */
    public static Verdict admit(Optional<ClaimRules> rules, ClaimInput claim, AccountView account,
            java.util.function.Function<String, Optional<String>> ownerOf) {
        if (rules.isEmpty()) {
            return Verdict.refused(ClaimRefusal.POLICY_HAS_NO_CLAIMS,
                    "the account's policy grants credits without claims; nothing to claim");
        }
        ClaimRules r = rules.get();
        if (!r.isClaimSubject(claim.subject())) {
            return Verdict.refused(ClaimRefusal.SUBJECT_WORDS_MISSING, "the subject must contain \""
                    + r.subjectMustContain() + "\", was \"" + (claim.subject() == null ? "" : claim.subject()) + "\"");
        }
        List<Incident> incidents = claim.incidents() == null || claim.incidents().isEmpty()
                ? parseIncidents(claim.description(), account.zone()) : claim.incidents();
        if (incidents.isEmpty()) {
            // QNT-CRD-2: the claim must include what the policy's claims.mustInclude lists, and only that.
            if (r.mustInclude().contains(ClaimRules.Field.INCIDENT_TIMES)) {
                return Verdict.refused(ClaimRefusal.NO_INCIDENT_TIMES,
                        "the claim gives no date and time of any incident (e.g. 2026-03-14T10:00Z to 2026-03-14T11:30Z); "
                                + "the policy requires them (claims.mustInclude: incident-times)");
            }
            // Not required: the claim stands for its month so far, from the first minute to its receipt.
            YearMonth received = YearMonth.from(claim.receivedAt().atZone(account.zone()));
            incidents = List.of(new Incident(received.atDay(1).atStartOfDay(account.zone()).toInstant(), claim.receivedAt()));
        }
        for (Incident incident : incidents) {
            if (incident.end().isBefore(incident.start())) {
                return Verdict.refused(ClaimRefusal.INVALID_INCIDENT_TIMES,
                        "incident ends at " + incident.end() + ", before it starts at " + incident.start());
            }
            if (incident.start().isAfter(claim.receivedAt())) {
                return Verdict.refused(ClaimRefusal.INVALID_INCIDENT_TIMES,
                        "incident starts at " + incident.start() + ", after the claim was received");
            }
        }
        Incident first = incidents.stream().min(Comparator.comparing(Incident::start)).orElseThrow();
        YearMonth month = YearMonth.from(first.start().atZone(account.zone()));
        for (Incident incident : incidents) {
            YearMonth other = YearMonth.from(incident.start().atZone(account.zone()));
            if (!other.equals(month)) {
                return Verdict.refused(ClaimRefusal.INCIDENTS_SPAN_MONTHS, "incidents in " + month + " and " + other
                        + ": each month is judged on its own measure, file one claim per month");
            }
        }
        String instance = claim.instanceId() != null && !claim.instanceId().isBlank() ? claim.instanceId().strip()
                : namedInstance(claim.description(), account.instances()).orElse(null);
        if (instance == null) {
            if (r.mustInclude().contains(ClaimRules.Field.INSTANCE)) {
                return Verdict.refused(ClaimRefusal.NO_INSTANCE, "the claim names no affected instance of account "
                        + account.accountId() + "; the policy requires it (claims.mustInclude: instance)");
            }
            // Not required: the account's only instance is the affected one; with several the measure, per
            // instance, cannot tell which to judge.
            if (account.instances().size() != 1) {
                return Verdict.refused(ClaimRefusal.NO_INSTANCE, "the claim names no affected instance and account "
                        + account.accountId() + " has " + account.instances().size()
                        + " instances; the policy does not require one (claims.mustInclude), but the measure "
                        + "that confirms a claim is per instance: name one");
            }
            instance = account.instances().iterator().next();
        }
        if (!account.instances().contains(instance)) {
            Optional<String> owner = ownerOf.apply(instance);
            if (owner.isPresent()) {
                // The owner is not named: a claimant learns nothing about other accounts.
                return Verdict.refused(ClaimRefusal.FOREIGN_INSTANCE,
                        "instance " + instance + " is not an instance of account " + account.accountId());
            }
            return Verdict.refused(ClaimRefusal.UNKNOWN_INSTANCE, "instance " + instance + " is not known");
        }
        Integer cycles = r.deadlineBillingCyclesAfterIncident();
        Instant deadline = cycles == null ? Instant.MAX
                : account.cycle().firstMonthAfterNthCycleAfter(month, cycles).atDay(1).atStartOfDay(account.zone())
                        .toInstant();
        if (!claim.receivedAt().isBefore(deadline)) {
            return Verdict.refused(ClaimRefusal.RECEIVED_TOO_LATE, "received " + claim.receivedAt()
                    + ", after the end of the " + cycles + " " + account.cycle().name().toLowerCase()
                    + " billing cycle(s) after the incident of " + first.start() + " (deadline " + deadline + ")");
        }
        return new Verdict(new Admitted(instance, List.copyOf(incidents), month, deadline), null, null);
    }

    /**
     * How far around a moment (an incident given as one instant) measured minutes still confirm it: a
     * moment a person read off a clock is approximate, a span is not (docs/credit-service.md).
     */
    public static final Duration MOMENT_TOLERANCE = Duration.ofMinutes(5);

    /**
     * The minutes an incident stands for, {@code [from, to)}. A span (start before end) covers every
     * minute it touches, even in part, as an outage does in the uptime: 10:00 to 11:30 is the 90
     * minutes 10:00..11:29. A moment (start = end) is the minute containing it, widened by
     * {@link #MOMENT_TOLERANCE} on each side: 10:28:30 stands for 10:23 to 10:34 (11 minutes).
     */
    public record IncidentWindow(Instant from, Instant to) {

        public static IncidentWindow of(Incident incident) {
            Instant start = incident.start().truncatedTo(ChronoUnit.MINUTES);
            if (!incident.end().isAfter(incident.start())) {
                return new IncidentWindow(start.minus(MOMENT_TOLERANCE), start.plus(1, ChronoUnit.MINUTES).plus(MOMENT_TOLERANCE));
            }
            Instant end = incident.end().truncatedTo(ChronoUnit.MINUTES);
            return new IncidentWindow(start, end.equals(incident.end()) ? end : end.plus(1, ChronoUnit.MINUTES));
        }

        public long minutes() {
            return Duration.between(from, to).toMinutes();
        }
    }

    /** Measured minutes inside an incident's window, counted ones merged into spans. */
    public record IncidentMatch(Incident incident, IncidentWindow window, List<IncidentWindow> counted,
            long countedMinutes, Map<String, Long> excludedByCause) {

        public boolean shown() {
            return countedMinutes > 0;
        }

        public long excludedMinutes() {
            return excludedByCause.values().stream().mapToLong(Long::longValue).sum();
        }

        String describe() {
            StringBuilder text = new StringBuilder("incident ").append(times(incident));
            if (shown()) {
                text.append(": ").append(countedMinutes).append(" of its ").append(window.minutes())
                        .append(" minutes measured Unavailable (");
                for (int i = 0; i < counted.size(); i++) {
                    IncidentWindow span = counted.get(i);
                    text.append(i == 0 ? "" : ", ").append(span.from()).append(" to ").append(span.to());
                }
                text.append(")");
            } else {
                text.append(": no measured Unavailable minute");
            }
            if (!excludedByCause.isEmpty()) {
                text.append(shown() ? "; " : ", ").append(excludedMinutes()).append(" measured minutes excluded (")
                        .append(causes(excludedByCause)).append(")");
            }
            return text.toString();
        }
    }

    /** Whether the measure confirms the claim, and what it says either way. */
    public record Confirmation(boolean confirmed, String detail, List<IncidentMatch> matches) {
    }

    /** Each incident against the month's counted and excluded Unavailable intervals (QNT-CRD-2). */
    public static List<IncidentMatch> match(List<Incident> incidents, List<UnavailableInterval> intervals) {
        List<IncidentMatch> matches = new ArrayList<>(incidents.size());
        for (Incident incident : incidents) {
            IncidentWindow window = IncidentWindow.of(incident);
            List<IncidentWindow> counted = new ArrayList<>();
            long countedMinutes = 0;
            Map<String, Long> excluded = new TreeMap<>();
            for (UnavailableInterval interval : intervals) {
                Instant a = interval.start().isAfter(window.from()) ? interval.start() : window.from();
                Instant b = interval.end().isBefore(window.to()) ? interval.end() : window.to();
                if (!b.isAfter(a)) {
                    continue;
                }
                long minutes = Duration.between(a, b).toMinutes();
                if (interval.excluded()) {
                    excluded.merge(interval.exclusion() == null ? "EXCLUDED" : interval.exclusion(), minutes, Long::sum);
                    continue;
                }
                countedMinutes += minutes;
                IncidentWindow last = counted.isEmpty() ? null : counted.get(counted.size() - 1);
                // Adjacent counted intervals (another source or cause) read as one span.
                if (last != null && last.to().equals(a)) {
                    counted.set(counted.size() - 1, new IncidentWindow(last.from(), b));
                } else {
                    counted.add(new IncidentWindow(a, b));
                }
            }
            matches.add(new IncidentMatch(incident, window, List.copyOf(counted), countedMinutes, Map.copyOf(excluded)));
        }
        return matches;
    }

    /**
     * QNT-CRD-2: a claim is confirmed against the measured minutes of its instance and month, never
     * the customer's word. With the month's Unavailable intervals (month-closed.v1
     * {@code unavailableIntervals}) it is confirmed only for the incidents that overlap counted (not
     * excluded) Unavailable minutes: when none does it is refused, each incident named; when some do,
     * the detail says which minutes matched and which incidents the measure does not show. The month
     * must also earn a credit (uptime below the commitment). A month published before the intervals
     * existed is judged on its figures alone, as before, and the detail says so.
     */
    public static Confirmation confirmation(MonthlyAvailability measured, List<Incident> incidents, CreditDecision decision) {
        String month = measured.month() + " (version " + measured.version() + ")";
        if (!measured.intervalsComplete()) {
            if (measured.unavailableMinutes() == 0) {
                return new Confirmation(false, "the measured month " + month + " shows no Unavailable minute ("
                        + measured.excludedMinutes() + " excluded)", List.of());
            }
            if (!decision.earnsCredit()) {
                return new Confirmation(false, meetsCommitment(measured), List.of());
            }
            return new Confirmation(true, "the measured month " + month + " carries no Unavailable intervals (published "
                    + "before they were sent), so the claim is confirmed on the month's figures, not per incident",
                    List.of());
        }
        List<IncidentMatch> matches = match(incidents, measured.unavailableIntervals());
        List<IncidentMatch> shown = matches.stream().filter(IncidentMatch::shown).toList();
        List<IncidentMatch> notShown = matches.stream().filter(m -> !m.shown()).toList();
        if (shown.isEmpty()) {
            return new Confirmation(false, "no claimed incident is shown by the measured minutes of " + month + ": "
                    + describe(notShown), matches);
        }
        StringBuilder detail = new StringBuilder("measured Unavailable minutes of ").append(month).append(" confirm ")
                .append(describe(shown));
        if (!notShown.isEmpty()) {
            detail.append("; not shown by measurement: ").append(describe(notShown));
        }
        if (!decision.earnsCredit()) {
            return new Confirmation(false, meetsCommitment(measured) + "; " + detail, matches);
        }
        return new Confirmation(true, detail.toString(), matches);
    }

    private static String meetsCommitment(MonthlyAvailability measured) {
        return "the measured uptime " + measured.uptimePercent().toPlainString() + " % of " + measured.month()
                + " meets the commitment (" + measured.unavailableMinutes() + " Unavailable minutes, "
                + measured.excludedMinutes() + " excluded)";
    }

    private static String describe(List<IncidentMatch> matches) {
        StringBuilder text = new StringBuilder();
        for (IncidentMatch m : matches) {
            text.append(text.length() == 0 ? "" : "; ").append(m.describe());
        }
        return text.toString();
    }

    private static String times(Incident incident) {
        return incident.end().isAfter(incident.start()) ? incident.start() + " to " + incident.end()
                : "at " + incident.start() + " (within " + MOMENT_TOLERANCE.toMinutes() + " minutes)";
    }

    private static String causes(Map<String, Long> byCause) {
        StringBuilder text = new StringBuilder();
        byCause.forEach((cause, minutes) -> text.append(text.length() == 0 ? "" : ", ").append(cause).append(' ')
                .append(minutes));
        return text.toString();
    }

    /** Incidents written in the text: date-times taken in pairs (start, end); a lone last one is a moment. */
    public static List<Incident> parseIncidents(String text, ZoneId zone) {
        if (text == null) {
            return List.of();
        }
        List<Instant> times = new ArrayList<>();
        Matcher m = DATE_TIME.matcher(text);
        while (m.find()) {
            try {
                String local = m.group(1) + "T" + m.group(2);
                times.add(m.group(3) == null ? LocalDateTime.parse(local).atZone(zone).toInstant()
                        : OffsetDateTime.parse(local + (m.group(3).equals("Z") ? "Z" : m.group(3))).toInstant());
            } catch (DateTimeParseException e) {
                // not a date-time after all (e.g. 2026-13-45): not an incident time
            }
        }
        List<Incident> incidents = new ArrayList<>();
        for (int i = 0; i < times.size(); i += 2) {
            incidents.add(new Incident(times.get(i), i + 1 < times.size() ? times.get(i + 1) : times.get(i)));
        }
        return incidents;
    }

    private static Optional<String> namedInstance(String text, Set<String> instances) {
        if (text == null) {
            return Optional.empty();
        }
        return instances.stream().filter(text::contains).max(Comparator.comparing(String::length));
    }
}
