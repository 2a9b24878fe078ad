package org.slaplatform.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policies shipped on the class path. Their names are listed in {@code policies/catalog.txt},
 * so a fifth vendor is one YAML file and one line, with no Java change.
 */
public final class PolicyCatalog {

    private static final String INDEX = PolicyLoader.RESOURCE_FOLDER + "catalog.txt";

    private PolicyCatalog() {
    }

    /** Names of the shipped policies, in catalog order. */
    public static List<String> names() {
        try (InputStream in = PolicyCatalog.class.getClassLoader().getResourceAsStream(INDEX)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every shipped policy, loaded and validated, by name. */
    public static Map<String, Policy> loadAll() {
        Map<String, Policy> all = new LinkedHashMap<>();
        for (String name : names()) {
            all.put(name, PolicyLoader.fromClasspath(name));
        }
        return all;
    }
}
