package org.slaplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Kubernetes manifests as an operator would apply them: every overlay of deploy/k8s rendered by
 * {@code kubectl kustomize}, then checked against what the rest of the repository says: the
 * services of docker-compose.yml, the channels of the AsyncAPI document, the configuration keys
 * the services read and the schema each one owns.
 */
class ManifestsTest {

    static final Path ROOT = repositoryRoot();
    static final Path OVERLAYS = ROOT.resolve("deploy/k8s/overlays");
    static final Path ASYNCAPI = ROOT.resolve("libs/event-contract/src/main/resources/asyncapi.yaml");
    static final Path COMPOSE = ROOT.resolve("docker-compose.yml");
    static final Path SHARED_CONFIG = ROOT.resolve(
            "libs/platform-runtime/src/main/resources/META-INF/microprofile-config.properties");
    static final String REQUIRED_REPLICAS = "3";
    static final String BARMAN_CLOUD_PLUGIN = "barman-cloud.cloudnative-pg.io";
    /** Read by the JVM itself, not by the service's configuration. */
    static final Set<String> JVM_KEYS = Set.of("JAVA_TOOL_OPTIONS");
    /** An image with an exact version tag (x.y or x.y.z, a suffix allowed) or a digest: no latest, no bare major. */
    static final String PINNED_IMAGE = "[^:@\\s]+(:v?\\d+\\.\\d+[-.\\w]*|@sha256:[0-9a-f]{64})";
    static final String REQUIRED_MIN_INSYNC_REPLICAS = "2";

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> entries = Files.list(OVERLAYS)) {
            return entries.filter(dir -> Files.exists(dir.resolve("kustomization.yaml")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void thereIsASmallAndALargeInstallation() throws IOException {
        assertThat(overlays()).contains("small", "large");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void rendersWithoutError(String overlay) {
        assertThat(objects(overlay)).extracting(o -> o.path("kind").asText())
                .contains("Deployment", "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster", "ObjectStore",
                        "ScheduledBackup", "HTTPRoute", "NetworkPolicy", "PrometheusRule");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceHasProbesLimitsAndANonRootReadOnlyContainer(String overlay) {
        List<JsonNode> objects = objects(overlay);
        for (String service : composeServices().keySet()) {
            JsonNode pod = one(objects, "Deployment", service).path("spec").path("template").path("spec");
            JsonNode container = container(pod, service);
            String what = overlay + ": " + service;

            assertThat(container.at("/startupProbe/httpGet/path").asText()).as(what + " startup probe").isEqualTo("/q/health/started");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(what + " readiness probe").isEqualTo("/q/health/ready");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(what + " liveness probe").isEqualTo("/q/health/live");
            for (String kind : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(container.path("resources").path(kind).path(resource).asText())
                            .as(what + " resources." + kind + "." + resource).isNotBlank();
                }
            }

            JsonNode security = container.path("securityContext");
            boolean nonRoot = security.path("runAsNonRoot").asBoolean(false)
                    || pod.at("/securityContext/runAsNonRoot").asBoolean(false);
            assertThat(nonRoot).as(what + " runAsNonRoot").isTrue();
            assertThat(security.path("readOnlyRootFilesystem").asBoolean(false)).as(what + " readOnlyRootFilesystem").isTrue();
            assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).as(what + " allowPrivilegeEscalation").isFalse();
            assertThat(texts(security.at("/capabilities/drop"))).as(what + " capabilities.drop").contains("ALL");

            // A read-only root filesystem leaves the JVM /tmp only if a volume is mounted there.
            String tmpVolume = stream(container.path("volumeMounts"))
                    .filter(mount -> mount.path("mountPath").asText().equals("/tmp"))
                    .map(mount -> mount.path("name").asText()).findFirst().orElse("");
            assertThat(stream(pod.path("volumes")).filter(v -> v.path("name").asText().equals(tmpVolume)))
                    .as(what + " /tmp on an emptyDir").anyMatch(v -> v.has("emptyDir"));

            // Out of memory, the JVM exits and Kubernetes restarts the container.
            assertThat(valueOf(container, "JAVA_TOOL_OPTIONS")).as(what + " JAVA_TOOL_OPTIONS")
                    .contains("-XX:+ExitOnOutOfMemoryError");
            assertThat(container.path("image").asText()).as(what + " image").matches(PINNED_IMAGE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void aDeploymentScaledByAnAutoscalerSetsNoReplicas(String overlay) {
        List<JsonNode> objects = objects(overlay);
        for (JsonNode hpa : ofKind(objects, "HorizontalPodAutoscaler")) {
            JsonNode deployment = one(objects, "Deployment", hpa.at("/spec/scaleTargetRef/name").asText());
            assertThat(deployment.at("/spec/replicas").isMissingNode())
                    .as(overlay + ": Deployment " + deployment.at("/metadata/name").asText()
                            + " sets replicas, which every apply would reset under its HPA").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceHasAServiceAPodDisruptionBudgetAndAutoscalersTargetRealDeployments(String overlay) {
        List<JsonNode> objects = objects(overlay);
        for (String service : composeServices().keySet()) {
            JsonNode labels = one(objects, "Deployment", service).at("/spec/template/metadata/labels");
            assertThat(selects(one(objects, "Service", service).at("/spec/selector"), labels))
                    .as(overlay + ": Service " + service + " selects its pods").isTrue();
            assertThat(selects(one(objects, "PodDisruptionBudget", service).at("/spec/selector/matchLabels"), labels))
                    .as(overlay + ": PodDisruptionBudget " + service + " selects its pods").isTrue();
        }
        List<JsonNode> autoscalers = ofKind(objects, "HorizontalPodAutoscaler");
        assertThat(autoscalers).as(overlay + ": HorizontalPodAutoscalers").isNotEmpty();
        for (JsonNode hpa : autoscalers) {
            JsonNode target = hpa.at("/spec/scaleTargetRef");
            assertThat(target.path("kind").asText()).isEqualTo("Deployment");
            assertThat(composeServices()).as(overlay + ": HPA target").containsKey(target.path("name").asText());
            assertThat(hpa.at("/spec/minReplicas").asInt()).as(overlay + ": HPA min replicas, so the PDB can let one go")
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyAsyncApiChannelHasAKafkaTopicAndEveryKafkaTopicAChannel(String overlay) {
        List<JsonNode> objects = objects(overlay);
        Map<String, JsonNode> channels = new TreeMap<>();
        asyncApi().path("channels").forEach(channel ->
                channels.put(channel.path("address").asText(), channel.at("/bindings/kafka")));
        Map<String, JsonNode> topics = new TreeMap<>();
        for (JsonNode topic : ofKind(objects, "KafkaTopic")) {
            String name = topic.at("/spec/topicName").asText(topic.at("/metadata/name").asText());
            topics.put(name, topic);
        }
        assertThat(channels).as("channels of " + ASYNCAPI).isNotEmpty();
        assertThat(topics.keySet()).as(overlay + ": KafkaTopics against the AsyncAPI channels")
                .containsExactlyInAnyOrderElementsOf(channels.keySet());

        String cluster = one(objects, "Kafka").at("/metadata/name").asText();
        channels.forEach((address, binding) -> {
            JsonNode topic = topics.get(address);
            JsonNode config = topic.at("/spec/config");
            String what = overlay + ": KafkaTopic " + address;
            assertThat(topic.at("/metadata/labels/strimzi.io~1cluster").asText()).as(what + " cluster").isEqualTo(cluster);
            assertThat(topic.at("/spec/partitions").asInt()).as(what + " partitions").isEqualTo(binding.path("partitions").asInt());
            assertThat(topic.at("/spec/replicas").asText()).as(what + " replicas").isEqualTo(REQUIRED_REPLICAS);
            assertThat(config.path("min.insync.replicas").asText()).as(what + " min.insync.replicas").isEqualTo(REQUIRED_MIN_INSYNC_REPLICAS);
            binding.path("topicConfiguration").fields().forEachRemaining(setting ->
                    assertThat(config.path(setting.getKey()).asText()).as(what + " " + setting.getKey())
                            .isEqualTo(kafkaValue(setting.getValue())));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void kafkaRunsInKRaftModeOnNodePools(String overlay) {
        List<JsonNode> objects = objects(overlay);
        JsonNode kafka = one(objects, "Kafka");
        String cluster = kafka.at("/metadata/name").asText();
        // Strimzi's v1 API: KRaft and node pools are all there is; the v1beta2 annotations are ignored.
        assertThat(objects).filteredOn(o -> o.path("apiVersion").asText().startsWith("kafka.strimzi.io/"))
                .as(overlay + ": Strimzi resources on kafka.strimzi.io/v1")
                .allMatch(o -> o.path("apiVersion").asText().equals("kafka.strimzi.io/v1"));
        assertThat(kafka.at("/metadata/annotations").isMissingNode() || kafka.at("/metadata/annotations").isEmpty())
                .as(overlay + ": no strimzi.io/kraft or node-pools annotations").isTrue();
        assertThat(kafka.at("/spec/zookeeper").isMissingNode()).as("no ZooKeeper").isTrue();
        assertThat(kafka.at("/spec/kafka/config/min.insync.replicas").asText()).isEqualTo(REQUIRED_MIN_INSYNC_REPLICAS);
        assertThat(kafka.at("/spec/kafka/config/auto.create.topics.enable").asText())
                .as(overlay + ": topics are KafkaTopics, never auto-created").isEqualTo("false");
        int controllers = 0;
        int brokers = 0;
        for (JsonNode pool : ofKind(objects, "KafkaNodePool")) {
            assertThat(pool.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo(cluster);
            Set<String> roles = new TreeSet<>(texts(pool.at("/spec/roles")));
            int replicas = pool.at("/spec/replicas").asInt();
            controllers += roles.contains("controller") ? replicas : 0;
            brokers += roles.contains("broker") ? replicas : 0;
            assertThat(pool.at("/spec/jvmOptions/-XX/ExitOnOutOfMemoryError").asText())
                    .as(overlay + ": node pool " + pool.at("/metadata/name").asText() + " -XX:+ExitOnOutOfMemoryError").isEqualTo("true");
        }
        assertThat(controllers).as(overlay + ": KRaft controllers (an odd quorum of 3 or more)").isGreaterThanOrEqualTo(3).isOdd();
        assertThat(brokers).as(overlay + ": brokers, for replication 3").isGreaterThanOrEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void servicesReachKafkaWithScramOverTlsTrustingTheClusterCa(String overlay) {
        List<JsonNode> objects = objects(overlay);
        JsonNode kafka = one(objects, "Kafka");
        String cluster = kafka.at("/metadata/name").asText();
        for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
            assertThat(listener.path("tls").asBoolean(false)).as(overlay + ": listener " + listener.path("name").asText() + " TLS").isTrue();
            assertThat(listener.at("/authentication/type").asText()).as(overlay + ": listener authentication").isEqualTo("scram-sha-512");
        }
        JsonNode config = one(objects, "ConfigMap", "platform-config").path("data");
        assertThat(config.path("KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_SSL");
        String bootstrap = config.path("KAFKA_BOOTSTRAP_SERVERS").asText();
        assertThat(stream(kafka.at("/spec/kafka/listeners")).map(l -> cluster + "-kafka-bootstrap:" + l.path("port").asText()))
                .as(overlay + ": the bootstrap address is a TLS listener's").contains(bootstrap);
        Path truststore = Path.of(config.path("PLATFORM_KAFKA_TRUSTSTORE_LOCATION").asText());
        for (String service : composeServices().keySet()) {
            JsonNode pod = one(objects, "Deployment", service).at("/spec/template/spec");
            String volume = stream(container(pod, service).path("volumeMounts"))
                    .filter(m -> m.path("mountPath").asText().equals(String.valueOf(truststore.getParent())))
                    .map(m -> m.path("name").asText()).findFirst().orElse("");
            assertThat(stream(pod.path("volumes")).filter(v -> v.path("name").asText().equals(volume)))
                    .as(overlay + ": " + service + " mounts the cluster CA at " + truststore)
                    .anyMatch(v -> v.at("/secret/secretName").asText().equals(cluster + "-cluster-ca-cert")
                            && stream(v.at("/secret/items")).anyMatch(i -> i.path("key").asText().equals("ca.crt")
                                    && i.path("path").asText().equals(String.valueOf(truststore.getFileName()))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyServiceIsAKafkaUserLimitedToItsTopicsAndItsGroup(String overlay) {
        List<JsonNode> objects = objects(overlay);
        Set<String> topics = ofKind(objects, "KafkaTopic").stream()
                .map(topic -> topic.at("/spec/topicName").asText(topic.at("/metadata/name").asText()))
                .collect(Collectors.toCollection(TreeSet::new));
        List<JsonNode> users = ofKind(objects, "KafkaUser");
        assertThat(users).extracting(user -> user.at("/metadata/name").asText())
                .containsExactlyInAnyOrderElementsOf(composeServices().keySet());
        for (JsonNode user : users) {
            String name = user.at("/metadata/name").asText();
            String what = overlay + ": KafkaUser " + name;
            assertThat(user.at("/spec/authentication/type").asText()).as(what + " authentication").isEqualTo("scram-sha-512");
            assertThat(user.at("/spec/authorization/type").asText()).as(what + " authorization").isEqualTo("simple");
            for (JsonNode acl : user.at("/spec/authorization/acls")) {
                JsonNode resource = acl.path("resource");
                assertThat(resource.path("patternType").asText("literal")).as(what + " ACL pattern").isEqualTo("literal");
                switch (resource.path("type").asText()) {
                    case "topic" -> assertThat(topics).as(what + " ACL on a topic").contains(resource.path("name").asText());
                    case "group" -> assertThat(resource.path("name").asText()).as(what + " ACL on its own group").isEqualTo(name);
                    default -> throw new AssertionError(what + " has an ACL on " + resource + ": only its topics and group");
                }
            }
            assertThat(secretOf(container(one(objects, "Deployment", name)), "PLATFORM_KAFKA_PASSWORD"))
                    .as(overlay + ": " + name + " reads the password of its KafkaUser").isEqualTo(name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void postgresHasThreeInstancesBackupsAndARolePerServiceOwningOnlyItsSchema(String overlay) {
        List<JsonNode> objects = objects(overlay);
        JsonNode cluster = one(objects, "Cluster");
        String name = cluster.at("/metadata/name").asText();
        assertThat(cluster.at("/spec/instances").asInt()).isEqualTo(3);
        assertThat(cluster.at("/spec/imageName").asText()).as(overlay + ": PostgreSQL image").matches(PINNED_IMAGE);
        // Backups through the Barman Cloud plugin, not the deprecated in-tree barmanObjectStore.
        assertThat(cluster.at("/spec/backup/barmanObjectStore").isMissingNode()).as(overlay + ": no in-tree barmanObjectStore").isTrue();
        JsonNode plugin = stream(cluster.at("/spec/plugins")).filter(p -> p.path("name").asText().equals(BARMAN_CLOUD_PLUGIN))
                .findFirst().orElseThrow(() -> new AssertionError(overlay + ": Cluster has no " + BARMAN_CLOUD_PLUGIN + " plugin"));
        assertThat(plugin.path("isWALArchiver").asBoolean(false)).as(overlay + ": WAL archived by the plugin").isTrue();
        JsonNode store = one(objects, "ObjectStore", plugin.at("/parameters/barmanObjectName").asText());
        assertThat(store.at("/spec/configuration/destinationPath").asText()).as("backups").isNotBlank();
        assertThat(ofKind(objects, "ScheduledBackup")).filteredOn(b -> b.at("/spec/cluster/name").asText().equals(name))
                .isNotEmpty()
                .allMatch(b -> b.at("/spec/method").asText().equals("plugin")
                        && b.at("/spec/pluginConfiguration/name").asText().equals(BARMAN_CLOUD_PLUGIN));
        assertThat(one(objects, "ConfigMap", "platform-config").at("/data/PLATFORM_DB_HOST").asText())
                .as("services connect to the primary").isEqualTo(name + "-rw");

        List<String> sql = texts(cluster.at("/spec/bootstrap/initdb/postInitApplicationSQL")).stream()
                .map(statement -> statement.trim().replaceAll("\\s+", " ").toLowerCase()).toList();
        Map<String, String> roleBySecret = new TreeMap<>();
        for (JsonNode role : cluster.at("/spec/managed/roles")) {
            roleBySecret.put(role.at("/passwordSecret/name").asText(), role.path("name").asText());
        }
        for (String service : composeServices().keySet()) {
            JsonNode container = container(one(objects, "Deployment", service));
            String secret = secretOf(container, "PLATFORM_DB_USER");
            assertThat(secretOf(container, "PLATFORM_DB_PASSWORD")).isEqualTo(secret);
            assertThat(roleBySecret).as(overlay + ": managed role whose password " + service + " reads").containsKey(secret);
            String role = roleBySecret.get(secret);
            String schema = serviceProperties(service).getProperty("platform.db.schema");
            assertThat(sql).as(overlay + ": " + role + " owns schema " + schema)
                    .contains("create schema " + schema + " authorization " + role);
            assertThat(sql).as(overlay + ": " + role + " gets rights on no other schema")
                    .filteredOn(s -> s.startsWith("grant") && s.endsWith(" to " + role) && s.contains(" on schema "))
                    .allMatch(s -> s.contains(" on schema " + schema + " "));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void composeAndKubernetesUseTheSameConfigurationKeys(String overlay) {
        List<JsonNode> objects = objects(overlay);
        composeServices().forEach((service, composeKeys) -> {
            JsonNode container = container(one(objects, "Deployment", service));
            Set<String> kubernetesKeys = new TreeSet<>();
            container.path("env").forEach(variable -> kubernetesKeys.add(variable.path("name").asText()));
            for (JsonNode source : container.path("envFrom")) {
                assertThat(source.has("secretRef")).as(service + ": envFrom a Secret hides its keys; use env secretKeyRef").isFalse();
                one(objects, "ConfigMap", source.at("/configMapRef/name").asText()).path("data").fieldNames()
                        .forEachRemaining(kubernetesKeys::add);
            }
            assertThat(kubernetesKeys).as(overlay + ": environment of " + service + " against docker-compose.yml")
                    .containsExactlyInAnyOrderElementsOf(composeKeys);
            String config = read(SHARED_CONFIG) + "\n" + read(servicePropertiesFile(service));
            assertThat(kubernetesKeys).as(service + ": every key is one the service reads (or the JVM: " + JVM_KEYS + ")")
                    .allMatch(key -> JVM_KEYS.contains(key) || readsKey(config, key));
        });
    }

    // --- the repository's other sources of truth

    /** The services of docker-compose.yml built from the service Dockerfile, with their environment's keys. */
    static Map<String, Set<String>> composeServices() {
        Map<String, Set<String>> services = new TreeMap<>();
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            Map<String, Object> compose = new Yaml().load(reader);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> declared = (Map<String, Map<String, Object>>) compose.get("services");
            declared.forEach((name, service) -> {
                if (service.get("build") instanceof Map<?, ?> build && build.get("args") instanceof Map<?, ?> args
                        && name.equals(args.get("SERVICE"))) {
                    Map<?, ?> environment = (Map<?, ?>) service.getOrDefault("environment", Map.of());
                    services.put(name, environment.keySet().stream().map(Object::toString)
                            .collect(Collectors.toCollection(TreeSet::new)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(services).as("services built in " + COMPOSE).hasSizeGreaterThanOrEqualTo(5);
        return services;
    }

    static JsonNode asyncApi() {
        try {
            return Kustomize.YAML.readTree(ASYNCAPI.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path servicePropertiesFile(String service) {
        return ROOT.resolve(service).resolve("src/main/resources/application.properties");
    }

    static Properties serviceProperties(String service) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(servicePropertiesFile(service))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /**
     * Whether the configuration reads an environment variable: it defines the property the variable
     * maps to (PLATFORM_DB_HOST -> platform.db.host) or names either in an expression.
     */
    static boolean readsKey(String config, String variable) {
        String property = variable.toLowerCase().replace('_', '.');
        return config.contains("${" + variable) || config.contains("${" + property)
                || config.lines().anyMatch(line -> line.startsWith(property + "="));
    }

    /** A topicConfiguration value as Kafka takes it: lists (cleanup.policy) comma-separated. */
    static String kafkaValue(JsonNode value) {
        return value.isArray() ? String.join(",", texts(value)) : value.asText();
    }

    // --- reading the rendered objects

    static List<JsonNode> objects(String overlay) {
        return Kustomize.render(OVERLAYS.resolve(overlay));
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    static JsonNode one(List<JsonNode> objects, String kind) {
        List<JsonNode> found = ofKind(objects, kind);
        assertThat(found).as("one " + kind).hasSize(1);
        return found.get(0);
    }

    /** The object of that kind and name; a generated ConfigMap is found by its name without the hash suffix too. */
    static JsonNode one(List<JsonNode> objects, String kind, String name) {
        List<JsonNode> found = ofKind(objects, kind).stream().filter(o -> {
            String actual = o.at("/metadata/name").asText();
            return actual.equals(name) || (kind.equals("ConfigMap") && actual.matches(name + "-[a-z0-9]{10}"));
        }).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    static JsonNode container(JsonNode deploymentOrPod) {
        JsonNode pod = deploymentOrPod.has("spec") ? deploymentOrPod.at("/spec/template/spec") : deploymentOrPod;
        return container(pod, deploymentOrPod.at("/metadata/name").asText());
    }

    static JsonNode container(JsonNode pod, String name) {
        return stream(pod.path("containers")).filter(c -> c.path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no container named " + name));
    }

    static String valueOf(JsonNode container, String variable) {
        return stream(container.path("env")).filter(e -> e.path("name").asText().equals(variable))
                .map(e -> e.path("value").asText()).findFirst().orElse("");
    }

    static String secretOf(JsonNode container, String variable) {
        return stream(container.path("env")).filter(e -> e.path("name").asText().equals(variable))
                .map(e -> e.at("/valueFrom/secretKeyRef/name").asText()).findFirst()
                .orElseThrow(() -> new AssertionError(variable + " is not read from a Secret"));
    }

    static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        Map<String, String> wanted = new LinkedHashMap<>();
        selector.fields().forEachRemaining(e -> wanted.put(e.getKey(), e.getValue().asText()));
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.path(e.getKey()).asText(null)));
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
    }

    static Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("deploy/k8s"))) {
                return dir;
            }
        }
        throw new AssertionError("run from inside the repository: no docker-compose.yml with deploy/k8s above "
                + Path.of("").toAbsolutePath());
    }
}
