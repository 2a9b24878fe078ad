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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.slaplatform.events.EventTypes;
import org.slaplatform.events.Topics;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;

/**
 * After the fault run (and its breach storm): every notice owed was delivered exactly once (issue 22).
 * From the events of the run's accounts on the topics it computes every notice owed, as
 * notification-service's catalogue says (docs/notification-service.md, "Notices"): the account's
 * subscriptions to the event's type and the contract's contacts in the roles the notice names, one per
 * event and address. It compares them with what the fault run's receivers got:
 * <ul>
 * <li>a webhook call answered 2xx delivers its {@code ce-id} to its URL under its {@code webhook-id};</li>
 * <li>a mail delivers to its recipient under its {@code X-Sla-Delivery-Id}; its event is the one
 * notification-service's delivery log names for that id ({@code GET /api/v1/deliveries/{id}}).</li>
 * </ul>
 * Owed with one delivery id: once; with two or more: doubled; with none: lost; delivered and not owed:
 * not owed. The same delivery id sent again (a try whose outcome a killed worker never recorded) is a
 * copy the receiver drops by id, counted apart. Every webhook call's signature is checked with the
 * Standard Webhooks reference library and the secret its subscription was given, its timestamp within
 * five minutes of its arrival. Lost notices are waited for up to {@code --settle-seconds}.
 */
final class VerifyNotices {

    private static final Set<String> ALL_CONTACTS = Set.of("*");

    private final Options options;
    private final NoticeSinks sinks;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, String> eventOfMail = new ConcurrentHashMap<>();

    /** Subscriptions and contacts as the load recorded them. */
    private final Set<String> accounts = new HashSet<>();
    /** account|type -> channel:address of its subscriptions. */
    private final Map<String, Set<String>> subscribers = new HashMap<>();
    /** account|type|url -> secret. */
    private final Map<String, String> secrets = new HashMap<>();
    /** account -> role -> email. */
    private final Map<String, Map<String, String>> contacts = new HashMap<>();

    VerifyNotices(Options options, NoticeSinks sinks) {
        this.options = options;
        this.sinks = sinks;
    }

