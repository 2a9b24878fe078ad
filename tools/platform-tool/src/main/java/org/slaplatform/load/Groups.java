package org.slaplatform.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * How work is shared between instances: each consumer group's members with the partitions assigned
 * to each (from the broker), and, for each instance URL given, its own counters from /q/metrics
 * (events consumed, outbox records published, HTTP requests served).
 */
final class Groups {

    private final Options options;

    Groups(Options options) {
        this.options = options;
    }

    int execute() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.get("kafka", "127.0.0.1:29092"));
        try (Admin admin = Admin.create(p)) {
            Collection<ConsumerGroupListing> listed = admin.listConsumerGroups().all().get();
            List<String> ids = listed.stream().map(ConsumerGroupListing::groupId).sorted().toList();
            Map<String, ConsumerGroupDescription> groups = admin.describeConsumerGroups(ids).all().get();
            for (String id : ids) {
                ConsumerGroupDescription g = groups.get(id);
                System.out.printf("group %s (%s): %d member(s)%n", id, g.groupState(), g.members().size());
                for (MemberDescription m : g.members().stream()
                        .sorted((a, b) -> a.clientId().compareTo(b.clientId())).toList()) {
                    String parts = m.assignment().topicPartitions().stream()
                            .sorted((a, b) -> a.toString().compareTo(b.toString())).map(TopicPartition::toString)
                            .collect(Collectors.joining(", "));
                    System.out.printf("  member %s %s: %s%n", m.consumerId(), m.host(),
                            parts.isEmpty() ? "(no partitions)" : parts);
                }
            }
        }
        String metrics = options.get("metrics-urls", "");
        if (!metrics.isBlank()) {
            HttpClient http = HttpClient.newHttpClient();
            for (String url : options.urls("metrics-urls", "")) {
                String body;
                try {
                    body = http.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics")).timeout(Duration.ofSeconds(10))
                            .build(), HttpResponse.BodyHandlers.ofString()).body();
                } catch (Exception e) {
                    System.out.printf("%s: %s%n", url, e);
                    continue;
                }
                Map<String, Double> sums = new TreeMap<>();
                for (String line : body.split("\n")) {
                    if (line.startsWith("#")) {
                        continue;
                    }
                    String name = line.contains("{") ? line.substring(0, line.indexOf('{')) : line.split(" ")[0];
                    String key = switch (name) {
                        case "events_consumed_total", "outbox_published_total" -> name
                                + (line.contains("outcome=\"") ? "{" + line.replaceAll(".*outcome=\"([^\"]*)\".*", "outcome=$1") + "}" : "");
                        case "http_server_requests_seconds_count" -> line.contains("uri=\"/q/") ? null
                                : "http_server_requests{" + line.replaceAll(".*method=\"([^\"]*)\".*", "$1") + " "
                                        + line.replaceAll(".*uri=\"([^\"]*)\".*", "$1") + "}";
                        default -> null;
                    };
                    if (key != null) {
                        sums.merge(key, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
                    }
                }
                System.out.printf("%s%n", url);
                sums.forEach((k, v) -> System.out.printf("  %-70s %.0f%n", k, v));
            }
        }
        return 0;
    }
}
