package org.slaplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A newcomer finds any rule from its ID: {@code docs/requirements.md} is the catalogue the IDs in code
 * and tests point to. Every ID cited in the Java sources of the repository is in it, and every seed rule
 * in it is carried by at least one test.
 */
class RuleCatalogueTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern CITED = Pattern.compile(
            "\\b(?:IS|INF|ITC|QNT|POL|CAL|SLA|TKT|AVL|CRD|NTF|LIFE|DESIGN)(?:-[A-Z]{2,5})?-[0-9]+\\b");
    private static final Pattern CATALOGUED = Pattern.compile("(?m)^- ([A-Z]+(?:-[A-Z]+)?-[0-9]+) ");

    private static Set<String> catalogue;
    /** Every cited ID, with one file that cites it. */
    private static Map<String, Path> citedAnywhere;
    private static Set<String> citedByTests;

    @BeforeAll
    static void read() throws IOException {
        catalogue = new TreeSet<>();
        Matcher m = CATALOGUED.matcher(Files.readString(ROOT.resolve("docs/requirements.md")));
        while (m.find()) {
            catalogue.add(m.group(1));
        }
        citedAnywhere = new TreeMap<>();
        citedByTests = new TreeSet<>();
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/")
                    && !f.toString().contains("/target/") && !f.toString().contains("/node_modules/")).forEach(f -> {
                        boolean test = f.toString().contains("/src/test/");
                        Matcher c = CITED.matcher(text(f));
                        while (c.find()) {
                            citedAnywhere.putIfAbsent(c.group(), f);
                            if (test) {
                                citedByTests.add(c.group());
                            }
                        }
                    });
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("POL-1 docs/requirements.md catalogues every seed rule and the platform's DESIGN rules")
    void theCatalogueIsComplete() {
        assertThat(catalogue).hasSizeGreaterThanOrEqualTo(57)
                .contains("POL-1", "POL-3", "IS-SLA-2", "QNT-CRD-1", "ITC-LIFE-3", "INF-TKT-8", "NTF-5", "DESIGN-9");
    }

    @Test
    @DisplayName("POL-1 every rule ID the code cites is in docs/requirements.md")
    void everyCitedIdIsCatalogued() {
        assertThat(citedAnywhere).as("rule IDs cited in Java sources").hasSizeGreaterThan(40);
        Map<String, Path> unknown = new TreeMap<>(citedAnywhere);
        unknown.keySet().removeAll(catalogue);
        assertThat(unknown).as("IDs cited in code but missing from docs/requirements.md (one citing file each)").isEmpty();
    }

    @Test
    @DisplayName("POL-1 every seed rule of docs/requirements.md is carried by at least one test")
    void everySeedRuleHasATest() {
        Set<String> untested = new TreeSet<>(catalogue);
        untested.removeIf(id -> id.startsWith("DESIGN-"));
        untested.removeAll(citedByTests);
        assertThat(untested).as("seed rules that no test names").isEmpty();
    }
}
