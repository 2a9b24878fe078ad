package org.slaplatform.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A service's own OpenAPI document, as the service serves it ({@code /q/openapi?format=json}), read
 * into the operations the access matrix and the request fuzz are generated from (issue 17).
 */
public final class OpenApiDocument {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private final JsonNode root;
    private final List<Operation> operations;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
        List<Operation> found = new ArrayList<>();
        root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (METHODS.contains(entry.getKey())) {
                found.add(operation(path.getKey(), entry.getKey().toUpperCase(), entry.getValue(), path.getValue()));
            }
        }));
        found.sort(Comparator.comparing(Operation::id));
        this.operations = List.copyOf(found);
    }

    public static OpenApiDocument parse(String json) {
        try {
            return new OpenApiDocument(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the OpenAPI document is not JSON", e);
        }
    }

    /** Every operation, ordered by operationId so that a seeded run picks the same requests. */
    public List<Operation> operations() {
        return operations;
    }

    /** The schema with every {@code $ref} (at its top) followed. */
    public JsonNode resolve(JsonNode schema) {
        JsonNode current = schema == null ? JsonNodeFactory.instance.objectNode() : schema;
        for (int i = 0; i < 20 && current.has("$ref"); i++) {
            String ref = current.get("$ref").asText();
            current = root.at(ref.substring(1));
        }
        if (current.has("allOf") && current.get("allOf").size() == 1) {
            return resolve(current.get("allOf").get(0));
        }
        return current;
    }

    private Operation operation(String path, String method, JsonNode node, JsonNode pathItem) {
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode source : List.of(pathItem.path("parameters"), node.path("parameters"))) {
            for (JsonNode p : source) {
                JsonNode parameter = resolve(p);
                parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
                        parameter.path("required").asBoolean(false), resolve(parameter.path("schema"))));
            }
        }
        String mediaType = null;
        JsonNode bodySchema = null;
        String example = null;
        Iterator<Map.Entry<String, JsonNode>> contents = node.path("requestBody").path("content").fields();
        if (contents.hasNext()) {
            Map.Entry<String, JsonNode> content = contents.next();
            mediaType = content.getKey();
            bodySchema = content.getValue().path("schema");
            example = firstExample(content.getValue());
        }
        Set<String> roles = new LinkedHashSet<>();
        boolean secured = node.has("security");
        for (JsonNode requirement : node.path("security")) {
            requirement.elements().forEachRemaining(scopes -> scopes.forEach(role -> roles.add(role.asText())));
        }
        Set<Integer> success = new LinkedHashSet<>();
        node.path("responses").fieldNames().forEachRemaining(code -> {
            if (code.startsWith("2")) {
                success.add(Integer.parseInt(code));
            }
        });
        String id = node.path("operationId").asText(method + " " + path);
        return new Operation(id, method, path, List.copyOf(parameters), mediaType, bodySchema, example,
                secured, Set.copyOf(roles), Set.copyOf(success));
    }

    private static String firstExample(JsonNode content) {
        JsonNode value = content.has("example") ? content.get("example")
                : content.path("examples").elements().hasNext()
                        ? content.path("examples").elements().next().path("value")
                        : null;
        if (value == null || value.isMissingNode()) {
            return null;
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** One parameter of an operation, its schema resolved. */
    public record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /**
     * One operation of the document.
     *
     * @param roles   the roles its {@code security} requirement names (empty for an anonymous one)
     * @param secured whether it has a security requirement at all
     * @param success its documented 2xx answers
     */
    public record Operation(String id, String method, String path, List<Parameter> parameters, String mediaType,
            JsonNode bodySchema, String example, boolean secured, Set<String> roles, Set<Integer> success) {

        public List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }

        public boolean writes() {
            return !method.equals("GET");
        }

        public boolean jsonBody() {
            return mediaType != null && mediaType.contains("json");
        }

        @Override
        public String toString() {
            return id + " (" + method + " " + path + ")";
        }
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }
}
