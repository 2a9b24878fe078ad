package org.slaplatform.policy;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy file as written (POL-1): every section a policy decides. {@link PolicyLoader} reads it and
 * {@link Policy} wraps it with look-ups; see {@code docs/policies.md} for each key.
 *
 * @param policy        the policy's name, e.g. {@code infostretch}
 * @param version       increases with every change; tickets keep the version they began under (POL-3)
 * @param source        the document the policy was written from
 * @param effectiveFrom first day this version applies
 */
public record PolicyDocument(String policy, Integer version, String title, String source, LocalDate effectiveFrom,
        Map<String, CalendarSpec> calendars, List<Severity> severities, List<TriageScale> triage,
        List<PauseRule> pauses, ReopenRule reopen, WarningRule warnings, List<EscalationStep> escalation,
        List<Plan> plans, Entitlements entitlements, Uptime uptime, MaintenanceRules maintenance,
        List<Exclusion> exclusions, CreditScheme credits, List<TerminationCondition> termination, ClaimRules claims) {

    public PolicyDocument {
        calendars = calendars == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(calendars));
        severities = severities == null ? List.of() : List.copyOf(severities);
        triage = triage == null ? List.of() : List.copyOf(triage);
        pauses = pauses == null ? List.of() : List.copyOf(pauses);
        escalation = escalation == null ? List.of() : List.copyOf(escalation);
        plans = plans == null ? List.of() : List.copyOf(plans);
        exclusions = exclusions == null ? List.of() : List.copyOf(exclusions);
        termination = termination == null ? List.of() : List.copyOf(termination);
    }
}
