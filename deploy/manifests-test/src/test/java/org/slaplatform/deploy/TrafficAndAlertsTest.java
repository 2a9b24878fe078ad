package org.slaplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slaplatform.deploy.ManifestsTest.composeServices;
import static org.slaplatform.deploy.ManifestsTest.objects;
import static org.slaplatform.deploy.ManifestsTest.ofKind;
import static org.slaplatform.deploy.ManifestsTest.one;
import static org.slaplatform.deploy.ManifestsTest.selects;
import static org.slaplatform.deploy.ManifestsTest.stream;
import static org.slaplatform.deploy.ManifestsTest.texts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What reaches the services and what watches them: the HTTPRoutes of the public API and status
 * page, the NetworkPolicies (deny by default, then each flow a service needs), and the alerts,
 * whose metrics must be ones the services really export.
 */
class TrafficAndAlertsTest {

    /** Metrics that come from outside the services' code: Quarkus' HTTP server meter, Strimzi's Kafka exporter. */
    static final Set<String> OTHER_SOURCES = Set.of("http_server_requests_seconds_count", "kafka_consumergroup_lag");

    /** The alerts operators need: breaches, the event pipeline, settlement, refusals, and work that stopped. */
    static final Set<String> REQUIRED_ALERTS = Set.of("SlaBreachRateHigh", "OutboxLagHigh", "ConsumerLagHigh",
            "DeadLetterGrowth", "SettlementOverdue", "Http503RateHigh", "BackgroundLoopStopped", "ConsumerStopped",
            "ConsumerLagGrowing");

