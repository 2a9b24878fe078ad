package org.slaplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A newcomer finds any rule from its ID: {@code docs/rules.md} has one row per rule with its text, the
 * policy keys that carry it, the main classes that cite it and the tests that prove it. This test keeps
 * the file complete (every cited ID has a row, every seed rule a test) and true (the last three columns
 * are what the sources say). With {@code -Drules.write=true} it first rewrites those three columns from
 * the sources, keeping each rule's text.
 */
class RuleCatalogueTest {

    private static final Path ROOT = Path.of("..");
    private static final Path RULES = ROOT.resolve("docs/rules.md");
    private static final Path POLICIES = ROOT.resolve("libs/sla-policy/src/main/resources/policies");
    private static final Pattern CITED = Pattern.compile(
            "\\b(?:IS|INF|ITC|QNT|POL|CAL|SLA|TKT|AVL|CRD|NTF|LIFE|DESIGN)(?:-[A-Z]{2,5})?-[0-9]+\\b");
    private static final Pattern ROW = Pattern.compile("(?m)^\\| ([A-Z]+(?:-[A-Z]+)?-[0-9]+) \\| (.*) \\|$");
    /** This class names example IDs in its assertions; it proves none of them. */
    private static final String SELF = RuleCatalogueTest.class.getSimpleName();

    /** The rows of docs/rules.md by ID, in file order: the rule text and the three derived columns. */
    private static Map<String, List<String>> rows;
    /** Every cited ID, with one file that cites it. */
    private static Map<String, Path> citedAnywhere;
    private static Map<String, SortedSet<String>> citingMainClasses;
    private static Map<String, SortedSet<String>> citingTests;
    /** ID to "key path (policy, policy)" entries. */
    private static Map<String, SortedSet<String>> policyKeys;

