package org.slaplatform.ticket.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.slaplatform.policy.Entitlements;
import org.slaplatform.policy.EscalationStep;
import org.slaplatform.policy.Plan;
import org.slaplatform.policy.Policy;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.policy.Severity;
import org.slaplatform.policy.TicketQuota;
import org.slaplatform.policy.VersionSupport;

/**
 * The intake rules of every version of every policy in sla-policy's {@link PolicyBook} (every
 * {@code policies/catalog.txt} on the class path), built once at start: entitlements,
 * plans with their quota, version support, feature answers, escalation tiers, triage scales and the
 * credit-claim marker, severity scale, channels and version scheme. Nothing vendor-specific is in
 * Java; the defaults below apply where a policy says nothing. POL-3: a contract, and every ticket filed
 * under it, names a policy version, and is judged under exactly that version ({@link #get(String, int)});
 * a new contract starts under the version in force on its first day ({@link #inForce}).
 */
@ApplicationScoped
public class IntakeRulesCatalog {

    private final PolicyBook book;
    private final Map<String, Map<Integer, IntakeRules>> byPolicy = new LinkedHashMap<>();

    /** The service's one book (platform-runtime's {@code PolicyBookProducer}), shared with the policy view. */
    @Inject
    public IntakeRulesCatalog(PolicyBook book) {
        this.book = book;
        for (String name : book.names()) {
            Map<Integer, IntakeRules> versions = new TreeMap<>();
            book.all(name).forEach(policy -> versions.put(policy.version(), of(policy)));
            byPolicy.put(name, versions);
        }
    }

    /** What {@code policy} decides at intake. */
    public static IntakeRules of(Policy policy) {
        Optional<Entitlements> entitlements = policy.entitlements();
        Map<String, IntakeRules.PlanRules> plans = new TreeMap<>();
        for (Plan plan : policy.plans()) {
            // contracts name the plan in lower case ("basic", "enterprise")
            plans.put(plan.name().toLowerCase(Locale.ROOT), new IntakeRules.PlanRules(plan.featureRequests(),
                    quota(plan.ticketQuota())));
        }
        Map<String, List<String>> triage = new TreeMap<>();
        policy.document().triage().forEach(scale -> triage.put(scale.name(), scale.values().stream()
                .map(IntakeRulesCatalog::constant).toList()));
        // IS-TKT-9 names the four outcomes; a policy that lists none answers with all four
        List<String> answers = entitlements.map(Entitlements::featureRequests)
                .map(f -> f.answers().stream().map(Enum::name).toList()).filter(list -> !list.isEmpty())
                .orElse(Arrays.stream(Entitlements.FeatureRequests.Answer.values()).map(Enum::name).toList());
        // IS-TKT-9: which answers need a timeline or a reason, as the policy lists them; a policy that
        // lists no answers gets the requirement's own reading: a timeline for "added", a reason for "denied"
        Optional<Entitlements.FeatureRequests> featureRules = entitlements.map(Entitlements::featureRequests)
                .filter(f -> !f.answers().isEmpty());
        List<String> timelineRequiredFor = featureRules.map(f -> names(f.timelineRequiredFor()))
                .orElse(List.of(Entitlements.FeatureRequests.Answer.ADDED_TO_ROADMAP.name()));
        List<String> reasonRequiredFor = featureRules.map(f -> names(f.reasonRequiredFor()))
                .orElse(List.of(Entitlements.FeatureRequests.Answer.DENIED.name()));
        // INF-TKT-7's three tiers; a policy without an escalation chain escalates through the same three
        List<String> escalation = (policy.escalation().isEmpty() ? Arrays.stream(EscalationStep.Level.values())
                : policy.escalation().stream().map(EscalationStep::level)).map(Enum::name).toList();
        return new IntakeRules(policy.id(), policy.version(),
                // a valid agreement is required unless the policy says otherwise; then the ticket is flagged, never silent
                entitlements.map(e -> e.requiresValidAgreement() ? IntakeRules.Handling.REFUSE
                        : IntakeRules.Handling.FLAG).orElse(IntakeRules.Handling.REFUSE),
                entitlements.map(Entitlements::unsupportedVersion).map(IntakeRules::handling)
                        .orElse(IntakeRules.Handling.ACCEPT),
                // ITC-LIFE-3 extended support fixes only vulnerabilities and critical bugs: the ticket says so
                IntakeRules.Handling.FLAG,
                entitlements.map(Entitlements::unsupportedPlatform).map(IntakeRules::handling)
                        .orElse(IntakeRules.Handling.ACCEPT),
                entitlements.map(Entitlements::versionSupport).map(IntakeRulesCatalog::versions).orElse(null),
                plans, answers, escalation, triage,
                policy.claims().map(c -> c.subjectMustContain()).orElse(null), timelineRequiredFor, reasonRequiredFor,
                severities(policy, entitlements), new IntakeRules.Channels(entitlements.map(Entitlements::intake)
                        .map(i -> i.channels().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList())
                        .orElse(List.of())), notCovered(entitlements), extendedSupportFree(policy, entitlements),
                // INF-TKT-8: the intake block decides; a policy with none (Quantive) restricts no one, as for channels
                entitlements.map(Entitlements::intake).map(Entitlements.Intake::partnersMayFile).orElse(true));
    }

