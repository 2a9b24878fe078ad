package org.slaplatform.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.slaplatform.events.EventTypes;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Open-loop mixed load through the public REST API: tickets, probe result batches and credit claims,
 * each sent on its own fixed schedule. A request's latency runs from the time it was <em>scheduled</em>,
 * not from when a connection was free, so queueing in the client or the platform shows up in the
 * percentiles instead of slowing the schedule down (no coordinated omission).
 *
 * <p>End-to-end lag: a sample of the created tickets (two a second, at most 20 followed at once) is polled on
 * sla-timer-service's {@code GET /api/v1/tickets/{id}/sla} every 100 ms until it answers 200. Two lags
 * are recorded: the client's (201 received to first 200 seen, resolution 100 ms) and the servers'
 * ({@code trackedAt} of the clock minus {@code createdAt} of the ticket, both on this machine's clock).
 *
 * <p>The tool runs on the machine it loads, so its own CPU is taken from the platform's: the requests go
 * through Vert.x's HTTP client (kept-alive pooled connections, {@code --connections} per service instance,
 * one event loop), whose cost per request is a fraction of the JDK {@code HttpClient}'s (measured in
 * docs/operations-load-and-faults.md), and answers are read with a streaming parser for the two fields needed.
 */
final class LoadRun {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Poll interval of a followed ticket's clock: fine enough for lags of seconds, light on sla-timer-service. */
    private static final long POLL_MILLIS = 100;
    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Options options;
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
            .setInternalBlockingPoolSize(1));
    private final io.vertx.core.http.HttpClient client;
    private final List<String> ticketUrls;
    private final List<String> slaUrls;
    private final List<String> availabilityUrls;
    private final List<String> creditUrls;
    private final List<String> notificationUrls;
    /** The fault run's webhook receiver ({@code --webhook-url}); empty: the accounts get no contacts or subscriptions. */
    private final String webhookBase;
    private final String admin;
    private final String probe;
    private final String run = Long.toString(System.currentTimeMillis() / 1000, 36);
    private final String isAccount = "load-is-" + run;
    private final String qntAccount = "load-qnt-" + run;
    private final List<String> instances = new ArrayList<>();
    /**
     * Long by default: a client that gives up closes its connection mid-request, and ticket-service
     * was seen to lose pooled database connections that way (HR000090) until every request timed out.
     */
    private final Duration requestTimeout;
    private final PrintWriter record;
    private final ScheduledExecutorService pollers = Executors.newScheduledThreadPool(2);
    private final Histogram clientLag = new Histogram(HIGHEST_MICROS, 3);
    private final Histogram serverLag = new Histogram(HIGHEST_MICROS, 3);
    private final LongAdder lagSampled = new LongAdder();
    private final LongAdder lagSeen = new LongAdder();
    private final AtomicLong lagPending = new AtomicLong();
    /** Set when the stop file appears: the schedules end early (the fault run stops its load this way). */
    private volatile boolean stopped;

    LoadRun(Options options) throws IOException {
        this.options = options;
        this.ticketUrls = options.urls("ticket-url", "http://localhost:8081");
        this.slaUrls = options.urls("sla-url", "http://localhost:8082");
        this.availabilityUrls = options.urls("availability-url", "http://localhost:8083");
        this.creditUrls = options.urls("credit-url", "http://localhost:8084");
        this.notificationUrls = options.urls("notification-url", "http://localhost:8085");
        this.webhookBase = options.get("webhook-url", "");
        this.admin = options.required("admin-token");
        this.probe = options.required("probe-token");
        this.requestTimeout = Duration.ofSeconds(options.integer("request-timeout-seconds", 300));
        Path file = Path.of(options.get("record", "load-record.txt"));
        this.record = new PrintWriter(Files.newBufferedWriter(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                false);
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5000),
                new PoolOptions().setHttp1MaxSize(Math.max(1, options.integer("connections", 32)))
                        .setMaxWaitQueueSize(-1));
        for (int i = 0; i < options.integer("instances", 20); i++) {
            instances.add(qntAccount + "-i" + i);
        }
    }

    /** One kind of request on its own schedule, with its counters and latency histogram. */
    final class Operation {
        final String name;
        final double perSecond;
        final int unitsPerRequest;
        final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
        final Histogram okLatency = new Histogram(HIGHEST_MICROS, 3);
        final LongAdder scheduled = new LongAdder();
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        final Map<String, LongAdder> okPerUrl = new ConcurrentHashMap<>();
        final Semaphore inFlight;
        /** When the last answer of this stream came: its rate is counted over its own time. */
        final AtomicLong lastAnswer = new AtomicLong();
        final Sender sender;

        Operation(String name, double requestsPerSecond, int unitsPerRequest, int maxInFlight, Sender sender) {
            this.name = name;
            this.perSecond = requestsPerSecond;
            this.unitsPerRequest = unitsPerRequest;
            this.inFlight = new Semaphore(maxInFlight);
            this.sender = sender;
        }

        void schedule(long startNanos, long endNanos) {
            if (perSecond <= 0) {
                return;
            }
            double period = 1e9 / perSecond;
            for (long i = 0;; i++) {
                long intended = startNanos + (long) (i * period);
                if (intended >= endNanos || stopped) {
                    return;
                }
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.acquireUninterruptibly();
                scheduled.increment();
                long n = i;
                try {
                    sender.send(n).whenComplete((response, error) -> {
                        try {
                            done(intended, response, error);
                        } finally {
                            inFlight.release();
                        }
                    });
                } catch (RuntimeException e) {
                    inFlight.release();
                    done(intended, null, e);
                }
            }
        }

        private void done(long intended, Answer answer, Throwable error) {
            long now = System.nanoTime();
            lastAnswer.accumulateAndGet(now, Math::max);
            long micros = Math.max(0, (now - intended) / 1000);
            synchronized (latency) {
                latency.recordValue(Math.min(micros, HIGHEST_MICROS));
            }
            String outcome;
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                outcome = cause.getClass().getSimpleName();
                failed.increment();
            } else if (answer.status() / 100 == 2) {
                outcome = Integer.toString(answer.status());
                ok.increment();
                okPerUrl.computeIfAbsent(answer.url(), u -> new LongAdder()).increment();
                synchronized (okLatency) {
                    okLatency.recordValue(Math.min(micros, HIGHEST_MICROS));
                }
            } else {
                outcome = Integer.toString(answer.status());
                failed.increment();
            }
            outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
        }
    }

    record Answer(String url, int status, String body) {
    }

    interface Sender {
        java.util.concurrent.CompletableFuture<Answer> send(long n);
    }

    int execute() throws Exception {
        int seconds = options.integer("seconds", 60);
        double tps = options.number("tickets-per-second", 100);
        double probes = options.number("probes-per-second", 2000);
        int batch = Math.max(1, options.integer("probe-batch", 500));
        double claims = options.number("claims-per-second", 2);
        int maxInFlight = Math.max(1, options.integer("max-in-flight", 256));
        double lagPerSecond = options.number("lag-samples-per-second", 2);

        setup();
        record.println("R " + run + " " + isAccount + " " + qntAccount);

        long sampleEvery = Math.max(1, Math.round(tps / Math.max(0.1, lagPerSecond)));
        int maxFollowed = options.integer("lag-max-followed", 20);
        Operation tickets = new Operation("tickets", tps, 1, maxInFlight, n -> {
            String url = ticketUrls.get((int) (n % ticketUrls.size()));
            String body = "{\"accountId\":\"" + isAccount + "\",\"subject\":\"load " + run + " " + n
                    + "\",\"description\":\"open-loop load\",\"severity\":" + (1 + n % 4) + "}";
            return post(url, url + "/api/v1/tickets", admin, body, null).thenApply(a -> {
                if (a.status() == 201) {
                    Map<String, String> t = topLevel(a.body(), "id", "createdAt");
                    String id = t.get("id");
                    synchronized (record) {
                        record.println("T " + id);
                    }
                    if (n % sampleEvery == 0 && lagPending.get() < maxFollowed) {
                        followLag(id, Instant.parse(t.get("createdAt")), System.nanoTime());
                    }
                }
                return a;
            });
        });
        Operation probeBatches = new Operation("probe-batches", probes / batch, batch, maxInFlight, n -> {
            String url = availabilityUrls.get((int) (n % availabilityUrls.size()));
            return post(url, url + "/api/v1/probe-results/batches", probe, probeBatch(n, batch),
                    UUID.randomUUID().toString());
        });
        Instant month = YearMonth.now(ZoneOffset.UTC).minusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Operation claimOps = new Operation("claims", claims, 1, maxInFlight, n -> {
            String url = creditUrls.get((int) (n % creditUrls.size()));
            String instance = instances.get((int) (n % instances.size()));
            Instant start = month.plus(n / instances.size() * 30, ChronoUnit.MINUTES);
            String body = "{\"accountId\":\"" + qntAccount + "\",\"subject\":\"SLA Credit Request " + run + " " + n
                    + "\",\"description\":\"load\",\"instanceId\":\"" + instance + "\",\"incidents\":[{\"start\":\""
                    + start + "\",\"end\":\"" + start.plus(10, ChronoUnit.MINUTES) + "\"}]}";
            return post(url, url + "/api/v1/claims", admin, body, null).thenApply(a -> {
                if (a.status() == 201) {
                    String claimId = topLevel(a.body(), "claimId").get("claimId");
                    synchronized (record) {
                        record.println("C " + claimId);
                    }
                }
                return a;
            });
        });
        List<Operation> operations = List.of(tickets, probeBatches, claimOps);

        System.out.printf(Locale.ROOT, "load %s: %d s, %.0f tickets/s, %.0f probe results/s (%.1f batches/s of %d), "
                + "%.1f claims/s, lag sampled every %d tickets; accounts %s, %s%n", run, seconds, tps, probes,
                probes / batch, batch, claims, sampleEvery, isAccount, qntAccount);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (Operation op : operations) {
            Thread t = new Thread(() -> op.schedule(start, end), "schedule-" + op.name);
            t.start();
            threads.add(t);
        }
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        String stopFile = options.get("stop-file", "");
        if (!stopFile.isBlank()) {
            progress.scheduleAtFixedRate(() -> stopped |= Files.exists(Path.of(stopFile)), 1, 1, TimeUnit.SECONDS);
        }
        progress.scheduleAtFixedRate(() -> {
            synchronized (record) {
                record.flush();
            }
        }, 1, 1, TimeUnit.SECONDS);
        progress.scheduleAtFixedRate(() -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  t=%3ds",
                    (System.nanoTime() - start) / 1_000_000_000L));
            for (Operation op : operations) {
                line.append(String.format(Locale.ROOT, "  %s ok %d failed %d in-flight %d", op.name, op.ok.sum(),
                        op.failed.sum(), maxInFlight - op.inFlight.availablePermits()));
            }
            line.append("  lag seen ").append(lagSeen.sum()).append('/').append(lagSampled.sum());
            line.append("  load average ").append(loadAverage());
            System.out.println(line);
        }, 5, 5, TimeUnit.SECONDS);
        for (Thread t : threads) {
            t.join();
        }
        long sendingEnded = System.nanoTime();
        progress.shutdownNow();
        System.out.println("  sending ended; waiting for the answers still outstanding and the lag samples");
        for (Operation op : operations) {
            if (!op.inFlight.tryAcquire(maxInFlight, 60, TimeUnit.SECONDS)) {
                System.out.println("  " + op.name + ": requests still unanswered after 60 s");
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.integer("lag-timeout", 120));
        while (lagPending.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        progress.shutdownNow();
        pollers.shutdownNow();
        synchronized (record) {
            record.flush();
        }
        vertx.close();
        report(operations, start, (sendingEnded - start) / 1e9);
        return 0;
    }

    private void report(List<Operation> operations, long start, double elapsed) {
        System.out.println();
        System.out.printf(Locale.ROOT, "RESULT load %s: sending lasted %.1f s%n", run, elapsed);
        System.out.printf(Locale.ROOT, "%-14s %9s %9s %9s %11s %9s %9s %9s %9s  %s%n", "operation", "scheduled", "2xx",
                "failed", "2xx units/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "answers");
        for (Operation op : operations) {
            if (op.perSecond <= 0) {
                continue;
            }
            Map<String, Long> answers = new TreeMap<>();
            op.outcomes.forEach((k, v) -> answers.put(k, v.sum()));
            System.out.printf(Locale.ROOT, "%-14s %9d %9d %9d %11.1f %9.1f %9.1f %9.1f %9.1f  %s%n", op.name,
                    op.scheduled.sum(), op.ok.sum(), op.failed.sum(),
                    op.ok.sum() * op.unitsPerRequest / Math.max(1e-3, (op.lastAnswer.get() - start) / 1e9),
                    ms(op.latency, 50), ms(op.latency, 90), ms(op.latency, 99), op.latency.getMaxValue() / 1000.0,
                    answers);
            if (op.okPerUrl.size() > 1) {
                Map<String, Long> per = new TreeMap<>();
                op.okPerUrl.forEach((k, v) -> per.put(k, v.sum()));
                System.out.println("               2xx per instance: " + per);
            }
        }
        System.out.println("(latency from the scheduled send time, every answer and error included; "
                + "2xx units/s over the time from the start to the stream's last answer)");
        System.out.println("load average at the end (1, 5, 15 min): " + loadAverage());
        System.out.printf(Locale.ROOT,
                "RESULT lag ticket created -> clock visible in sla-timer-service: sampled %d, seen %d; "
                        + "client (201 -> first 200, 100 ms polls) p50 %.0f ms p99 %.0f ms max %.0f ms; "
                        + "server (trackedAt - createdAt) p50 %.0f ms p99 %.0f ms max %.0f ms%n",
                lagSampled.sum(), lagSeen.sum(), ms(clientLag, 50), ms(clientLag, 99), clientLag.getMaxValue() / 1000.0,
                ms(serverLag, 50), ms(serverLag, 99), serverLag.getMaxValue() / 1000.0);
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double ms(Histogram h, double percentile) {
        synchronized (h) {
            return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    /** Polls the ticket's clock until sla-timer-service shows it, then records both lags. */
    private void followLag(String id, Instant createdAt, long createdNanos) {
        lagSampled.increment();
        lagPending.incrementAndGet();
        long giveUp = createdNanos + TimeUnit.SECONDS.toNanos(options.integer("lag-timeout", 120));
        Runnable[] poll = new Runnable[1];
        poll[0] = () -> {
            String url = slaUrls.get(Math.floorMod(id.hashCode(), slaUrls.size()));
            call(HttpMethod.GET, url, url + "/api/v1/tickets/" + id + "/sla", admin, null, null).whenComplete((r, e) -> {
                long now = System.nanoTime();
                if (e == null && r.status() == 200) {
                    synchronized (clientLag) {
                        clientLag.recordValue(Math.min(HIGHEST_MICROS, (now - createdNanos) / 1000));
                    }
                    String tracked = topLevel(r.body(), "trackedAt").get("trackedAt");
                    if (tracked != null) {
                        long micros = ChronoUnit.MICROS.between(createdAt, Instant.parse(tracked));
                        synchronized (serverLag) {
                            serverLag.recordValue(Math.max(0, Math.min(HIGHEST_MICROS, micros)));
                        }
                    }
                    lagSeen.increment();
                    lagPending.decrementAndGet();
                } else if (now < giveUp && !pollers.isShutdown()) {
                    pollers.schedule(poll[0], POLL_MILLIS, TimeUnit.MILLISECONDS);
                } else {
                    lagPending.decrementAndGet();
                }
            });
        };
        pollers.schedule(poll[0], POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private String probeBatch(long n, int size) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode results = body.putArray("results");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
        for (int i = 0; i < size; i++) {
            long k = n * size + i;
            ObjectNode r = results.addObject();
            r.put("instanceId", instances.get((int) (k % instances.size())));
            r.put("location", "loc-" + (k / instances.size() % 3 + 1));
            r.put("time", now.toString());
            r.put("up", true);
            r.put("latencyMs", 20 + (int) (k % 50));
        }
        return body.toString();
    }

    private java.util.concurrent.CompletableFuture<Answer> post(String base, String url, String token, String body,
            String idempotencyKey) {
        return call(HttpMethod.POST, base, url, token, body, idempotencyKey);
    }

    /** One request on a pooled connection; completes with the answer, or exceptionally with the I/O failure. */
    private java.util.concurrent.CompletableFuture<Answer> call(HttpMethod method, String base, String url,
            String token, String body, String idempotencyKey) {
        RequestOptions request = new RequestOptions().setMethod(method).setAbsoluteURI(url)
                .setIdleTimeout(requestTimeout.toMillis()).putHeader("Authorization", "Bearer " + token);
        if (body != null) {
            request.putHeader("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.putHeader("Idempotency-Key", idempotencyKey);
        }
        java.util.concurrent.CompletableFuture<Answer> answer = new java.util.concurrent.CompletableFuture<>();
        client.request(request)
                .compose(r -> body == null ? r.send() : r.send(Buffer.buffer(body)))
                .compose(r -> r.body().map(b -> new Answer(base, r.statusCode(), b.toString())))
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        answer.complete(ar.result());
                    } else {
                        answer.completeExceptionally(ar.cause());
                    }
                });
        return answer;
    }

    /** The named top-level string fields of a JSON object, read with the streaming parser (nested values skipped). */
    static Map<String, String> topLevel(String body, String... names) {
        Map<String, String> found = new java.util.HashMap<>();
        List<String> wanted = List.of(names);
        try (JsonParser p = JSON.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("not a JSON object: " + body);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (wanted.contains(name) && value != JsonToken.VALUE_NULL) {
                    found.put(name, p.getText());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
        return found;
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    /** Two accounts of this run: IS for tickets, Quantive with instances for probes and claims. */
    private void setup() throws Exception {
        String base = ticketUrls.get(0);
        put(base + "/api/v1/accounts/" + isAccount, """
                {"name":"Load IS %s","contract":{"policy":"infostretch","plan":"maintenance","timeZone":"America/Los_Angeles",
                 "currency":"USD","monthlyCharges":1000,"billingCycle":"MONTHLY","startsOn":"2025-01-01"%s}}"""
                .formatted(run, contacts(isAccount, "SUPPORT", "ACCOUNT_MANAGER", "EXECUTIVE")));
        StringBuilder list = new StringBuilder();
        for (String instance : instances) {
            list.append(list.isEmpty() ? "" : ",").append("{\"instanceId\":\"").append(instance)
                    .append("\",\"productId\":\"qnt-cloud\",\"version\":\"1.0.0.0\",\"environment\":\"production\"}");
        }
        put(base + "/api/v1/accounts/" + qntAccount, """
                {"name":"Load QNT %s","contract":{"policy":"quantive","plan":"enterprise","timeZone":"UTC",
                 "currency":"USD","monthlyCharges":1000,"billingCycle":"MONTHLY","startsOn":"2025-01-01","instances":[%s]%s}}"""
                .formatted(run, list, contacts(qntAccount, "SUPPORT", "ACCOUNT_MANAGER")));
        if (!webhookBase.isBlank()) {
            subscribe();
        }
        // Availability-service takes results only from a registered probe (its token's sub), from
        // its registered locations, for accounts in its scope.
        String url = availabilityUrls.get(0);
        String probeSub = new ObjectMapper().readTree(java.util.Base64.getUrlDecoder().decode(probe.split("\\.")[1]))
                .path("sub").asText();
        put(url + "/api/v1/probes/" + probeSub, "{\"accounts\":[\"*\"],\"locations\":[\"loc-1\",\"loc-2\",\"loc-3\"]}");
        // availability-service learns the instances from contracts.v1: wait until it takes a probe result.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            Answer a = post(url, url + "/api/v1/probe-results/batches", probe, probeBatch(0, instances.size()),
                    UUID.randomUUID().toString()).get(requestTimeout.toSeconds() + 5, TimeUnit.SECONDS);
            if (a.status() / 100 == 2) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("availability-service does not take probes for " + qntAccount + ": "
                        + a.status() + " " + a.body());
            }
            Thread.sleep(500);
        }
    }

    /** The contact of {@code role} of an account of this run (issue 22): an address of the fault run's SMTP server. */
    private String contact(String account, String role) {
        return role.toLowerCase(Locale.ROOT).replace('_', '-') + "." + account + "@load.example";
    }

    /** The contract's contacts, one per role, recorded as {@code K account role email}; none without notices. */
    private String contacts(String account, String... roles) {
        if (webhookBase.isBlank()) {
            return "";
        }
        StringBuilder json = new StringBuilder(",\"contacts\":[");
        for (String role : roles) {
            json.append(json.charAt(json.length() - 1) == '[' ? "" : ",").append("{\"role\":\"").append(role)
                    .append("\",\"name\":\"").append(role).append(" of ").append(account).append("\",\"email\":\"")
                    .append(contact(account, role)).append("\"}");
            record.println("K " + account + " " + role + " " + contact(account, role));
        }
        return json.append(']').toString();
    }

    /**
     * Webhook and email subscriptions of the run's accounts (issue 22), recorded as
     * {@code S account type channel address secret}: the IS account's webhook takes new tickets,
     * warnings, breaches and escalations, its account manager's mail new tickets and its support
     * contact's mail breaches (also a contact: one mail, not two); the Quantive account's webhook takes
     * claim decisions, credits, maintenance and lifecycle notices, its account manager's mail claim
     * decisions. The email subscriptions are to contacts, so they are active at once once
     * notification-service knows the contacts: until then they are pending, deleted and asked again
     * (their confirmation mails are counted apart).
     */
    private void subscribe() throws Exception {
        for (String type : List.of(EventTypes.TICKET_CREATED.type(), EventTypes.SLA_WARNING.type(),
                EventTypes.SLA_BREACHED.type(), EventTypes.SLA_ESCALATED.type())) {
            subscription(isAccount, type, "WEBHOOK", webhookBase + "/" + isAccount);
        }
        for (String type : List.of(EventTypes.CREDIT_CLAIM_DECIDED.type(), EventTypes.CREDIT_ISSUED.type(),
                EventTypes.CREDIT_ADJUSTED.type(), EventTypes.TERMINATION_RIGHT_GRANTED.type(),
                EventTypes.MAINTENANCE_ANNOUNCED.type(), EventTypes.MAINTENANCE_WINDOW_CHANGED.type(),
                EventTypes.NOTIFICATION_LIFECYCLE_MILESTONE.type())) {
            subscription(qntAccount, type, "WEBHOOK", webhookBase + "/" + qntAccount);
        }
        subscription(isAccount, EventTypes.TICKET_CREATED.type(), "EMAIL", contact(isAccount, "ACCOUNT_MANAGER"));
        subscription(isAccount, EventTypes.SLA_BREACHED.type(), "EMAIL", contact(isAccount, "SUPPORT"));
        subscription(qntAccount, EventTypes.CREDIT_CLAIM_DECIDED.type(), "EMAIL", contact(qntAccount, "ACCOUNT_MANAGER"));
        record.flush();
    }

    private void subscription(String account, String type, String channel, String address) throws Exception {
        String url = notificationUrls.get(0) + "/api/v1/subscriptions";
        String body = "{\"accountId\":\"" + account + "\",\"eventType\":\"" + type + "\",\"channel\":\"" + channel
                + "\",\"" + (channel.equals("EMAIL") ? "email" : "url") + "\":\"" + address + "\"}";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (true) {
            Answer a = post(url, url, admin, body, null).get(requestTimeout.toSeconds() + 5, TimeUnit.SECONDS);
            if (a.status() != 201) {
                throw new IllegalStateException("POST " + url + " " + body + " answered " + a.status() + ": " + a.body());
            }
            Map<String, String> created = topLevel(a.body(), "id", "status", "secret");
            if (!"PENDING_CONFIRMATION".equals(created.get("status"))) {
                record.println("S " + account + " " + type + " " + channel + " " + address + " "
                        + created.getOrDefault("secret", "-"));
                return;
            }
            // notification-service does not know the contacts yet (contracts.v1): ask again in a second
            String one = url + "/" + created.get("id");
            Answer deleted = call(HttpMethod.DELETE, one, one, admin, null, null).get(requestTimeout.toSeconds() + 5,
                    TimeUnit.SECONDS);
            if (deleted.status() != 204 || System.nanoTime() > deadline) {
                throw new IllegalStateException("the email subscription of " + address + " stays pending: "
                        + deleted.status() + " " + deleted.body());
            }
            Thread.sleep(1000);
        }
    }

    private void put(String url, String body) throws Exception {
        Answer a = call(HttpMethod.PUT, url, url, admin, body, null).get(requestTimeout.toSeconds() + 5, TimeUnit.SECONDS);
        if (a.status() / 100 != 2) {
            throw new IllegalStateException("PUT " + url + " answered " + a.status() + ": " + a.body());
        }
    }
}