    @BeforeAll
    static void read() throws IOException {
        citedAnywhere = new TreeMap<>();
        citingMainClasses = new TreeMap<>();
        citingTests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/")
                    && !f.toString().contains("/target/") && !f.toString().contains("/node_modules/")).forEach(f -> {
                        String name = f.getFileName().toString().replace(".java", "");
                        if (name.equals(SELF)) {
                            return;
                        }
                        boolean test = f.toString().contains("/src/test/");
                        Matcher c = CITED.matcher(text(f));
                        while (c.find()) {
                            citedAnywhere.putIfAbsent(c.group(), f);
                            (test ? citingTests : citingMainClasses).computeIfAbsent(c.group(), k -> new TreeSet<>()).add(name);
                        }
                    });
        }
        policyKeys = policyKeys();
        if (Boolean.getBoolean("rules.write")) {
            Files.writeString(RULES, rewritten(text(RULES)));
        }
        rows = new LinkedHashMap<>();
        Matcher m = ROW.matcher(text(RULES));
        while (m.find()) {
            List<String> cells = List.of(m.group(2).split(" \\| ", -1));
            assertThat(cells).as("cells of the row of %s", m.group(1)).hasSize(4);
            assertThat(rows.put(m.group(1), cells)).as("a second row for %s", m.group(1)).isNull();
        }
    }

    /**
     * The policy keys each ID is cited at: an ID on a key's line, or in the comment lines just above
     * it, belongs to that key, named by its path of parent keys (a list item named by its list,
     * {@code severities[]}; a trailing {@code rule} key left out; at most three keys deep).
     */
    private static Map<String, SortedSet<String>> policyKeys() throws IOException {
        Map<String, Map<String, SortedSet<String>>> byId = new TreeMap<>();
        try (Stream<Path> files = Files.list(POLICIES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                String policy = file.getFileName().toString().replace(".yaml", "");
                Deque<Object[]> parents = new ArrayDeque<>();
                List<String> pending = new ArrayList<>();
                for (String line : text(file).split("\n")) {
                    String trimmed = line.strip();
                    if (trimmed.isEmpty()) {
                        continue;
                    }
                    if (trimmed.startsWith("#")) {
                        Matcher c = CITED.matcher(trimmed);
                        while (c.find()) {
                            pending.add(c.group());
                        }
                        continue;
                    }
                    int indent = line.length() - line.stripLeading().length();
                    String entry = trimmed;
                    boolean item = entry.startsWith("- ");
                    while (entry.startsWith("- ")) {
                        entry = entry.substring(2);
                        indent += 2;
                    }
                    int colon = entry.indexOf(':');
                    if (colon <= 0 || entry.startsWith("\"") || entry.startsWith("[")) {
                        continue;
                    }
                    String key = entry.substring(0, colon);
                    while (!parents.isEmpty() && (int) parents.peekLast()[0] >= indent) {
                        parents.removeLast();
                    }
                    parents.addLast(new Object[] {indent, key});
                    List<String> path = parents.stream().map(p -> (String) p[1]).collect(Collectors.toCollection(ArrayList::new));
                    if (path.size() > 1 && (item || path.get(path.size() - 1).equals("rule"))) {
                        path.remove(path.size() - 1);
                    }
                    String name = String.join(".", path.subList(0, Math.min(3, path.size()))) + (item && path.size() <= 3 ? "[]" : "");
                    Matcher c = CITED.matcher(entry);
                    while (c.find()) {
                        pending.add(c.group());
                    }
                    for (String id : pending) {
                        byId.computeIfAbsent(id, k -> new TreeMap<>()).computeIfAbsent(name, k -> new TreeSet<>()).add(policy);
                    }
                    pending.clear();
                }
            }
        }
        Map<String, SortedSet<String>> named = new TreeMap<>();
        byId.forEach((id, keys) -> keys.forEach((key, policies) -> named.computeIfAbsent(id, k -> new TreeSet<>())
                .add("`" + key + "` (" + String.join(", ", policies) + ")")));
        return named;
    }

    private static List<String> derivedColumns(String id) {
        return List.of(cell(policyKeys.get(id)), cell(citingMainClasses.get(id)), cell(citingTests.get(id)));
    }

    private static String cell(Set<String> entries) {
        return entries == null || entries.isEmpty() ? "" : String.join(", ", entries);
    }

    private static String rewritten(String file) {
        Matcher m = ROW.matcher(file);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String text = m.group(2).split(" \\| ", -1)[0];
            List<String> cells = new ArrayList<>(List.of(text));
            cells.addAll(derivedColumns(m.group(1)));
            m.appendReplacement(out, Matcher.quoteReplacement("| " + m.group(1) + " | " + String.join(" | ", cells) + " |"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("POL-1 docs/rules.md catalogues every seed rule and the platform's DESIGN rules")
    void theCatalogueIsComplete() {
        assertThat(rows).hasSizeGreaterThanOrEqualTo(57)
                .containsKeys("POL-1", "POL-3", "IS-SLA-2", "QNT-CRD-1", "ITC-LIFE-3", "INF-TKT-8", "NTF-5", "DESIGN-9");
        rows.forEach((id, cells) -> assertThat(cells.get(0)).as("the text of %s", id).isNotBlank());
    }

    @Test
    @DisplayName("POL-1 every rule ID the code cites is in docs/rules.md")
    void everyCitedIdIsCatalogued() {
        assertThat(citedAnywhere).as("rule IDs cited in Java sources").hasSizeGreaterThan(40);
        Map<String, Path> unknown = new TreeMap<>(citedAnywhere);
        unknown.keySet().removeAll(rows.keySet());
        assertThat(unknown).as("IDs cited in code but missing from docs/rules.md (one citing file each)").isEmpty();
    }

    @Test
    @DisplayName("POL-1 every seed rule of docs/rules.md is carried by at least one test")
    void everySeedRuleHasATest() {
        Set<String> untested = new TreeSet<>(rows.keySet());
        untested.removeIf(id -> id.startsWith("DESIGN-"));
        untested.removeAll(citingTests.keySet());
        assertThat(untested).as("seed rules that no test names").isEmpty();
    }

    @Test
    @DisplayName("POL-1 the policy keys, classes and tests docs/rules.md names for each rule are the ones that cite it")
    void theDerivedColumnsAreTrue() {
        Map<String, String> stale = new TreeMap<>();
        rows.forEach((id, cells) -> {
            List<String> derived = derivedColumns(id);
            if (!cells.subList(1, 4).equals(derived)) {
                stale.put(id, "file says " + cells.subList(1, 4) + ", sources say " + derived);
            }
        });
        assertThat(stale).as("rows whose derived columns are stale: rewrite them with -Drules.write=true (docs/rules.md)").isEmpty();
    }

    @Test
    @DisplayName("POL-1 a seed rule that a policy file carries names its keys")
    void policyRulesNameTheirKeys() {
        assertThat(policyKeys).as("IDs cited in the policy files").containsKeys("CAL-1", "IS-SLA-1", "QNT-CRD-1");
        assertThat(policyKeys.get("IS-SLA-1")).anyMatch(k -> k.startsWith("`severities.targets") && k.contains("infostretch"));
    }
}