    /**
     * IS-TKT-2: the levels of the policy's scale; the default is the policy's {@code defaultSeverity},
     * else the least severe level (a ticket whose channel names no severity is not assumed urgent).
     */
    private static IntakeRules.SeverityScale severities(Policy policy, Optional<Entitlements> entitlements) {
        List<Severity> scale = policy.document().severities();
        List<Integer> levels = scale.stream().map(Severity::level).sorted().toList();
        Integer byDefault = entitlements.map(Entitlements::intake).map(Entitlements.Intake::defaultSeverity)
                .flatMap(id -> scale.stream().filter(s -> s.id().equals(id)).findFirst()).map(Severity::level)
                .orElse(scale.stream().map(Severity::level).max(Comparator.naturalOrder()).orElse(null));
        // email subjects name a severity by its id, its name or an alias ("[sev2]", "[Critical]")
        Map<String, Integer> names = new LinkedHashMap<>();
        for (Severity s : scale) {
            List<String> words = new ArrayList<>(s.aliases());
            words.add(0, s.id());
            if (s.name() != null) {
                words.add(1, s.name());
            }
            words.forEach(word -> names.putIfAbsent(word.strip().toLowerCase(Locale.ROOT), s.level()));
        }
        return new IntakeRules.SeverityScale(levels, byDefault, names);
    }

    /**
     * ITC-LIFE-3: the severity levels fixed free in extended support: those the lifecycle's
     * {@code extendedSupportFreeFixes} names by id and those marked {@code extendedSupportFree} (the
     * validator holds the two together); null where the policy names none.
     */
    private static List<Integer> extendedSupportFree(Policy policy, Optional<Entitlements> entitlements) {
        List<String> listed = entitlements.map(Entitlements::versionSupport).map(VersionSupport::lifecycle)
                .map(VersionSupport.Lifecycle::extendedSupportFreeFixes).orElse(List.of());
        List<Severity> scale = policy.document().severities();
        if (listed.isEmpty() && scale.stream().noneMatch(Severity::extendedSupportFree)) {
            return null;
        }
        return scale.stream().filter(s -> s.extendedSupportFree() || listed.contains(s.id())).map(Severity::level)
                .sorted().toList();
    }

    /** IS-TKT-5 {@code entitlements.notCovered}: topic ("third-party-application") to its handling. */
    private static Map<String, IntakeRules.Handling> notCovered(Optional<Entitlements> entitlements) {
        Map<String, IntakeRules.Handling> topics = new TreeMap<>();
        entitlements.map(Entitlements::notCovered).orElse(List.of()).forEach(n -> topics.put(
                n.topic().name().toLowerCase(Locale.ROOT).replace('_', '-'), IntakeRules.handling(n.handling())));
        return topics;
    }

    private static List<String> names(List<? extends Enum<?>> values) {
        return values.stream().map(Enum::name).toList();
    }

