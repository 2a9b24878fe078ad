package org.slaplatform.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every version of every policy the platform knows, the one place services look a policy up (POL-1,
 * POL-3). A ticket, outage, month or claim names the policy and version it began under, and is judged
 * under exactly that version for its whole life: {@link #version(String, int)} never answers with a
 * different version. New work starts under the version {@link #inForce(String, LocalDate) in force} on
 * its first day.
 *
 * <p>Immutable and thread-safe. Versions of one policy must have increasing {@code effectiveFrom}
 * dates; a book that breaks this, or names one version twice, is refused when it is built.
 */
public final class PolicyBook {

    private final Map<String, NavigableMap<Integer, Policy>> byName;

    private PolicyBook(Map<String, NavigableMap<Integer, Policy>> byName) {
        this.byName = byName;
    }

    /** The policies shipped on the class path, every version of each (see {@link PolicyCatalog}). */
    public static PolicyBook shipped() {
        return of(PolicyCatalog.loadAllVersions());
    }

    /** A book of exactly these policies; refuses a repeated version or out-of-order effective dates. */
    public static PolicyBook of(Collection<Policy> policies) {
        Map<String, NavigableMap<Integer, Policy>> byName = new LinkedHashMap<>();
        List<PolicyViolation> violations = new ArrayList<>();
        for (Policy policy : policies) {
            Policy before = byName.computeIfAbsent(policy.id(), n -> new TreeMap<>()).put(policy.version(), policy);
            if (before != null) {
                violations.add(new PolicyViolation("version", policy.id() + " version " + policy.version() + " is given twice"));
            }
        }
        byName.forEach((name, versions) -> {
            LocalDate previous = null;
            for (Policy p : versions.values()) {
                LocalDate from = p.document().effectiveFrom();
                if (previous != null && from != null && !from.isAfter(previous)) {
                    violations.add(new PolicyViolation("effectiveFrom", name + " version " + p.version()
                            + " takes effect on " + from + ", not after the version before it (" + previous + ")"));
                }
                previous = from == null ? previous : from;
            }
        });
        if (!violations.isEmpty()) {
            throw new PolicyValidationException("policy book", violations);
        }
        Map<String, NavigableMap<Integer, Policy>> frozen = new LinkedHashMap<>();
        byName.forEach((name, versions) -> frozen.put(name, Collections.unmodifiableNavigableMap(versions)));
        return new PolicyBook(Collections.unmodifiableMap(frozen));
    }

    /** The names of the policies in the book, in catalog order. */
    public Set<String> names() {
        return byName.keySet();
    }

    public boolean knows(String name) {
        return byName.containsKey(name);
    }

    public boolean knows(String name, int version) {
        return find(name, version).isPresent();
    }

    /** Exactly this version, if the book has it. */
    public Optional<Policy> find(String name, int version) {
        NavigableMap<Integer, Policy> versions = byName.get(name);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    /**
     * Exactly this version (POL-3); an item judged under a version the book lacks is never judged
     * under another one.
     *
     * @throws UnknownPolicyException for a name or version the book does not have
     */
    public Policy version(String name, int version) {
        return find(name, version).orElseThrow(() -> new UnknownPolicyException(name, version, versionsOf(name)));
    }

    /** The newest version, whatever its effective date. */
    public Policy latest(String name) {
        return versions(name).lastEntry().getValue();
    }

    /**
     * The version in force on {@code day}: the newest whose {@code effectiveFrom} is on or before it.
     * Before the first version takes effect, the first version (a contract may start before its
     * policy document was last revised; the first version is the earliest text there is).
     */
    public Policy inForce(String name, LocalDate day) {
        NavigableMap<Integer, Policy> versions = versions(name);
        Policy chosen = versions.firstEntry().getValue();
        for (Policy p : versions.values()) {
            LocalDate from = p.document().effectiveFrom();
            if (from == null || !from.isAfter(day)) {
                chosen = p;
            }
        }
        return chosen;
    }

    /** Every version of a policy, oldest first. */
    public List<Policy> all(String name) {
        return List.copyOf(versions(name).values());
    }

    private NavigableMap<Integer, Policy> versions(String name) {
        NavigableMap<Integer, Policy> versions = byName.get(name);
        if (versions == null) {
            throw new UnknownPolicyException(name, 0, List.of());
        }
        return versions;
    }

    private List<Integer> versionsOf(String name) {
        NavigableMap<Integer, Policy> versions = byName.get(name);
        return versions == null ? List.of() : List.copyOf(versions.keySet());
    }

    /** A policy name or version this book does not have. */
    public static final class UnknownPolicyException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final String name;
        private final int version;

        UnknownPolicyException(String name, int version, List<Integer> known) {
            super(known.isEmpty() ? "no policy named " + name
                    : "policy " + name + " version " + version + " is not shipped (have " + known + ")");
            this.name = name;
            this.version = version;
        }

        public String policy() {
            return name;
        }

        public int version() {
            return version;
        }
    }
}
