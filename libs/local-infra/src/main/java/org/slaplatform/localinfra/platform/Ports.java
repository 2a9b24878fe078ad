package org.slaplatform.localinfra.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The local run's default ports (8081-8085 and up, 2525, 25432, 29092-29093) lie below Linux's ephemeral range
 * (32768-60999, {@code LocalPortsTest}). A port in that range can be the local end of any client connection on
 * the machine, and such a connection blocks a server's bind even in TIME_WAIT, where no listener shows: CI twice
 * failed to start the local run's PostgreSQL or Kafka that way, just after the tests' many connections, when the
 * ports were 55432 and 59092-59093. What remains is a server that is just ending (a test JVM's embedded
 * PostgreSQL or Kafka) and still listening for a moment: wait for the listener to go rather than fail; one that
 * stays a minute is a real conflict and is named. Only listeners count (state LISTEN in {@code /proc/net/tcp}).
 */
final class Ports {

    private static final String LISTEN = "0A";

    private Ports() {
    }

    static void awaitFree(int port, String what, String variable) {
        long deadline = System.currentTimeMillis() + 60_000;
        boolean said = false;
        while (listening(port)) {
            if (System.currentTimeMillis() >= deadline) {
                throw new PlatformException("port " + port + " for " + what + " is still in use after 60 s; set "
                        + variable + " to a free port");
            }
            if (!said) {
                System.out.println("  port " + port + " for " + what + " is in use; waiting for it (up to 60 s)");
                said = true;
            }
            ProcessTable.sleep(1000);
        }
    }

    /** Whether something listens on TCP {@code port} (IPv4 or IPv6, any address); false where /proc does not tell. */
    static boolean listening(int port) {
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.strip().split("\\s+");
                    if (fields.length > 3 && LISTEN.equals(fields[3]) && fields[1].contains(":")) {
                        String hex = fields[1].substring(fields[1].lastIndexOf(':') + 1);
                        if (hex.matches("[0-9A-Fa-f]+") && Integer.parseInt(hex, 16) == port) {
                            return true;
                        }
                    }
                }
            } catch (IOException e) {
                // no such table: nothing to wait for
            }
        }
        return false;
    }
}
