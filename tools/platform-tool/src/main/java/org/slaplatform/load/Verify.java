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
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * After a load (with or without faults): everything the platform acknowledged with a 2xx must still
 * be there, once. Reads the ids a load run recorded and checks, through the REST API and with a plain
 * Kafka consumer reading the topics from the beginning:
 * <ul>
 * <li>every created ticket answers 200 on ticket-service;</li>
 * <li>each has exactly one {@code ticket.created} event on tickets.v1 (one CloudEvents id; copies of
 * the same id, which the outbox may publish again after a crash, are counted apart: consumers drop
 * them by id);</li>
 * <li>its SLA clock answers 200 on sla-timer-service (waiting up to {@code --settle-seconds});</li>
 * <li>no warning, breach or escalation on sla-breaches.v1 for these tickets twice under different ids;</li>
 * <li>every acknowledged claim answers 200 on credit-service and has exactly one RECEIVED decision on
 * credits.v1; no delivery-failed notice on notifications.v1 twice.</li>
 * </ul>
 * Exit status 1 when anything acknowledged is missing or doubled.
 */
final class Verify {

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final String token;
    private int problems;

    Verify(Options options) {
        this.options = options;
        this.token = options.required("admin-token");
    }

    int execute() throws Exception {
        Set<String> tickets = new LinkedHashSet<>();
        Set<String> claims = new LinkedHashSet<>();
        Set<String> accounts = new HashSet<>();
        for (String line : Files.readAllLines(Path.of(options.get("record", "load-record.txt")))) {
            String[] f = line.split(" ");
            if (f.length < 2 || f[1].isBlank()) {
                continue;
            }
            switch (f[0]) {
                case "T" -> tickets.add(f[1]);
                case "C" -> claims.add(f[1]);
                case "R" -> {
                    accounts.add(f[2]);
                    accounts.add(f[3]);
                }
                default -> {
                }
            }
        }
        System.out.printf("verify: %d acknowledged tickets, %d acknowledged claims, accounts %s%n", tickets.size(),
                claims.size(), accounts);
        String ticketUrl = options.urls("ticket-url", "http://localhost:8081").get(0);
        String slaUrl = options.urls("sla-url", "http://localhost:8082").get(0);
        String creditUrl = options.urls("credit-url", "http://localhost:8084").get(0);
        int settle = options.integer("settle-seconds", 300);

        Set<String> missingTickets = missing(tickets, id -> ticketUrl + "/api/v1/tickets/" + id, 0);
        check("tickets answered 201 and still found on ticket-service", tickets.size() - missingTickets.size(),
                tickets.size(), missingTickets);
        Set<String> missingClocks = missing(tickets, id -> slaUrl + "/api/v1/tickets/" + id + "/sla", settle);
        check("their SLA clocks found on sla-timer-service", tickets.size() - missingClocks.size(), tickets.size(),
                missingClocks);
        Set<String> missingClaims = missing(claims, id -> creditUrl + "/api/v1/claims/" + id, 0);
        check("claims answered 201 and still found on credit-service", claims.size() - missingClaims.size(),
                claims.size(), missingClaims);

        String bootstrap = options.get("kafka", "127.0.0.1:29092");
        Map<String, Set<String>> createdIds = new HashMap<>();
        long[] created = {0};
        read(bootstrap, "tickets.v1", r -> tickets.contains(r.key()), r -> {
            if ("org.slaplatform.ticket.created.v1".equals(header(r, "ce_type"))) {
                created[0]++;
                createdIds.computeIfAbsent(r.key(), k -> new HashSet<>()).add(header(r, "ce_id"));
            }
        });
        long once = tickets.stream().filter(id -> createdIds.getOrDefault(id, Set.of()).size() == 1).count();
        long none = tickets.stream().filter(id -> !createdIds.containsKey(id)).count();
        long twice = tickets.size() - once - none;
        check("tickets with exactly one ticket.created event (one ce_id) on tickets.v1", once, tickets.size(),
                Set.of());
        System.out.printf("    none: %d, more than one ce_id: %d; records read %d, so %d were re-published copies "
                + "of the same ce_id (dropped by the consumers' inbox)%n", none, twice, created[0],
                created[0] - createdIds.values().stream().mapToLong(Set::size).sum());

        duplicates(bootstrap, "sla-breaches.v1", r -> tickets.contains(r.key()), data -> String.join("|",
                data.path("ticketId").asText(), data.path("target").asText(), data.path("cycle").asText(),
                data.path("percent").asText(), data.path("level").asText()));
        duplicates(bootstrap, "notifications.v1", r -> accounts.contains(r.key()), data -> data.toString());

        Map<String, Set<String>> received = new HashMap<>();
        read(bootstrap, "credits.v1", r -> accounts.contains(r.key()), r -> {
            JsonNode data = LoadRun.parse(new String(r.value(), StandardCharsets.UTF_8));
            if (claims.contains(data.path("claimId").asText()) && "RECEIVED".equals(data.path("state").asText())) {
                received.computeIfAbsent(data.path("claimId").asText(), k -> new HashSet<>()).add(header(r, "ce_id"));
            }
        });
        long claimsOnce = claims.stream().filter(id -> received.getOrDefault(id, Set.of()).size() == 1).count();
        check("claims with exactly one RECEIVED claim-decided event on credits.v1", claimsOnce, claims.size(),
                Set.of());

        System.out.println(problems == 0 ? "RESULT verify: nothing acknowledged lost, nothing doubled"
                : "RESULT verify: " + problems + " check(s) FAILED");
        return problems == 0 ? 0 : 1;
    }

