package org.slaplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Every custom resource an overlay renders, validated against the openAPIV3Schema of its operator's
 * CRD (Strimzi, CloudNativePG, the Barman Cloud plugin, Gateway API, Prometheus Operator), as the API
 * server would with strict field validation: an unknown field is an error (the API server would
 * drop it silently), and so is a field the CRD marks deprecated. The schemas are committed under
 * src/test/resources/crds (see update-crds.py there for their source and version), so this runs
 * offline.
 */
class CrdSchemasTest {

    static final Path CRDS = ManifestsTest.ROOT.resolve("deploy/manifests-test/src/test/resources/crds");

    /** Kubernetes' own API groups: no CRD; their kinds are checked by ManifestsTest. */
    static final Set<String> BUILT_IN = Set.of("v1", "apps/v1", "policy/v1", "autoscaling/v2", "networking.k8s.io/v1");

    static final Map<String, JsonNode> SCHEMAS = schemas();

    static Stream<String> overlays() throws IOException {
        return ManifestsTest.overlays();
    }

    @Test
    void theSchemasOfEveryOperatorAreThere() {
        assertThat(SCHEMAS.keySet()).contains(
                "kafka.strimzi.io/v1 Kafka", "kafka.strimzi.io/v1 KafkaNodePool", "kafka.strimzi.io/v1 KafkaTopic",
                "kafka.strimzi.io/v1 KafkaUser", "postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 ScheduledBackup",
                "barmancloud.cnpg.io/v1 ObjectStore", "gateway.networking.k8s.io/v1 HTTPRoute",
                "monitoring.coreos.com/v1 PrometheusRule", "monitoring.coreos.com/v1 ServiceMonitor",
                "monitoring.coreos.com/v1 PodMonitor");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyCustomResourceIsValidAgainstItsCrd(String overlay) {
        List<String> problems = new ArrayList<>();
        for (JsonNode object : ManifestsTest.objects(overlay)) {
            String apiVersion = object.path("apiVersion").asText();
            if (BUILT_IN.contains(apiVersion)) {
                continue;
            }
            String what = apiVersion + " " + object.path("kind").asText() + " " + object.at("/metadata/name").asText();
            JsonNode schema = SCHEMAS.get(apiVersion + " " + object.path("kind").asText());
            if (schema == null) {
                problems.add(what + ": no CRD schema under " + CRDS + " (an old API version, or add the CRD)");
                continue;
            }
            for (Error error : validator(schema).validate(object)) {
                problems.add(what + ": " + error);
            }
            deprecatedFields(object, schema, "", problems, what);
        }
        assertThat(problems).as(overlay + ": custom resources against their CRDs").isEmpty();
    }

    @Test
    void anUnknownOrOldFieldFails() {
        // The v1beta2 shape that Strimzi's v1 API removed: spec.kafka.replicas, spec.zookeeper.
        JsonNode kafka = Kustomize.YAML.valueToTree(Map.of("apiVersion", "kafka.strimzi.io/v1", "kind", "Kafka",
                "metadata", Map.of("name", "k"),
                "spec", Map.of("kafka", Map.of("replicas", 3, "listeners", List.of()), "zookeeper", Map.of("replicas", 3))));
        assertThat(validator(SCHEMAS.get("kafka.strimzi.io/v1 Kafka")).validate(kafka))
                .extracting(Error::toString).anyMatch(e -> e.contains("replicas")).anyMatch(e -> e.contains("zookeeper"));
    }

    // --- the schemas

    static Schema validator(JsonNode schema) {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09).getSchema(strict(schema.deepCopy()));
    }

    private static Map<String, JsonNode> schemas() {
        Map<String, JsonNode> schemas = new TreeMap<>();
        try (Stream<Path> files = Files.list(CRDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                JsonNode crd = Kustomize.YAML.readTree(file.toFile());
                schemas.put(crd.path("apiVersion").asText() + " " + crd.path("kind").asText(), crd.path("openAPIV3Schema"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return schemas;
    }

    /**
     * The schema as the API server applies it with strict field validation: an object schema that
     * lists its properties admits no others unless it says x-kubernetes-preserve-unknown-fields.
     */
    private static JsonNode strict(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode node = (ObjectNode) schema;
            if (node.has("properties") && !node.has("additionalProperties")
                    && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
                node.put("additionalProperties", false);
            }
            // metadata is an ObjectMeta the CRD does not describe; the API server checks it.
            node.properties().forEach(entry -> strict(entry.getValue()));
        } else if (schema.isArray()) {
            schema.forEach(CrdSchemasTest::strict);
        }
        return schema;
    }

    /** Fields of the object whose schema carries deprecated: true (update-crds.py keeps the CRDs' word). */
    private static void deprecatedFields(JsonNode value, JsonNode schema, String path, List<String> problems, String what) {
        if (schema.path("deprecated").asBoolean(false)) {
            problems.add(what + ": " + path + " is deprecated in its CRD");
        }
        if (value.isObject() && schema.has("properties")) {
            value.properties().forEach(field -> {
                JsonNode fieldSchema = schema.path("properties").path(field.getKey());
                if (!fieldSchema.isMissingNode()) {
                    deprecatedFields(field.getValue(), fieldSchema, path + "/" + field.getKey(), problems, what);
                }
            });
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                deprecatedFields(value.get(i), schema.path("items"), path + "/" + i, problems, what);
            }
        }
    }
}