    private static IntakeRules.Quota quota(TicketQuota quota) {
        if (quota == null || quota.tickets() == null) {
            return null;
        }
        TicketQuota.Beyond policy = quota.beyond() == null ? TicketQuota.Beyond.REFUSE : quota.beyond();
        IntakeRules.Quota.Beyond beyond = policy == TicketQuota.Beyond.ACCEPT_WITH_FLAG ? IntakeRules.Quota.Beyond.FLAG
                : IntakeRules.Quota.Beyond.valueOf(policy.name());
        return new IntakeRules.Quota(quota.tickets(), quota.counts() == TicketQuota.Counts.RESOLVED
                ? IntakeRules.Quota.Counts.RESOLVED : IntakeRules.Quota.Counts.OPENED, quota.rollover(), beyond);
    }

    private static IntakeRules.VersionRules versions(VersionSupport support) {
        if (support.majorSupportedFor() == null && support.lifecycle() == null && support.scheme() == null) {
            return null;
        }
        VersionSupport.Lifecycle l = support.lifecycle();
        return new IntakeRules.VersionRules(support.majorSupportedFor(),
                support.from() == null ? null : IntakeRules.VersionRules.From.valueOf(support.from().name()),
                l == null ? null : new IntakeRules.Lifecycle(l.eomsAfterEos(), l.eomsAfterNextMajorGa(),
                        l.extendedSupport(), l.minimumTotal()), support.schemeParts());
    }

    /** "deep-and-wide" -> "DEEP_AND_WIDE": the constants the API takes. */
    private static String constant(String value) {
        return value.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** POL-3: exactly this version of the policy, if the book has it. */
    public Optional<IntakeRules> find(String policy, int version) {
        return Optional.ofNullable(byPolicy.getOrDefault(policy, Map.of()).get(version));
    }

    /** POL-3: exactly the version a contract or ticket names; never another one. */
    public IntakeRules get(String policy, int version) {
        return find(policy, version).orElseThrow(() -> new IllegalStateException("no intake rules for policy " + policy
                + " version " + version + "; the book has " + versionsOf(policy)));
    }

    /** The version in force on {@code day} (sla-policy's {@link PolicyBook#inForce}). */
    public IntakeRules inForce(String policy, LocalDate day) {
        return get(policy, book.inForce(policy, day).version());
    }

    /**
     * POL-3: the version a new ticket of a contract begins under on {@code day} (the contract's zone):
     * the version in force that day ({@code effectiveFrom}), or the contract's own version when the
     * contract names a newer one (moved early). A vendor's new version applies from its effective date to
     * what begins on or after it, as availability-service reads it (docs/policies.md, POL-3). A version
     * that does not know the contract's plan cannot judge its tickets: the contract's version stays.
     */
    public IntakeRules forNewTicket(String policy, int contractVersion, String plan, LocalDate day) {
        IntakeRules named = get(policy, contractVersion);
        IntakeRules inForce = inForce(policy, day);
        return inForce.version() > named.version() && inForce.plan(plan).isPresent() ? inForce : named;
    }

    public boolean knows(String policy) {
        return byPolicy.containsKey(policy);
    }

    public List<Integer> versionsOf(String policy) {
        return List.copyOf(byPolicy.getOrDefault(policy, Map.of()).keySet());
    }

    /** The policy names, in catalog order. */
    public java.util.Set<String> policies() {
        return byPolicy.keySet();
    }

    /** Every version of every policy. */
    public List<IntakeRules> all() {
        List<IntakeRules> all = new ArrayList<>();
        byPolicy.values().forEach(versions -> all.addAll(versions.values()));
        return all;
    }

    /**
     * INF-TKT-3 the rank of a ticket without a value on {@code scale} (not a defect, or not rated): after the
     * last value of the longest scale of that name, so it ranks after every rated ticket.
     */
    public int unratedRank(String scale) {
        return all().stream().mapToInt(r -> r.triage().getOrDefault(scale, List.of()).size()).max().orElse(0);
    }
}