    int execute() throws Exception {
        for (String line : Files.readAllLines(Path.of(options.required("record")))) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "R" -> {
                    accounts.add(f[2]);
                    accounts.add(f[3]);
                }
                case "K" -> contacts.computeIfAbsent(f[1], a -> new TreeMap<>()).put(f[2], f[3].toLowerCase(Locale.ROOT));
                case "S" -> {
                    subscribers.computeIfAbsent(f[1] + "|" + f[2], k -> new HashSet<>()).add(address(f[3], f[4]));
                    if (f[3].equals("WEBHOOK")) {
                        secrets.put(f[1] + "|" + f[2] + "|" + f[4], f[5]);
                    }
                }
                default -> {
                }
            }
        }
        System.out.printf("verify-notices: accounts %s, %d subscriptions, %d contacts%n", accounts,
                subscribers.values().stream().mapToInt(Set::size).sum(),
                contacts.values().stream().mapToInt(Map::size).sum());
        long deadline = System.nanoTime() + options.integer("settle-seconds", 600) * 1_000_000_000L;
        int quiet = options.integer("quiet-seconds", 15);
        boolean lastLook = false;
        while (true) {
            Map<String, String> owed = owed(); // event|channel:address -> event type
            Map<String, Set<String>> delivered = delivered();
            Set<String> lost = new LinkedHashSet<>(owed.keySet());
            lost.removeAll(delivered.keySet());
            if (!lost.isEmpty() && System.nanoTime() < deadline) {
                System.out.printf("    %d of %d notices owed not delivered yet, looking again%n", lost.size(), owed.size());
                Thread.sleep(5000);
                continue;
            }
            if (lost.isEmpty() && !lastLook && System.nanoTime() < deadline) {
                // all there: a while longer, for a notice sent twice late
                lastLook = true;
                Thread.sleep(quiet * 1000L);
                continue;
            }
            return report(owed, delivered, lost);
        }
    }

    private int report(Map<String, String> owed, Map<String, Set<String>> delivered, Set<String> lost) {
        Set<String> doubled = new LinkedHashSet<>();
        Set<String> notOwed = new LinkedHashSet<>();
        delivered.forEach((key, ids) -> {
            if (ids.size() > 1) {
                doubled.add(key + " " + ids);
            }
            if (!owed.containsKey(key)) {
                notOwed.add(key);
            }
        });
        long once = owed.keySet().stream().filter(k -> delivered.getOrDefault(k, Set.of()).size() == 1).count();
        Map<String, long[]> byType = new TreeMap<>();
        owed.forEach((key, type) -> {
            long[] n = byType.computeIfAbsent(type.replace("org.slaplatform.", "") + (key.contains("|EMAIL:") ? " email" : " webhook"),
                    t -> new long[2]);
            n[0]++;
            n[1] += delivered.getOrDefault(key, Set.of()).size() == 1 ? 1 : 0;
        });
        byType.forEach((type, n) -> System.out.printf("    %-44s owed %6d, delivered once %6d%n", type, n[0], n[1]));

        List<NoticeSinks.Call> calls = sinks.calls();
        long verified = 0;
        List<String> badSignatures = new ArrayList<>();
        for (NoticeSinks.Call c : calls) {
            if (signatureVerifies(c)) {
                verified++;
            } else if (badSignatures.size() < 5) {
                badSignatures.add(c.webhookId() + " " + c.path() + " " + c.ceType());
            }
        }
        long ok2xx = calls.stream().filter(c -> c.status() / 100 == 2).count();
        long distinct2xx = calls.stream().filter(c -> c.status() / 100 == 2).map(NoticeSinks.Call::webhookId).distinct().count();
        List<NoticeSinks.Mail> mails = sinks.mails();
        long confirmations = mails.stream().filter(NoticeSinks.Mail::confirmation).count();
        long mailIds = mails.stream().filter(m -> !m.confirmation()).map(NoticeSinks.Mail::deliveryId).distinct().count();
        long mailCopies = mails.size() - confirmations - mailIds;

        int problems = 0;
        problems += line(lost.isEmpty() && doubled.isEmpty(), once, owed.size(),
                "notices owed (event x recipient) delivered exactly once (one delivery id)", lost);
        problems += line(doubled.isEmpty(), doubled.size(), 0, "notices delivered under two or more delivery ids", doubled);
        problems += line(notOwed.isEmpty(), notOwed.size(), 0, "notices delivered that were not owed", notOwed);
        problems += line(verified == calls.size(), verified, calls.size(),
                "webhook calls whose Standard Webhooks signature verifies (reference library, the subscription's secret)",
                new LinkedHashSet<>(badSignatures));
        System.out.printf("    webhook calls %d: answered 2xx %d (%d delivery ids, %d re-sent copies of one id), first tries "
                + "answered 500 %d, held past the 10 s timeout %d; mails %d (%d delivery ids, %d re-sent copies), "
                + "subscription confirmations %d, SMTP conversations broken off by the client %d%n", calls.size(), ok2xx,
                distinct2xx, ok2xx - distinct2xx, sinks.answered500.sum(), sinks.heldPastTimeout.sum(), mails.size(), mailIds,
                mailCopies, confirmations, sinks.smtpConnectionsDropped.sum());
        System.out.printf("RESULT notices: owed %d, delivered once %d, doubled %d, lost %d, not owed %d; "
                + "webhook signatures verified %d of %d%s%n", owed.size(), once, doubled.size(), lost.size(),
                notOwed.size(), verified, calls.size(), problems == 0 ? "" : " (" + problems + " check(s) FAILED)");
        return problems == 0 ? 0 : 1;
    }

    private static int line(boolean ok, long good, long of, String what, Set<String> examples) {
        System.out.printf("  %-4s %d of %d %s%s%n", ok ? "ok" : "FAIL", good, of, what,
                examples.isEmpty() ? "" : "; e.g. " + examples.stream().limit(5).toList());
        return ok ? 0 : 1;
    }

    private boolean signatureVerifies(NoticeSinks.Call c) {
        String account = c.path().substring(c.path().lastIndexOf('/') + 1);
        return signatureVerifies(secrets.get(account + "|" + c.ceType() + "|" + sinks.webhookBase() + "/" + account), c,
                sinks.clockOffsets());
    }

    /**
     * Standard Webhooks: one of the call's signatures is the reference library's for its id, timestamp and
     * body, and the timestamp is within five minutes of the call's arrival on the platform's clock (real
     * time plus one of the offsets the scenario clock had).
     */
    static boolean signatureVerifies(String secret, NoticeSinks.Call c, Set<Long> clockOffsetsMillis) {
        if (secret == null || c.webhookId() == null || c.timestamp() == null || c.signature() == null) {
            return false;
        }
        try {
            long timestamp = Long.parseLong(c.timestamp());
            if (clockOffsetsMillis.stream().noneMatch(o -> Math.abs(timestamp - c.receivedAtSeconds() - o / 1000) <= 300)) {
                return false;
            }
            String expected = new Webhook(secret).sign(c.webhookId(), timestamp, c.body());
            for (String signature : c.signature().split(" ")) {
                if (java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        signature.getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static String address(String channel, String address) {
        return channel + ":" + (channel.equals("EMAIL") ? address.toLowerCase(Locale.ROOT) : address);
    }

    /** Every notice the events of the run's accounts owe: {@code ce_id|channel:address} -> event type. */
    private Map<String, String> owed() {
        Map<String, String> owed = new HashMap<>();
        Set<String> seen = new HashSet<>();
        String bootstrap = options.get("kafka", "127.0.0.1:29092");
        for (String topic : List.of(Topics.TICKETS.name(), Topics.SLA_BREACHES.name(), Topics.CREDITS.name(),
                Topics.MAINTENANCE.name(), Topics.NOTIFICATIONS.name())) {
            Verify.read(bootstrap, topic, r -> true, r -> {
                String id = Verify.header(r, "ce_id");
                String type = Verify.header(r, "ce_type");
                if (id == null || type == null || !seen.add(id)) {
                    return; // a re-published copy of one ce_id: consumers drop it by id
                }
                JsonNode data = LoadRun.parse(new String(r.value(), StandardCharsets.UTF_8));
                String account = data.path("accountId").asText();
                if (!accounts.contains(account)) {
                    return;
                }
                Set<String> recipients = recipients(account, type, data);
                for (String recipient : recipients) {
                    owed.put(id + "|" + recipient, type);
                }
            });
        }
        return owed;
    }

    /** notification-service's catalogue (NoticeCatalog): subscribers of the type and contacts in the roles named. */
    private Set<String> recipients(String account, String type, JsonNode data) {
        Set<String> roles;
        List<String> named = new ArrayList<>();
        if (type.equals(EventTypes.TICKET_CREATED.type())) {
            roles = Set.of();
        } else if (type.equals(EventTypes.TICKET_ESCALATED.type())) {
            roles = Set.of(data.path("level").asText());
            if (data.hasNonNull("contactEmail")) {
                named.add(data.path("contactEmail").asText());
            }
        } else if (type.equals(EventTypes.SLA_WARNING.type()) || type.equals(EventTypes.SLA_BREACHED.type())) {
            roles = Set.of("SUPPORT");
        } else if (type.equals(EventTypes.SLA_ESCALATED.type())) {
            roles = Set.of(data.path("level").asText());
        } else if (type.equals(EventTypes.CREDIT_CLAIM_DECIDED.type())) {
            String state = data.path("state").asText();
            if (!state.equals("CONFIRMED") && !state.equals("DISQUALIFIED")) {
                return Set.of();
            }
            roles = ALL_CONTACTS;
        } else if (type.equals(EventTypes.MAINTENANCE_ANNOUNCED.type())
                || type.equals(EventTypes.MAINTENANCE_WINDOW_CHANGED.type())
                || type.equals(EventTypes.CREDIT_ISSUED.type()) || type.equals(EventTypes.CREDIT_ADJUSTED.type())
                || type.equals(EventTypes.TERMINATION_RIGHT_GRANTED.type())
                || type.equals(EventTypes.NOTIFICATION_LIFECYCLE_MILESTONE.type())) {
            roles = ALL_CONTACTS;
        } else {
            return Set.of(); // no notice (state changes, RECEIVED claims, delivery failures ...)
        }
        Set<String> recipients = new HashSet<>(subscribers.getOrDefault(account + "|" + type, Set.of()));
        contacts.getOrDefault(account, Map.of()).forEach((role, email) -> {
            if (roles == ALL_CONTACTS || roles.contains(role)) {
                recipients.add(address("EMAIL", email));
            }
        });
        named.forEach(email -> recipients.add(address("EMAIL", email)));
        return recipients;
    }

    /** What arrived: {@code ce_id|channel:address} -> the delivery ids it arrived under. */
    private Map<String, Set<String>> delivered() throws InterruptedException {
        Map<String, Set<String>> delivered = new HashMap<>();
        String origin = sinks.webhookBase().substring(0, sinks.webhookBase().indexOf("/hooks"));
        for (NoticeSinks.Call c : sinks.calls()) {
            if (c.status() / 100 == 2 && c.ceId() != null) {
                delivered.computeIfAbsent(c.ceId() + "|" + address("WEBHOOK", origin + c.path()), k -> new HashSet<>())
                        .add(c.webhookId());
            }
        }
        List<NoticeSinks.Mail> mails = sinks.mails().stream().filter(m -> !m.confirmation()).toList();
        lookUpEvents(mails.stream().map(NoticeSinks.Mail::deliveryId).filter(id -> id != null && !eventOfMail.containsKey(id))
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
        for (NoticeSinks.Mail m : mails) {
            String event = m.deliveryId() == null ? "?" : eventOfMail.getOrDefault(m.deliveryId(), "?");
            for (String to : m.to()) {
                delivered.computeIfAbsent(event + "|" + address("EMAIL", to), k -> new HashSet<>()).add(m.deliveryId());
            }
        }
        return delivered;
    }

    /** The event of each mail's delivery id, from notification-service's delivery log. */
    private void lookUpEvents(Set<String> ids) throws InterruptedException {
        if (ids.isEmpty()) {
            return;
        }
        String base = options.urls("notification-url", "http://localhost:8085").get(0);
        String token = options.required("admin-token");
        Semaphore permits = new Semaphore(16);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (String id : ids) {
            permits.acquire();
            calls.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/deliveries/" + id))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                        permits.release();
                        if (e == null && r.statusCode() == 200) {
                            String event = LoadRun.topLevel(r.body(), "eventId").get("eventId");
                            if (event != null) {
                                eventOfMail.put(id, event);
                            }
                        }
                    }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    }
}
