package org.slaplatform.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The harness's settings: a JVM system property {@code e2e.NAME} (e.g. {@code -De2e.port.ticket-service=8171}
 * on the Maven command line), else the environment variable {@code E2E_NAME} ({@code E2E_PORT_TICKET_SERVICE}),
 * else the default. Every port defaults to 0, a free port picked at start, so that runs never collide.
 */
final class E2eConfig {

    /** The free ports {@link #freePort} handed out in this run. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

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
        return port > 0 ? port : freePort();
    }

    /**
     * A free port not handed out before in this run: each socket is closed before the next ask, so two asks
     * may get the same port, and two of the run's processes would then bind one port.
     */
    static synchronized int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
        }
        throw new IllegalStateException("no free port that was not handed out already");
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
