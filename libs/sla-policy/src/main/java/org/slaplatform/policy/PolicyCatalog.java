package org.slaplatform.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy files on the class path. Every {@code policies/catalog.txt} lists files by stem, one per
 * line: {@code quantive} is {@code policies/quantive.yaml}, {@code quantive.v2} is
 * {@code policies/quantive.v2.yaml}. A fifth vendor, or a new version of a policy, is one YAML file and
 * one line, with no Java change. A test class path may add its own catalog beside the shipped one.
 */
public final class PolicyCatalog {

    private static final String INDEX = PolicyLoader.RESOURCE_FOLDER + "catalog.txt";

    private PolicyCatalog() {
    }

    /** The file stems every catalog on the class path lists, without repeats. */
    public static List<String> files() {
        Set<String> stems = new LinkedHashSet<>();
        try {
            List<URL> indexes = Collections.list(PolicyCatalog.class.getClassLoader().getResources(INDEX));
            for (URL index : indexes) {
                try (InputStream in = index.openStream()) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(stems::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(stems);
    }

    /** Every policy file listed, loaded and validated: all versions of all policies. */
    public static List<Policy> loadAllVersions() {
        List<Policy> all = new ArrayList<>();
        for (String stem : files()) {
            all.add(PolicyLoader.fromClasspath(stem));
        }
        return all;
    }

    /** Names of the policies listed, in catalog order. */
    public static List<String> names() {
        return List.copyOf(loadAll().keySet());
    }

    /** The newest version of every policy listed, by name. */
    public static Map<String, Policy> loadAll() {
        Map<String, Policy> latest = new LinkedHashMap<>();
        for (Policy p : loadAllVersions()) {
            latest.merge(p.id(), p, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return latest;
    }
}
