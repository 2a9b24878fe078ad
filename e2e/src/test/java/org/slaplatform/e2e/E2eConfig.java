package org.slaplatform.e2e;

import java.nio.file.Path;
import java.util.Locale;

import org.slaplatform.localinfra.FreePorts;

/**
 * The harness's settings: a JVM system property {@code e2e.NAME} (e.g. {@code -De2e.port.ticket-service=8171}
 * on the Maven command line), else the environment variable {@code E2E_NAME} ({@code E2E_PORT_TICKET_SERVICE}),
 * else the default. Every port defaults to 0, a free port picked at start, so that runs never collide.
 */
final class E2eConfig {

    private E2eConfig() {
    }

    static String get(String name, String fallback) {
        String value = System.getProperty("e2e." + name);
        if (value == null || value.isBlank()) {
            value = System.getenv("E2E_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    static int port(String name) {
        return Integer.parseInt(get("port." + name, "0"));
    }

    /** The configured port, or a free one when it is 0. */
    static int portOrFree(String name) {
        int port = port(name);
        return port > 0 ? port : FreePorts.next();
    }

    /** The repository root, where the services' packaged jars are. */
    static Path root() {
        return Path.of(get("root", "..")).toAbsolutePath().normalize();
    }

    /** Where the run keeps its data, logs, keys and clock file. */
    static Path work() {
        return Path.of(get("work", "target/e2e")).toAbsolutePath().normalize();
    }
}