    private void check(String what, long good, long of, Set<String> examples) {
        boolean ok = good == of;
        problems += ok ? 0 : 1;
        System.out.printf("  %-4s %d of %d %s%s%n", ok ? "ok" : "FAIL", good, of, what,
                examples.isEmpty() ? "" : "; e.g. " + examples.stream().limit(5).toList());
    }

    /** Events of a topic grouped by what they mean: two ce_ids for one meaning is a duplicate. */
    private void duplicates(String bootstrap, String topic, Predicate<ConsumerRecord<String, byte[]>> ours,
            java.util.function.Function<JsonNode, String> meaning) {
        Map<String, Set<String>> byMeaning = new HashMap<>();
        Map<String, Integer> byId = new HashMap<>();
        read(bootstrap, topic, ours, r -> {
            JsonNode data = LoadRun.parse(new String(r.value(), StandardCharsets.UTF_8));
            String id = header(r, "ce_id");
            byId.merge(id, 1, Integer::sum);
            byMeaning.computeIfAbsent(header(r, "ce_type") + "|" + meaning.apply(data), k -> new HashSet<>()).add(id);
        });
        long doubled = byMeaning.values().stream().filter(ids -> ids.size() > 1).count();
        long copies = byId.values().stream().mapToLong(n -> n - 1).sum();
        problems += doubled == 0 ? 0 : 1;
        System.out.printf("  %-4s %s: %d events of this run's tickets/accounts, %d published twice under different "
                + "ids, %d re-published copies of one id%n", doubled == 0 ? "ok" : "FAIL", topic, byId.size(), doubled,
                copies);
    }

    /** Ids whose URL does not answer 200; retried until {@code settleSeconds} have passed. */
    private Set<String> missing(Set<String> ids, java.util.function.Function<String, String> url, int settleSeconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + settleSeconds * 1_000_000_000L;
        Set<String> todo = new LinkedHashSet<>(ids);
        while (true) {
            Set<String> absent = ConcurrentHashMap.newKeySet();
            Semaphore permits = new Semaphore(32);
            List<CompletableFuture<?>> calls = new ArrayList<>();
            for (String id : todo) {
                permits.acquire();
                calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url.apply(id))).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.discarding())
                        .whenComplete((r, e) -> {
                            permits.release();
                            if (e != null || r.statusCode() != 200) {
                                absent.add(id);
                            }
                        }));
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            todo = new LinkedHashSet<>(absent);
            if (todo.isEmpty() || System.nanoTime() > deadline) {
                return todo;
            }
            System.out.printf("    %d not there yet, asking again%n", todo.size());
            Thread.sleep(2000);
        }
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Every record of the topic from the beginning up to the end offsets of now, no group. */
    static void read(String bootstrap, String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
            java.util.function.Consumer<ConsumerRecord<String, byte[]>> sink) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                return;
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofSeconds(1))) {
                    if (r.value() != null && filter.test(r)) {
                        sink.accept(r);
                    }
                }
            }
        }
    }
}