    static Stream<String> overlays() throws IOException {
        return ManifestsTest.overlays();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void routesLeadToServicesAndTheirPortsAndNeverToQ(String overlay) {
        List<JsonNode> objects = objects(overlay);
        List<JsonNode> routes = ofKind(objects, "HTTPRoute");
        Set<String> routed = new TreeSet<>();
        for (JsonNode route : routes) {
            String what = overlay + ": HTTPRoute " + route.at("/metadata/name").asText();
            assertThat(route.at("/spec/parentRefs")).as(what + " parentRefs").isNotEmpty();
            for (JsonNode rule : route.at("/spec/rules")) {
                for (JsonNode match : rule.path("matches")) {
                    assertThat(match.at("/path/value").asText()).as(what + " path").doesNotStartWith("/q");
                }
                for (JsonNode backend : rule.path("backendRefs")) {
                    JsonNode service = one(objects, "Service", backend.path("name").asText());
                    assertThat(stream(service.at("/spec/ports")).map(p -> p.path("port").asInt()))
                            .as(what + " backend port").contains(backend.path("port").asInt());
                    routed.add(backend.path("name").asText());
                }
            }
        }
        assertThat(routed).as(overlay + ": every service's API is routed").containsAll(composeServices().keySet());
        assertThat(routes).as(overlay + ": the public status page is routed")
                .anyMatch(r -> stream(r.at("/spec/rules")).anyMatch(rule -> stream(rule.path("matches"))
                        .anyMatch(m -> m.at("/path/value").asText().startsWith("/status"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyPodIsDeniedByDefaultAndEachServiceAllowedWhatItNeeds(String overlay) {
        List<JsonNode> objects = objects(overlay);
        List<JsonNode> policies = ofKind(objects, "NetworkPolicy");
        assertThat(policies).as(overlay + ": a default-deny NetworkPolicy (every pod, ingress and egress, nothing allowed)")
                .anyMatch(p -> p.at("/spec/podSelector").isEmpty()
                        && texts(p.at("/spec/policyTypes")).containsAll(List.of("Ingress", "Egress"))
                        && p.at("/spec/ingress").isMissingNode() && p.at("/spec/egress").isMissingNode());

        String kafkaCluster = one(objects, "Kafka").at("/metadata/name").asText();
        String postgresCluster = one(objects, "Cluster").at("/metadata/name").asText();
        for (String service : composeServices().keySet()) {
            JsonNode labels = one(objects, "Deployment", service).at("/spec/template/metadata/labels");
            List<JsonNode> mine = policies.stream().filter(p -> selects(p.at("/spec/podSelector/matchLabels"), labels)).toList();
            String what = overlay + ": " + service;
            assertThat(mine.stream().flatMap(p -> stream(p.at("/spec/ingress"))))
                    .as(what + " takes HTTP from the Gateway and Prometheus")
                    .anyMatch(rule -> stream(rule.path("ports")).anyMatch(port -> port.path("port").asText().equals("http"))
                            && namespaces(rule).containsAll(List.of("gateway-system", "monitoring")));
            List<JsonNode> egress = mine.stream().flatMap(p -> stream(p.at("/spec/egress"))).toList();
            assertThat(egress).as(what + " reaches the Kafka brokers")
                    .anyMatch(rule -> reachesPods(rule, "strimzi.io/cluster", kafkaCluster));
            assertThat(egress).as(what + " reaches PostgreSQL")
                    .anyMatch(rule -> reachesPods(rule, "cnpg.io/cluster", postgresCluster));
        }
        assertThat(policies).as(overlay + ": every pod resolves names")
                .anyMatch(p -> p.at("/spec/podSelector").isEmpty() && stream(p.at("/spec/egress"))
                        .anyMatch(rule -> stream(rule.path("ports")).anyMatch(port -> port.path("port").asInt() == 53)));
        List<JsonNode> notification = policies.stream().filter(p -> selects(p.at("/spec/podSelector/matchLabels"),
                one(objects, "Deployment", "notification-service").at("/spec/template/metadata/labels"))).toList();
        assertThat(notification.stream().flatMap(p -> stream(p.at("/spec/egress"))).flatMap(rule -> stream(rule.path("ports")))
                .map(port -> port.path("port").asInt()))
                .as(overlay + ": notification-service sends mail (SMTP) and webhooks (HTTPS)").contains(587, 443);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyAlertNamesAMetricThatIsExported(String overlay) {
        Set<String> meters = serviceMeters();
        Set<String> alerts = new TreeSet<>();
        for (JsonNode ruleSet : ofKind(objects(overlay), "PrometheusRule")) {
            for (JsonNode rule : stream(ruleSet.at("/spec/groups")).flatMap(g -> stream(g.path("rules"))).toList()) {
                String alert = rule.path("alert").asText();
                alerts.add(alert);
                Set<String> expected = new TreeSet<>(List.of(rule.at("/annotations/expected_metric").asText("").split("[ ,]+")));
                for (String metric : metrics(rule.path("expr").asText())) {
                    assertThat(OTHER_SOURCES.contains(metric) || expected.contains(metric) || exported(metric, meters))
                            .as(overlay + ": alert " + alert + " queries " + metric + ", which no service registers "
                                    + "(meters in the code: " + meters + "); name it in expected_metric if it is to come")
                            .isTrue();
                }
                expected.stream().filter(m -> !m.isBlank()).forEach(metric -> assertThat(exported(metric, meters))
                        .as(alert + ": " + metric + " is exported now: drop it from expected_metric").isFalse());
            }
        }
        assertThat(alerts).as(overlay + ": alerts").containsAll(REQUIRED_ALERTS);
    }

    /**
     * Prometheus itself accepts the rules: {@code promtool check rules} (the Prometheus Operator's
     * admission check does the same) on the groups of every PrometheusRule, e.g. annotation names
     * must be label names. The build installs Debian's prometheus for promtool when it is missing.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void prometheusAcceptsTheRules(String overlay) throws Exception {
        for (JsonNode ruleSet : ofKind(objects(overlay), "PrometheusRule")) {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("rules", ".yaml");
            Kustomize.YAML.writeValue(file.toFile(), java.util.Map.of("groups", ruleSet.at("/spec/groups")));
            Process promtool = new ProcessBuilder("promtool", "check", "rules", file.toString())
                    .redirectErrorStream(true).start();
            String output = new String(promtool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(promtool.waitFor()).as(overlay + ": promtool check rules " + ruleSet.at("/metadata/name").asText()
                    + "\n" + output).isZero();
            java.nio.file.Files.delete(file);
        }
    }

    // --- helpers

    private static Set<String> namespaces(JsonNode rule) {
        Set<String> namespaces = new TreeSet<>();
        rule.path("from").forEach(peer -> namespaces.add(peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText()));
        return namespaces;
    }

    private static boolean reachesPods(JsonNode rule, String label, String value) {
        return stream(rule.path("to")).anyMatch(peer -> peer.at("/podSelector/matchLabels").path(label).asText().equals(value));
    }

    /** The metric names of a PromQL expression: identifiers followed by a selector, a range or a space, not functions or labels. */
    static Set<String> metrics(String expr) {
        String withoutStrings = expr.replaceAll("\"[^\"]*\"", "\"\"").replaceAll("\\{[^}]*}", "{}");
        Set<String> keywords = Set.of("sum", "max", "min", "avg", "count", "rate", "increase", "irate", "delta", "by",
                "without", "on", "ignoring", "and", "or", "unless", "bool", "histogram_quantile", "absent", "offset");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\\b([a-zA-Z_:][a-zA-Z0-9_:]*)\\b\\s*(\\{|\\[)").matcher(withoutStrings);
        while (m.find()) {
            if (!keywords.contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        Matcher bare = Pattern.compile("\\(\\s*([a-z_][a-z0-9_]*_(?:total|seconds|count|overdue|lag)[a-z_]*)\\s*\\)").matcher(withoutStrings);
        while (bare.find()) {
            names.add(bare.group(1));
        }
        return names;
    }

    /** Whether a Prometheus name is one of the Micrometer meters the code registers (dots become _, counters _total, ...). */
    static boolean exported(String metric, Set<String> meters) {
        return meters.stream().map(meter -> meter.replace('.', '_')).anyMatch(base -> metric.equals(base)
                || metric.matches(Pattern.quote(base) + "(_total|_seconds|_seconds_count|_seconds_sum|_seconds_max|_seconds_bucket)"));
    }

    /** The meter names registered in the services' and libraries' main code (Counter/Gauge/Timer builders, registry.counter). */
    static Set<String> serviceMeters() {
        Pattern registration = Pattern.compile("(?:(?:Counter|Gauge|Timer|DistributionSummary)\\.builder|registry\\.(?:counter|gauge|timer|summary))\\(\\s*\"([a-z0-9_.]+)\"");
        Set<String> meters = new TreeSet<>();
        try {
            List<Path> sources = new java.util.ArrayList<>();
            sources.add(ManifestsTest.ROOT.resolve("libs"));
            composeServices().keySet().forEach(service -> sources.add(ManifestsTest.ROOT.resolve(service)));
            for (Path source : sources) {
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")).toList()) {
                        Matcher m = registration.matcher(Files.readString(file));
                        while (m.find()) {
                            meters.add(m.group(1));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(meters).as("meters registered in the code").isNotEmpty();
        return meters;
    }
}
