package org.slaplatform.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} pairs after the sub-command; every option has a default or is required. */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    Options(String[] args, int from) {
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
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
