package org.slaplatform.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook endpoint as a subscriber runs one: plain HTTP on the loopback, answering 204 to every
 * POST and keeping what it received (headers by lower-case name, body).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as received. */
    record Received(Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                    String.join(",", values)));
            try (InputStream body = exchange.getRequestBody()) {
                received.add(new Received(headers, new String(body.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** Waits for a request that matches; fails naming what was received. */
    Received await(Predicate<Received> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (Received r : received) {
                if (match.test(r)) {
                    return r;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no matching webhook within " + timeout + "; received: "
                        + received.stream().map(r -> r.header("ce-type")).toList());
            }
            EventLog.sleep(100);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
