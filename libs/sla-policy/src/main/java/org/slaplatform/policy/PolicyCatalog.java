package org.slaplatform.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The policy files on the class path. Every {@code policies/catalog.txt} lists files by stem, one per
 * line: {@code quantive} is {@code policies/quantive.yaml}, {@code quantive.v2} is
 * {@code policies/quantive.v2.yaml}. A fifth vendor, or a new version of a policy, is one YAML file and
 * one line, with no Java change. A test class path may add its own catalog beside the shipped one.
 *
 * <p>An operator adds versions without a rebuild through a policy folder: every {@code *.yaml} file in
 * the folder named by the system property {@value #FOLDER_PROPERTY} (or the environment variable
 * {@value #FOLDER_VARIABLE}) is loaded after the class path's, and validated the same way. A folder that
 * is named but missing, or a file in it that is not a valid policy, stops the service at start (the
 * same policy file must mean the same to every service; a half-read folder would not).
 */
public final class PolicyCatalog {

    private static final String INDEX = PolicyLoader.RESOURCE_FOLDER + "catalog.txt";

    /** The system property naming an operator's policy folder. */
    public static final String FOLDER_PROPERTY = "platform.policies.folder";
    /** The environment variable naming an operator's policy folder, when the property is not set. */
    public static final String FOLDER_VARIABLE = "PLATFORM_POLICIES_FOLDER";
    /** At most this many files in the policy folder: a policy folder is a handful of versions, not a dump. */
    static final int FOLDER_LIMIT = 256;

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

    /**
     * Every policy file listed on the class path, then every file of the operator's policy folder, loaded
     * and validated: all versions of all policies.
     */
    public static List<Policy> loadAllVersions() {
        List<Policy> all = new ArrayList<>();
        for (String stem : files()) {
            all.add(PolicyLoader.fromClasspath(stem));
        }
        folder().ifPresent(folder -> all.addAll(loadFolder(folder)));
        return all;
    }

    /** The operator's policy folder, if one is named. */
    public static Optional<Path> folder() {
        String named = System.getProperty(FOLDER_PROPERTY);
        if (named == null || named.isBlank()) {
            named = System.getenv(FOLDER_VARIABLE);
        }
        return named == null || named.isBlank() ? Optional.empty() : Optional.of(Path.of(named.strip()));
    }

    /** Every {@code *.yaml} file of a folder, in name order, loaded and validated. */
    public static List<Policy> loadFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new PolicyValidationException(folder.toString(), List.of(new PolicyViolation("(folder)",
                    "the policy folder named by " + FOLDER_PROPERTY + " / " + FOLDER_VARIABLE + " is not a directory")));
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f)).sorted()
                    .limit(FOLDER_LIMIT + 1L).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.size() > FOLDER_LIMIT) {
            throw new PolicyValidationException(folder.toString(), List.of(new PolicyViolation("(folder)",
                    "more than " + FOLDER_LIMIT + " policy files")));
        }
        return files.stream().map(PolicyLoader::fromPath).toList();
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
