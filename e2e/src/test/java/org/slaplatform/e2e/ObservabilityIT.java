package org.slaplatform.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The metrics as operators see them, read from the five packaged services' {@code /q/metrics} after
 * the scenarios ran (class order 5: the labelled business meters, such as {@code sla_breaches_total},
 * appear with their first increment, and the InfoStretch scenario makes each of them count):
 * <ul>
 * <li>every metric a query of the Grafana dashboard ({@code deploy/k8s/monitoring}) names is exported
 * by a service, or is one of {@link #FROM_ELSEWHERE} (metrics of other exporters, each with its source);</li>
 * <li>{@code promtool check metrics} finds nothing in any service's exposition but the findings named,
 * each with its reason, in {@code promtool-exceptions.txt} (and no exception is stale: its metric exported
 * without the finding). Skipped, saying so, where promtool is not
 * installed ({@code apt-get install -y prometheus}).</li>
 * </ul>
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Order(5)
@DisplayName("Observability: the dashboard reads only exported metrics; promtool's lint is clean but for named exceptions")
class ObservabilityIT {

    /** Metrics the dashboard reads from other exporters than the services: name, then where it comes from. */
    static final Map<String, String> FROM_ELSEWHERE = Map.of(
            "kafka_consumergroup_lag", "Strimzi's Kafka exporter (the PodMonitor in deploy/k8s/monitoring)");

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4";

    RunningPlatform platform;
    Map<String, String> expositions = new LinkedHashMap<>();

    @BeforeAll
    void scrape(RunningPlatform platform) {
        this.platform = platform;
        for (String service : RunningPlatform.SERVICES) {
            expositions.put(service, given().baseUri(platform.uri(service)).accept(PROMETHEUS_TEXT).get("/q/metrics")
                    .then().statusCode(200).extract().asString());
        }
    }

    @Test
    @DisplayName("every metric the dashboard's queries name is exported by a running service (or named as another exporter's)")
    void dashboardQueriesNameExportedMetrics() throws IOException {
        Set<String> exported = new TreeSet<>();
        expositions.values().forEach(text -> exported.addAll(sampleNames(text)));
        Map<String, Set<String>> missing = new TreeMap<>();
        for (Map.Entry<String, String> query : dashboardQueries().entrySet()) {
            for (String metric : PromQl.metricNames(query.getValue())) {
                if (!exported.contains(metric) && !FROM_ELSEWHERE.containsKey(metric)) {
                    missing.computeIfAbsent(metric, m -> new TreeSet<>()).add(query.getKey());
                }
            }
        }
        assertThat(missing).as("metrics the dashboard queries but no service exports (metric -> panels); a labelled "
                + "business meter appears with its first increment, so run this after the scenarios").isEmpty();
    }

    @Test
    @DisplayName("promtool check metrics: no finding in any service's /q/metrics but the named exceptions")
    void promtoolLintIsCleanButForNamedExceptions() throws Exception {
        Assumptions.assumeTrue(promtoolInstalled(), "promtool is not installed (apt-get install -y prometheus): not run");
        Map<String, String> exceptions = exceptions();
        List<String> unexpected = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (Map.Entry<String, String> service : expositions.entrySet()) {
            for (String finding : promtool(service.getValue())) {
                if (exceptions.containsKey(finding)) {
                    used.add(finding);
                } else {
                    unexpected.add(service.getKey() + ": " + finding);
                }
            }
        }
        assertThat(unexpected).as("promtool findings not named in promtool-exceptions.txt").isEmpty();
        // an exception is stale when its metric is exported and no longer flagged; a meter not registered in
        // this run (the mail client's before the first mail) proves nothing either way
        Set<String> families = new TreeSet<>();
        expositions.values().forEach(text -> families.addAll(familyNames(text)));
        List<String> stale = exceptions.keySet().stream()
                .filter(e -> !used.contains(e) && families.contains(e.substring(0, e.indexOf(' ')))).toList();
        assertThat(stale).as("exceptions whose metric no longer has the finding (remove them from promtool-exceptions.txt)")
                .isEmpty();
    }

    /** Panel title and refId -> PromQL expression, for every target of every panel. */
    private static Map<String, String> dashboardQueries() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(E2eConfig.root()
                .resolve("deploy/k8s/monitoring/sla-platform-dashboard.json").toFile());
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(panel.path("title").asText() + " (" + target.path("refId").asText() + ")",
                        target.path("expr").asText());
            }
        }
        assertThat(queries).as("the dashboard's queries").isNotEmpty();
        return queries;
    }

    /** The names of the samples in a Prometheus text exposition. */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    /** The sample names and the metric family names ({@code # TYPE} lines) of an exposition. */
    static Set<String> familyNames(String exposition) {
        Set<String> names = sampleNames(exposition);
        for (String line : exposition.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                names.add(line.split(" ")[2]);
            }
        }
        return names;
    }

    private static boolean promtoolInstalled() {
        try {
            Process p = new ProcessBuilder("promtool", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** promtool's findings for one exposition, a line each ({@code metric: what}); exit 0 none, 3 lint findings. */
    private static List<String> promtool(String exposition) throws Exception {
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("promtool check metrics exit code (0 clean, 3 lint findings): " + out).isIn(0, 3);
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** promtool-exceptions.txt: a finding per line as promtool prints it, then "  # " and why it stays. */
    private static Map<String, String> exceptions() throws IOException {
        Map<String, String> exceptions = new LinkedHashMap<>();
        Path file = E2eConfig.root().resolve("e2e/src/test/resources/promtool-exceptions.txt");
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int reason = line.indexOf("  # ");
            assertThat(reason).as("an exception without its reason: " + line).isPositive();
            exceptions.put(line.substring(0, reason).strip(), line.substring(reason + 4).strip());
        }
        return exceptions;
    }
}
