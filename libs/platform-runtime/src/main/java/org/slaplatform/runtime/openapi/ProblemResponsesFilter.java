package org.slaplatform.runtime.openapi;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.slaplatform.runtime.problem.Problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * One place for what every service's OpenAPI document says about errors (DESIGN 6): the RFC 9457
 * {@code Problem} schema as {@link Problem} and {@code ProblemMappers} write it, shared responses in
 * {@code components.responses}, and on every operation the errors it can answer: 400 where it takes
 * input, 401 and 403 under {@code /api} (every API path needs a token, DESIGN 7), 404 where the path
 * names a resource, 503 when the database pool is exhausted ({@code PoolExhaustion}) and 500 for the
 * unexpected; 409 ({@code Conflict}) and 422 ({@code Unprocessable}) where a resource method names them
 * with {@code @Extension(name = "x-problem-responses", value = "409 422")} (an {@code @APIResponse} there
 * would stop SmallRye from documenting the success answer). An operation's own response for a code wins. Runs at build time, so the
 * document exported to {@code target/openapi} has it too.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    static final String PROBLEM = "Problem";
    static final String VIOLATION = "Violation";
    private static final String RESPONSES = "#/components/responses/";
    /** On a resource method: {@code @Extension(name = "x-problem-responses", value = "409 422")}. */
    static final String EXTENSION = "x-problem-responses";

    /** Shared responses: name, status, description, one example problem. */
    private record Shared(String name, String status, String description, Problem example) {
    }

    private static final List<Shared> SHARED = List.of(
            new Shared("BadRequest", "400", "Invalid input: each bad field is named in `violations`; nothing was written.",
                    Problem.of("invalid-input", "Invalid input", 400, "severity: must be between 1 and 4")
                            .withInstance("/api/v1/tickets")
                            .withViolations(List.of(new Problem.Violation("severity", "must be between 1 and 4")))),
            new Shared("Unauthorized", "401", "No bearer token, or one that does not verify.",
                    Problem.of("unauthorized", "Unauthorized", 401, "a valid bearer token is required")
                            .withInstance("/api/v1/tickets")),
            new Shared("Forbidden", "403", "The token's role may not do this, or acts for another account.",
                    Problem.of("forbidden", "Forbidden", 403, "your role may not do this").withInstance("/api/v1/tickets")),
            new Shared("NotFound", "404", "Not found, or not visible to the caller's account.",
                    Problem.of("not-found", "Not found", 404, "ticket 6f1c2b1e-8a51-4d0e-9b7c-3f0e2a9d4c11 does not exist")
                            .withInstance("/api/v1/tickets/6f1c2b1e-8a51-4d0e-9b7c-3f0e2a9d4c11")),
            new Shared("Conflict", "409", "Conflicts with the current state; nothing was written.",
                    Problem.of("conflict", "Conflict", 409, "account acme already has this subscription")
                            .withInstance("/api/v1/subscriptions")),
            new Shared("PayloadTooLarge", "413", "The body is over this operation's size limit; nothing was read or written.",
                    Problem.payloadTooLarge("the message is over 262144 bytes")
                            .withInstance("/api/v1/intake/email")),
            new Shared("Unprocessable", "422", "Well-formed, but the platform cannot act on it (an unknown instance,"
                    + " a time out of range, too short a notice); nothing was written.",
                    Problem.of("unknown-instance", "Unknown instance", 422, "instanceId: acme-prod-xx is not an instance of a contract")
                            .withInstance("/api/v1/outages")
                            .withViolations(List.of(new Problem.Violation("instanceId", "acme-prod-xx is not an instance of a contract")))),
            new Shared("InternalError", "500", "An unexpected failure; it has been logged, nothing partial was written.",
                    Problem.of("internal", "Internal error", 500, "the request failed; it has been logged")
                            .withInstance("/api/v1/tickets")),
            new Shared("Overloaded", "503", "No database connection became free in time; nothing was written."
                    + " Try again after `Retry-After` seconds.",
                    Problem.of("overloaded", "Service overloaded", 503, "no database connection became free in time; nothing was changed, retry later")
                            .withInstance("/api/v1/tickets")));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(VIOLATION, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("One bad input field and why.")
                .addRequired("field").addRequired("message")
                .addProperty("field", string("The field's path, e.g. `severity` or `contacts[0].email`."))
                .addProperty("message", string("What is wrong with it.")));
        components.addSchema(PROBLEM, OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details, the body of every 4xx and 5xx answer (application/problem+json).")
                .addRequired("type").addRequired("title").addRequired("status")
                .addProperty("type", string("A URI naming the kind of problem.").format("uri"))
                .addProperty("title", string("A short summary of the kind."))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .format("int32").description("The HTTP status."))
                .addProperty("detail", string("What went wrong this time, for a person."))
                .addProperty("instance", string("The request path."))
                .addProperty("violations", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .description("For invalid input: each bad field and why.")
                        .items(OASFactory.createSchema().ref(VIOLATION))));
        for (Shared shared : SHARED) {
            Example example = OASFactory.createExample().summary(shared.example().title()).value(exampleValue(shared.example()));
            APIResponse response = OASFactory.createAPIResponse().description(shared.description())
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref(PROBLEM))
                            .addExample(shared.name(), example)));
            if (shared.status().equals("503")) {
                response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds to wait before trying again.")
                        .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))));
            }
            components.addResponse(shared.name(), response);
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations()
                .forEach((method, operation) -> addErrors(path, item, method, operation)));
        // every tag the operations use is declared once (SmallRye names one per resource class)
        java.util.Set<String> declared = new java.util.HashSet<>();
        if (openAPI.getTags() != null) {
            openAPI.getTags().forEach(tag -> declared.add(tag.getName()));
        }
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().stream()
                .filter(operation -> operation.getTags() != null).flatMap(operation -> operation.getTags().stream())
                .distinct().sorted().filter(declared::add)
                .forEach(name -> openAPI.addTag(OASFactory.createTag().name(name))));
        // a shared response no operation of this service answers is left out of its document
        java.util.Set<String> used = new java.util.HashSet<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values()
                .forEach(operation -> operation.getResponses().getAPIResponses().values().stream()
                        .filter(r -> r.getRef() != null).forEach(r -> used.add(r.getRef()))));
        SHARED.stream().filter(shared -> !used.contains(RESPONSES + shared.name()))
                .forEach(shared -> components.removeResponse(shared.name()));
    }

    private static void addErrors(String path, PathItem item, PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean takesInput = operation.getRequestBody() != null || hasParameters(item.getParameters())
                || hasParameters(operation.getParameters());
        if (takesInput) {
            add(responses, "400", "BadRequest");
        }
        if (path.startsWith("/api/")) {
            add(responses, "401", "Unauthorized");
            add(responses, "403", "Forbidden");
        }
        if (path.contains("{")) {
            add(responses, "404", "NotFound");
        }
        // SmallRye puts a method's @Extension on the operation, its request body, its responses or each response
        java.util.Set<String> more = new java.util.TreeSet<>();
        List<org.eclipse.microprofile.openapi.models.Extensible<?>> carriers = new java.util.ArrayList<>();
        carriers.add(operation);
        carriers.add(responses); // where it lands on a method whose responses are all @APIResponse
        if (operation.getRequestBody() != null) {
            carriers.add(operation.getRequestBody());
        }
        carriers.addAll(responses.getAPIResponses().values());
        for (org.eclipse.microprofile.openapi.models.Extensible<?> carrier : carriers) {
            if (carrier.getExtensions() != null && carrier.getExtensions().get(EXTENSION) != null) {
                more.addAll(List.of(carrier.getExtensions().get(EXTENSION).toString().trim().split("\\s+")));
                carrier.removeExtension(EXTENSION);
            }
        }
        if (!more.isEmpty()) {
            for (String status : more) {
                add(responses, status, SHARED.stream().filter(shared -> shared.status().equals(status)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(EXTENSION + " of " + method + " " + path
                                + " names " + status + ", which has no shared response"))
                        .name());
            }
        }
        add(responses, "500", "InternalError");
        add(responses, "503", "Overloaded");
        responses.setAPIResponses(new java.util.TreeMap<>(responses.getAPIResponses())); // by status, as people read them
    }

    private static boolean hasParameters(List<Parameter> parameters) {
        return parameters != null && !parameters.isEmpty();
    }

    /** Adds the shared response unless the operation documents that code with content of its own. */
    private static void add(APIResponses responses, String status, String shared) {
        APIResponse existing = responses.getAPIResponse(status);
        if (existing != null && (existing.getRef() != null || existing.getContent() != null)) {
            return;
        }
        responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(RESPONSES + shared));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    }

    private static Map<String, Object> exampleValue(Problem p) {
        Map<String, Object> value = new java.util.LinkedHashMap<>();
        value.put("type", p.type().toString());
        value.put("title", p.title());
        value.put("status", p.status());
        value.put("detail", p.detail());
        value.put("instance", p.instance());
        if (p.violations() != null) {
            value.put("violations", p.violations().stream()
                    .map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        }
        return value;
    }
}
