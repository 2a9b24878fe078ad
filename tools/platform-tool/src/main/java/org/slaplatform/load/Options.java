package org.slaplatform.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --name value} pairs after the sub-command; every option has a default or is required.
 * Secrets (the bearer tokens) may come from the environment instead, {@code --admin-token} from
 * {@code PLATFORM_LOAD_ADMIN_TOKEN}: a command line is visible to every user in {@code ps}, a
 * process's environment only to its owner. {@code ./platform} passes them that way.
 */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    Options(String[] args, int from) {
        this(Map.of(), args, from);
    }

    /** {@code defaults} first (the local run's URLs and tokens), then the environment's secrets, then {@code args}: later wins. */
    Options(Map<String, String> defaults, String[] args, int from) {
        values.putAll(defaults);
        for (String secret : List.of("admin-token", "probe-token")) {
            String fromEnvironment = System.getenv("PLATFORM_LOAD_" + secret.toUpperCase().replace('-', '_'));
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                values.put(secret, fromEnvironment);
            }
        }
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    /** These options, with {@code value} for {@code name} unless it was given. */
    Options withDefault(String name, String value) {
        Options copy = new Options(new String[0], 0);
        copy.values.putAll(values);
        copy.values.putIfAbsent(name, value);
        return copy;
    }

    String get(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String v = values.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    double number(String name, double fallback) {
        String v = values.get(name);
        double d = v == null ? fallback : Double.parseDouble(v);
        if (d < 0 || Double.isNaN(d)) {
            throw new IllegalArgumentException("--" + name + " must be >= 0");
        }
        return d;
    }

    int integer(String name, int fallback) {
        return (int) number(name, fallback);
    }

    /** A comma-separated list of base URLs (one per instance of a service). */
    List<String> urls(String name, String fallback) {
        return Arrays.stream(get(name, fallback).split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s).toList();
    }
}
