package org.slaplatform.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * After {@code chaos --breaches} moved the scenario clock past the run's deadlines: every SLA target
 * that sla-timer-service shows as breached has exactly one {@code sla.breached} event on
 * sla-breaches.v1 (one CloudEvents id), no breach was published for a target that is not breached,
 * and no warning, escalation or notification event means the same thing twice. Targets still
 * without their breach are asked again until {@code --settle-seconds} have passed.
 * Exit status 1 when a breach is missing, doubled or unexpected.
 */
final class VerifyBreaches {

    private static final String BREACHED = "org.slaplatform.sla.breached.v1";

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String token;

    VerifyBreaches(Options options) {
        this.options = options;
        this.token = options.required("admin-token");
    }

    int execute() throws Exception {
        Set<String> tickets = new LinkedHashSet<>();
        Set<String> accounts = new HashSet<>();
        for (String line : Files.readAllLines(Path.of(options.get("record", "load-record.txt")))) {
            String[] f = line.split(" ");
            if (f.length >= 2 && f[0].equals("T")) {
                tickets.add(f[1]);
            } else if (f.length >= 4 && f[0].equals("R")) {
                accounts.add(f[2]);
                accounts.add(f[3]);
            }
        }
        String slaUrl = options.urls("sla-url", "http://localhost:8082").get(0);
        String bootstrap = options.get("kafka", "127.0.0.1:29092");
        long deadline = System.nanoTime() + options.integer("settle-seconds", 300) * 1_000_000_000L;
        System.out.printf("verify-breaches: %d tickets of the run%n", tickets.size());

        while (true) {
            Set<String> breached = breachedTargets(slaUrl, tickets);
            Map<String, Set<String>> published = new HashMap<>();
            Verify.read(bootstrap, "sla-breaches.v1", r -> tickets.contains(r.key()), r -> {
                if (!BREACHED.equals(Verify.header(r, "ce_type"))) {
                    return;
                }
                JsonNode data = LoadRun.parse(new String(r.value(), StandardCharsets.UTF_8));
                published.computeIfAbsent(key(r.key(), data.path("target").asText(), data.path("cycle").asInt()),
                        k -> new HashSet<>()).add(Verify.header(r, "ce_id"));
            });
            Set<String> missing = new TreeSet<>(breached);
            missing.removeAll(published.keySet());
            Set<String> unexpected = new TreeSet<>(published.keySet());
            unexpected.removeAll(breached);
            long doubled = published.values().stream().filter(ids -> ids.size() > 1).count();
            if (!missing.isEmpty() && System.nanoTime() < deadline) {
                System.out.printf("    %d of %d breached targets without their breach event yet, asking again%n",
                        missing.size(), breached.size());
                Thread.sleep(3000);
                continue;
            }
            int problems = 0;
            problems += report(missing.isEmpty(), "breached targets with their sla.breached event",
                    breached.size() - missing.size(), breached.size(), missing);
            problems += report(doubled == 0, "breached targets published under one ce_id only",
                    published.size() - doubled, published.size(), Set.of());
            problems += report(unexpected.isEmpty(), "sla.breached events for targets shown as breached",
                    published.size() - unexpected.size(), published.size(), unexpected);
            problems += sameMeaningTwice(bootstrap, "sla-breaches.v1", r -> tickets.contains(r.key()));
            problems += sameMeaningTwice(bootstrap, "notifications.v1", r -> accounts.contains(r.key()));
            System.out.println(problems == 0 ? "RESULT verify-breaches: every breach published once"
                    : "RESULT verify-breaches: " + problems + " check(s) FAILED");
            return problems == 0 ? 0 : 1;
        }
    }

    private static String key(String ticket, String target, int cycle) {
        return ticket + "|" + target.toLowerCase() + "|" + cycle;
    }

    private static int report(boolean ok, String what, long good, long of, Set<String> examples) {
        System.out.printf("  %-4s %d of %d %s%s%n", ok ? "ok" : "FAIL", good, of, what,
                examples.isEmpty() ? "" : "; e.g. " + examples.stream().limit(5).toList());
        return ok ? 0 : 1;
    }

    /** Events whose type and data are the same under two different ce_ids: the effect happened twice. */
    private static int sameMeaningTwice(String bootstrap, String topic,
            java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> ours) {
        Map<String, Set<String>> byMeaning = new HashMap<>();
        Verify.read(bootstrap, topic, ours, r -> byMeaning.computeIfAbsent(Verify.header(r, "ce_type") + "|"
                + new String(r.value(), StandardCharsets.UTF_8), k -> new HashSet<>()).add(Verify.header(r, "ce_id")));
        long doubled = byMeaning.values().stream().filter(ids -> ids.size() > 1).count();
        return report(doubled == 0, topic + " events of this run meaning something once",
                byMeaning.size() - doubled, byMeaning.size(), Set.of());
    }

    /** {@code ticket|target|cycle} of every target sla-timer-service shows as breached now. */
    private Set<String> breachedTargets(String slaUrl, Set<String> tickets) throws InterruptedException {
        Set<String> breached = ConcurrentHashMap.newKeySet();
        Set<String> unread = ConcurrentHashMap.newKeySet();
        Semaphore permits = new Semaphore(32);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (String id : tickets) {
            permits.acquire();
            calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(slaUrl + "/api/v1/tickets/" + id + "/sla"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                        permits.release();
                        if (e != null || r.statusCode() != 200) {
                            unread.add(id);
                            return;
                        }
                        for (JsonNode target : LoadRun.parse(r.body()).path("targets")) {
                            if ("breached".equals(target.path("state").asText())) {
                                breached.add(key(id, target.path("target").asText(), target.path("cycle").asInt()));
                            }
                        }
                    }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        if (!unread.isEmpty()) {
            throw new IllegalStateException(unread.size() + " SLA views could not be read, e.g. "
                    + unread.stream().limit(3).toList());
        }
        return breached;
    }
}
