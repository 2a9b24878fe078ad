package org.slaplatform.notification;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that plays a customer's webhook endpoint: per path it can fail a
 * number of times, always fail, or answer slowly. Like a careful receiver it deduplicates by the
 * delivery id ({@code webhook-id}): a delivery it already accepted is answered 200 and not counted again.
 */
final class WebhookReceiver implements AutoCloseable {

    record Call(String path, Map<String, String> headers, byte[] body, int status) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Call> accepted = new ConcurrentHashMap<>();
    private final Map<String, Integer> failFirst = new ConcurrentHashMap<>();
    private final Map<String, Long> delayMillis = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        WebhookReceiver receiver = new WebhookReceiver(server);
        server.createContext("/", receiver::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return receiver;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The first {@code times} calls to {@code path} are answered 500. */
    WebhookReceiver failFirst(String path, int times) {
        failFirst.put(path, times);
        return this;
    }

    WebhookReceiver alwaysFail(String path) {
        return failFirst(path, Integer.MAX_VALUE);
    }

    WebhookReceiver delay(String path, long millis) {
        delayMillis.put(path, millis);
        return this;
    }

    synchronized List<Call> calls(String path) {
        return calls.stream().filter(c -> c.path().equals(path)).toList();
    }

    /** Deliveries accepted once each, by delivery id. */
    List<Call> accepted(String path) {
        return accepted.values().stream().filter(c -> c.path().equals(path)).toList();
    }

    /**
     * The shortest time in which {@code run} consecutive requests to {@code path} arrived, over its
     * first {@code upTo} arrivals.
     */
    synchronized java.time.Duration leastSpanOf(String path, int run, int upTo) {
        List<Long> times = arrivals.getOrDefault(path, List.of()).stream().sorted().limit(upTo).toList();
        long least = Long.MAX_VALUE;
        for (int i = 0; i + run - 1 < times.size(); i++) {
            least = Math.min(least, times.get(i + run - 1) - times.get(i));
        }
        return java.time.Duration.ofNanos(least);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        synchronized (this) {
            arrivals.computeIfAbsent(path, p -> new ArrayList<>()).add(System.nanoTime());
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
        long delay = delayMillis.getOrDefault(path, 0L);
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int n = seen.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        int status = n <= failFirst.getOrDefault(path, 0) ? 500 : 200;
        Call call = new Call(path, headers, body, status);
        synchronized (this) {
            calls.add(call);
        }
        if (status == 200) {
            String deliveryId = headers.get("webhook-id");
            accepted.putIfAbsent(deliveryId == null ? "none-" + n : deliveryId, call);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
