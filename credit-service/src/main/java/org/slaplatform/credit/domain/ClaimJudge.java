package org.slaplatform.credit.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slaplatform.events.availability.MonthlyAvailability;
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
            return Verdict.refused(ClaimRefusal.NO_INCIDENT_TIMES,
                    "the claim gives no date and time of any incident (e.g. 2026-03-14T10:00Z to 2026-03-14T11:30Z)");
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
            return Verdict.refused(ClaimRefusal.NO_INSTANCE, "the claim names no affected instance of account "
                    + account.accountId());
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
     * QNT-CRD-2: a claim is confirmed against the measured minutes of its instance and month, never
     * the customer's word. Empty when the month confirms it, else the reason it does not.
     */
    public static Optional<String> unconfirmed(MonthlyAvailability measured, CreditDecision decision) {
        if (measured.unavailableMinutes() == 0) {
            return Optional.of("the measured month " + measured.month() + " (version " + measured.version()
                    + ") shows no Unavailable minute (" + measured.excludedMinutes() + " excluded)");
        }
        if (!decision.earnsCredit()) {
            return Optional.of("the measured uptime " + measured.uptimePercent().toPlainString() + " % of "
                    + measured.month() + " meets the commitment (" + measured.unavailableMinutes()
                    + " Unavailable minutes, " + measured.excludedMinutes() + " excluded)");
        }
        return Optional.empty();
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
