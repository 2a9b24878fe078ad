package org.slaplatform.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Free TCP ports for servers that a JVM starts on ports of its own choosing (the tests' broker, the e2e
 * harness's processes). The system is asked by binding port 0, and each probe socket is closed before the
 * next ask, so two asks may answer the same port, and two servers would then try to bind it (the broker's two
 * listeners once did, in CI). No port is answered twice in one JVM.
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    /** Where free ports come from: the system, or a test's list. */
    @FunctionalInterface
    interface Source {
        int next() throws IOException;
    }

    /** A free port that no earlier call in this JVM answered. */
    public static int next() {
        return next(FreePorts::askSystem);
    }

    /** The first port of {@code source} that no earlier call answered, within 100 asks. */
    static int next(Source source) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try {
                port = source.next();
            } catch (IOException e) {
                throw new UncheckedIOException("no free port", e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port that was not handed out already");
    }

    private static int askSystem() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
