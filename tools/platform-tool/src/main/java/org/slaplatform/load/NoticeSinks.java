package org.slaplatform.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Where the fault run's notices go (issue 22): a webhook receiver (the JDK's HTTP server on 127.0.0.1)
 * that records every call with its headers and raw body, and a GreenMail SMTP server on 127.0.0.1 that
 * records every mail. The receiver does not answer every call with 200: the first try of one delivery
 * id in ten is answered 500, and of one in fifty is held past notification-service's request timeout
 * (10 s) before a 503, so that retries happen while processes are killed. A call counts as delivered
 * only when it was answered 2xx. Each call's arrival is kept on real time; the offsets the platform's
 * (scenario) clock had meanwhile are kept too, since the services sign their timestamps on it.
 */
final class NoticeSinks implements AutoCloseable {

    /** Longer than notification-service's {@code worker.request-timeout} (10 s): the try times out. */
    static final long HOLD_MILLIS = 12_000;

    /** One webhook call as it arrived, and how it was answered. */
    record Call(String path, String webhookId, String timestamp, String signature, String ceId, String ceType,
            String body, int status, long receivedAtSeconds) {
    }

    private final HttpServer http;
    private final ExecutorService handlers = Executors.newFixedThreadPool(128, r -> {
        Thread t = new Thread(r, "webhook-receiver");
        t.setDaemon(true);
        return t;
    });
    private final GreenMail smtp;
    private final List<Call> calls = new ArrayList<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    final LongAdder answered500 = new LongAdder();
    final LongAdder heldPastTimeout = new LongAdder();
    /** SMTP conversations the client broke off (a killed notification-service). */
    final LongAdder smtpConnectionsDropped = new LongAdder();
    private final int webhookPort;
    private final int smtpPort;

    /**
     * The platform's clock offset (the scenario clock's, 0 without it): the services sign
     * {@code webhook-timestamp} on their clock, which the breach storm moves 40 days on.
     */
    private final LongSupplier clockOffsetMillis;
    /** Every offset the platform's clock had while calls arrived (read at most twice a second). */
    private final Set<Long> offsets = ConcurrentHashMap.newKeySet();
    private volatile long offsetReadAt;

    NoticeSinks(int webhookPort, int smtpPort) throws IOException {
        this(webhookPort, smtpPort, () -> 0L);
    }

    NoticeSinks(int webhookPort, int smtpPort, LongSupplier clockOffsetMillis) throws IOException {
        this.clockOffsetMillis = clockOffsetMillis;
        offsets.add(clockOffsetMillis.getAsLong());
        this.webhookPort = webhookPort;
        this.smtpPort = smtpPort;
        // GreenMail's connection threads throw when a client goes away mid-conversation (notification-service
        // killed while it sends): that is the fault run's doing, counted, not a stack trace in its output.
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            if (thread.getName().startsWith("smtp:")) {
                smtpConnectionsDropped.increment();
            } else if (previous != null) {
                previous.uncaughtException(thread, error);
            } else {
                System.err.print("Exception in thread \"" + thread.getName() + "\" ");
                error.printStackTrace();
            }
        });
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", webhookPort), 256);
        http.setExecutor(handlers);
        http.createContext("/", this::handle);
        http.start();
    }

    /** The base URL of the receiver: a subscription's URL is this plus {@code /<account>}. */
    String webhookBase() {
        return "http://127.0.0.1:" + webhookPort + "/hooks";
    }

    int smtpPort() {
        return smtpPort;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            long now = System.currentTimeMillis();
            if (now - offsetReadAt > 500) {
                offsetReadAt = now;
                offsets.add(clockOffsetMillis.getAsLong());
            }
            var h = exchange.getRequestHeaders();
            String id = h.getFirst("webhook-id");
            boolean first = id != null && seen.add(id);
            int kind = id == null ? -1 : Math.floorMod(id.hashCode(), 50);
            int status = 200;
            if (first && kind % 10 == 0) {
                status = 500;
                answered500.increment();
            } else if (first && kind == 1) {
                status = 503;
                heldPastTimeout.increment();
            }
            Call call = new Call(exchange.getRequestURI().getPath(), id, h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), h.getFirst("ce-id"), h.getFirst("ce-type"),
                    new String(body, StandardCharsets.UTF_8), status, now / 1000);
            if (status == 503) {
                try {
                    Thread.sleep(HOLD_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (calls) {
                calls.add(call);
            }
            try {
                exchange.sendResponseHeaders(status, -1);
                OutputStream out = exchange.getResponseBody();
                out.close();
            } catch (IOException e) {
                // the caller gave up (timed out): nothing to answer
            }
        }
    }

    /** The offsets (ms) of the platform's clock while calls arrived: a call's timestamp is on one of them. */
    Set<Long> clockOffsets() {
        return Set.copyOf(offsets);
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** One mail as received: its delivery id header, whether it is a subscription confirmation, its recipients. */
    record Mail(String deliveryId, boolean confirmation, List<String> to) {
    }

    List<Mail> mails() {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                String[] id = m.getHeader("X-Sla-Delivery-Id");
                String[] confirmation = m.getHeader("X-Sla-Subscription-Confirmation");
                List<String> to = new ArrayList<>();
                if (m.getAllRecipients() != null) {
                    for (var a : m.getAllRecipients()) {
                        to.add(((jakarta.mail.internet.InternetAddress) a).getAddress().toLowerCase(java.util.Locale.ROOT));
                    }
                }
                mails.add(new Mail(id == null ? null : id[0], confirmation != null, to));
            } catch (MessagingException e) {
                mails.add(new Mail(null, false, List.of()));
            }
        }
        return mails;
    }

    Map<String, Long> counts() {
        return Map.of("500", answered500.sum(), "held", heldPastTimeout.sum());
    }

    @Override
    public void close() {
        http.stop(0);
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        smtp.stop();
    }
}
