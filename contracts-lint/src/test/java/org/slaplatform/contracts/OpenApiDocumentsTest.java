package org.slaplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Each service's OpenAPI document as the build exported it ({@code <service>/target/openapi/openapi.json},
 * {@code quarkus.smallrye-openapi.store-schema-directory}): what a client reads must name and describe
 * every operation, show an example of every request body, and describe every error as the shared
 * RFC 9457 {@code Problem} (DESIGN 6). Spectral lints the same files in this module's verify phase.
 */
class OpenApiDocumentsTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private record Op(String name, JsonNode node) {
    }

    private static JsonNode document(String service) throws IOException {
        Path file = Path.of("..", service, "target", "openapi", "openapi.json");
        assertThat(file).as("the document %s exports when packaged: build it first (./mvnw -pl %s -am package)", service,
                service).exists();
        return new ObjectMapper().readTree(Files.readString(file));
    }

    private static List<Op> operations(JsonNode doc) {
        List<Op> ops = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(method -> {
                if (METHODS.contains(method.getKey())) {
                    ops.add(new Op(method.getKey().toUpperCase() + " " + path.getKey(), method.getValue()));
                }
            });
        }
        return ops;
    }

    @ParameterizedTest
    @ValueSource(strings = { "ticket-service", "sla-timer-service", "availability-service", "credit-service",
            "notification-service" })
    @DisplayName("every operation has a unique operationId, a summary and a description")
    void everyOperationIsNamedAndDescribed(String service) throws IOException {
        List<Op> ops = operations(document(service));
        assertThat(ops).as(service + " operations").isNotEmpty();
        Set<String> ids = new HashSet<>();
        for (Op op : ops) {
            String id = op.node().path("operationId").asText("");
            assertThat(id).as("operationId of %s in %s", op.name(), service).isNotBlank();
            assertThat(ids.add(id)).as("operationId %s used twice in %s", id, service).isTrue();
            assertThat(op.node().path("summary").asText("")).as("summary of %s in %s", op.name(), service).isNotBlank();
            assertThat(op.node().path("description").asText("")).as("description of %s in %s", op.name(), service)
                    .isNotBlank();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "ticket-service", "sla-timer-service", "availability-service", "credit-service",
            "notification-service" })
    @DisplayName("the x-problem-responses marker of the resources is consumed by ProblemResponsesFilter, not published")
    void noInternalMarkerIsPublished(String service) throws IOException {
        assertThat(Files.readString(Path.of("..", service, "target", "openapi", "openapi.json")))
                .doesNotContain("x-problem-responses");
    }

    @ParameterizedTest
    @ValueSource(strings = { "ticket-service", "sla-timer-service", "availability-service", "credit-service",
            "notification-service" })
    @DisplayName("DESIGN-6 every error answer is an application/problem+json Problem; every API path answers 401 and 403")
    void everyErrorIsAProblem(String service) throws IOException {
        JsonNode doc = document(service);
        JsonNode problem = doc.at("/components/schemas/Problem/properties");
        assertThat(iterable(problem.fieldNames())).containsExactlyInAnyOrder("type", "title", "status", "detail", "instance",
                "violations");
        assertThat(doc.at("/components/schemas/Problem/properties/violations/items/$ref").asText())
                .isEqualTo("#/components/schemas/Violation");
        assertThat(iterable(doc.at("/components/schemas/Violation/properties").fieldNames()))
                .containsExactlyInAnyOrder("field", "message");
        for (Op op : operations(doc)) {
            JsonNode responses = op.node().path("responses");
            assertThat(iterable(responses.fieldNames())).as("responses of %s", op.name())
                    .anyMatch(code -> code.startsWith("2")).contains("500", "503");
            if (op.name().contains(" /api/")) {
                assertThat(iterable(responses.fieldNames())).as("responses of %s", op.name()).contains("401", "403");
            }
            responses.fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("2")) {
                    return;
                }
                String ref = response.getValue().path("$ref").asText("");
                assertThat(ref).as("%s answer of %s", response.getKey(), op.name()).startsWith("#/components/responses/");
                JsonNode shared = doc.at(ref.substring(1));
                assertThat(shared.at("/content/application~1problem+json/schema/$ref").asText())
                        .as("%s answer of %s", response.getKey(), op.name()).isEqualTo("#/components/schemas/Problem");
                assertThat(shared.at("/content/application~1problem+json/examples").size())
                        .as("example of %s", ref).isPositive();
            });
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "ticket-service", "availability-service", "credit-service", "notification-service" })
    @DisplayName("every request body shows at least one example")
    void everyRequestBodyHasAnExample(String service) throws IOException {
        int bodies = 0;
        for (Op op : operations(document(service))) {
            JsonNode body = op.node().path("requestBody");
            if (body.isMissingNode()) {
                continue;
            }
            bodies++;
            JsonNode content = body.path("content");
            assertThat(content.size()).as("media types of the body of %s", op.name()).isPositive();
            content.fields().forEachRemaining(media -> assertThat(media.getValue().path("examples").size()
                    + (media.getValue().has("example") ? 1 : 0)).as("examples of the %s body of %s", media.getKey(), op.name())
                    .isPositive());
        }
        assertThat(bodies).as(service + " operations with a body").isPositive();
    }

    private static <T> List<T> iterable(Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }
}
