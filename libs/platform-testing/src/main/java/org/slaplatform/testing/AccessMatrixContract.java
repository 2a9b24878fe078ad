package org.slaplatform.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.testing.Access.Scope;
import org.slaplatform.testing.OpenApiDocument.Operation;
import org.slaplatform.testing.RequestFuzzer.ApiRequest;

import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 17: who may call what, and what malformed input does, generated from the service's own
 * OpenAPI document ({@code /q/openapi?format=json}) so that no operation goes untested.
 * <ul>
 * <li>The access matrix: every operation, called by every role for its own account's data and for
 * another account's, with no token and with a malformed one, answers what the service's access table
 * says (DESIGN-7, docs/security.md): 401 without a valid token, 403 for a role that may not call it,
 * 404 (or the table's documented status) for another account's data, and a real 2xx for an allowed
 * role on its own account's fixtures.</li>
 * <li>The fuzz: {@code fuzz.requests} (default 450) malformed requests, spread over every operation
 * and made by {@link RequestFuzzer} from seed {@code fuzz.seed} (default 17), sent with a token that
 * may call the operation for the own account: none answers 5xx, every 4xx is
 * {@code application/problem+json}, no write is accepted, and the database is as before (DESIGN-6).</li>
 * </ul>
 * Each service's test extends this under {@code @QuarkusTest}, names its own and foreign account to the
 * constructor, and gives its access table (operationId to {@link Access}) and the fixtures: per operation,
 * the values of its parameters that name real data of either account.
 */
public abstract class AccessMatrixContract {

    public static final List<String> ROLES = List.of("customer", "partner", "agent", "admin", "probe");
    /** The roles people hold, every role but the probe: for the access table's {@link Access#account} rows. */
    protected static final String[] PEOPLE = { "customer", "partner", "agent", "admin" };
    /** Not a JWT at all: the service must refuse it as it refuses no token. */
    static final String MALFORMED_TOKEN = "eyJhbGciOiJSUzI1NiJ9.not-a-token.x";
    private static final long DEFAULT_SEED = 17;
    private static final int DEFAULT_REQUESTS = 450;
    private static final RestAssuredConfig EXACT = RestAssuredConfig.config().encoderConfig(
            EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));

    private final String ownAccount;
    private final String foreignAccount;

    /**
     * @param ownAccount     the account whose customers and partners make the calls
     * @param foreignAccount another account with data of its own, whose data those callers must not reach
     */
    protected AccessMatrixContract(String ownAccount, String foreignAccount) {
        this.ownAccount = ownAccount;
        this.foreignAccount = foreignAccount;
    }

    /** operationId to who may call it and how it is scoped: every operation of the document, no other. */
    protected abstract Map<String, Access> accessTable();

    /** The account whose customers and partners make the calls. */
    protected final String ownAccount() {
        return ownAccount;
    }

    /** Another account with data of its own. */
    protected final String foreignAccount() {
        return foreignAccount;
    }

    /** The own account, then the foreign one: for the fixtures each of them needs. */
    protected final List<String> bothAccounts() {
        return List.of(ownAccount, foreignAccount);
    }

    /**
     * The path and query parameters of {@code operationId} that name real data of {@code account}.
     * Called before every call, so that an operation that changes its target (a transition, a
     * cancellation) can be given a fresh one.
     */
    protected abstract Map<String, String> parameters(String operationId, String account);

    /**
     * Header parameters of {@code operationId} for a call on {@code account}'s data (an Idempotency-Key):
     * sent with the matrix's calls and with the fuzz's, so that the fuzz reaches past a missing header.
     */
    protected Map<String, String> headers(String operationId, String account) {
        return Map.of();
    }

    /** The body of a call for {@code account}'s data: the operation's own example unless a fixture needs another. */
    protected String body(String operationId, String account, String example) {
        return example;
    }

    /**
     * Tables whose rows change without any request (a relay marking what it sent, a heartbeat, a
     * consumer's inbox): left out of the fuzz's before-and-after comparison. Each exclusion says why.
     */
    protected Set<String> tablesThatChangeOnTheirOwn() {
        return Set.of();
    }

    /**
     * Columns left out of the comparison, per table. By default the outbox's {@code published_at}:
     * the relay marks the rows the fixtures just wrote as it sends them, while a new outbox row (an
     * event of a request that should have been refused) still shows.
     */
    protected Map<String, Set<String>> columnsThatChangeOnTheirOwn() {
        return Map.of("outbox", Set.of("published_at"));
    }

    /** {@code json} (an object) with {@code field} set to {@code value}: for a fixture's body made from an example. */
    protected static String with(String json, String field, Object value) {
        try {
            com.fasterxml.jackson.databind.node.ObjectNode object = (com.fasterxml.jackson.databind.node.ObjectNode) OpenApiDocument.JSON
                    .readTree(json);
            object.set(field, OpenApiDocument.JSON.valueToTree(value));
            return object.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    protected OpenApiDocument document() {
        return OpenApiDocument.parse(given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
    }

    @Test
    @DisplayName("issue 17: the access table covers every operation of the OpenAPI document, and only those")
    void theTableCoversEveryOperation() {
        OpenApiDocument document = document();
        Set<String> documented = new TreeSet<>();
        document.operations().forEach(operation -> documented.add(operation.id()));
        Set<String> tabled = new TreeSet<>(accessTable().keySet());
        assertThat(documented).as("operations with no row in the access table (a new endpoint needs one)")
                .isSubsetOf(tabled);
        assertThat(tabled).as("rows of the access table for operations the document no longer has")
                .isSubsetOf(documented);
        List<String> disagreements = new ArrayList<>();
        for (Operation operation : document.operations()) {
            Access access = accessTable().get(operation.id());
            if (access.scope() == Scope.PUBLIC ? operation.secured() : !operation.roles().equals(access.roles())) {
                disagreements.add(operation + ": the document says " + (operation.secured() ? operation.roles()
                        : "anonymous") + ", the table " + (access.scope() == Scope.PUBLIC ? "anonymous" : access.roles()));
            }
        }
        assertThat(disagreements).as("roles the document and the table disagree on").isEmpty();
    }

    @Test
    @DisplayName("issue 17, DESIGN-7: every operation x every role x own and foreign account, no token and a malformed one")
    void everyCallerGetsTheDocumentedAnswer() {
        OpenApiDocument document = document();
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        for (Operation operation : document.operations()) {
            Access access = accessTable().get(operation.id());
            assertThat(access).as("access table row of " + operation.id()).isNotNull();
            List<String[]> callers = new ArrayList<>();
            for (String role : ROLES) {
                callers.add(new String[] { role, "own" });
                callers.add(new String[] { role, "foreign" });
            }
            callers.add(new String[] { "no token", "own" });
            callers.add(new String[] { "malformed token", "own" });
            for (String[] caller : callers) {
                String role = caller[0];
                boolean own = caller[1].equals("own");
                String account = own ? ownAccount() : foreignAccount();
                Set<Integer> expected = expected(operation, access, role, own);
                ApiRequest request = RequestFuzzer.valid(operation, parameters(operation.id(), account),
                        body(operation.id(), account, operation.example()));
                Response response = send(request, role, headers(operation.id(), account));
                cases++;
                String problem = problemContentTypeMissing(response);
                // A scoped caller answered 2xx for another account's data (a search filtered to its own) must
                // not be shown any of it: the foreign account's id in the answer is a leak.
                boolean leaks = !own && access.scope() == Scope.ACCOUNT && List.of("customer", "partner", "probe").contains(role)
                        && response.statusCode() < 300 && response.asString().contains(foreignAccount());
                if (!expected.contains(response.statusCode()) || problem != null || leaks) {
                    wrong.add(operation + " as " + role + " for the " + caller[1] + " account: expected " + expected
                            + ", got " + response.statusCode() + (problem == null ? "" : " " + problem)
                            + (leaks ? " showing the foreign account's data" : "") + " "
                            + abbreviate(response.asString()));
                }
            }
        }
        System.out.printf("access matrix of %s: %d operations, %d cases%n", getClass().getSimpleName(),
                document.operations().size(), cases);
        assertThat(wrong).as("calls answered otherwise than the access table says").isEmpty();
    }

    @Test
    @DisplayName("issue 17, DESIGN-6: seeded malformed requests over every operation: no 5xx, 4xx problems, nothing stored")
    void malformedRequestsAreRefusedAndStoreNothing() {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int requests = Integer.getInteger("fuzz.requests", DEFAULT_REQUESTS);
        String rerun = " (seed " + seed + ", " + requests + " requests; rerun with -Dfuzz.seed=" + seed
                + " -Dfuzz.requests=" + requests + ")";
        OpenApiDocument document = document();
        RequestFuzzer fuzzer = new RequestFuzzer(document, seed);
        List<Operation> operations = document.operations();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        long started = System.nanoTime();
        for (int i = 0; i < operations.size(); i++) {
            Operation operation = operations.get(i);
            Access access = accessTable().get(operation.id());
            String role = fuzzRole(access);
            Map<String, String> parameters = parameters(operation.id(), ownAccount());
            String body = body(operation.id(), ownAccount(), operation.example());
            Map<String, String> headers = headers(operation.id(), ownAccount());
            int share = requests / operations.size() + (i < requests % operations.size() ? 1 : 0);
            DatabaseSnapshot before = DatabaseSnapshot.take(tablesThatChangeOnTheirOwn(), columnsThatChangeOnTheirOwn());
            for (int n = 0; n < share; n++) {
                ApiRequest request = fuzzer.next(operation, parameters, body);
                Response response = send(request, role, headers);
                sent++;
                int status = response.statusCode();
                String problem = problemContentTypeMissing(response);
                if (status >= 500) {
                    wrong.add(operation.id() + " as " + role + ": " + status + " for " + request + " -> "
                            + abbreviate(response.asString()));
                } else if (problem != null) {
                    wrong.add(operation.id() + " as " + role + ": " + status + " " + problem + " for " + request);
                } else if (operation.writes() && status < 400) {
                    wrong.add(operation.id() + " as " + role + ": accepted (" + status + ") " + request);
                }
            }
            List<String> changed = DatabaseSnapshot.take(tablesThatChangeOnTheirOwn(), columnsThatChangeOnTheirOwn()).changedSince(before);
            if (!changed.isEmpty()) {
                wrong.add(operation.id() + ": malformed requests changed tables " + changed);
            }
        }
        System.out.printf("request fuzz of %s: %d operations, %d malformed requests in %d ms%s%n",
                getClass().getSimpleName(), operations.size(), sent, (System.nanoTime() - started) / 1_000_000, rerun);
        assertThat(sent).isEqualTo(requests);
        assertThat(wrong).as("malformed requests answered wrongly" + rerun).isEmpty();
    }

    /** An authorised caller for the own account, so that validation, not authorisation, is exercised. */
    private static String fuzzRole(Access access) {
        for (String role : List.of("customer", "admin", "agent", "probe", "partner")) {
            if (access.roles().contains(role)) {
                return role;
            }
        }
        return "no token";
    }

    private Set<Integer> expected(Operation operation, Access access, String role, boolean own) {
        Set<Integer> success = access.ownStatuses().isEmpty() ? operation.success() : access.ownStatuses();
        if (access.scope() == Scope.PUBLIC) {
            return success;
        }
        if (!ROLES.contains(role)) {
            return Set.of(401);
        }
        if (!access.roles().contains(role)) {
            return Set.of(403);
        }
        if (own || access.scope() == Scope.PLATFORM || role.equals("agent") || role.equals("admin")) {
            return success;
        }
        return Set.of(access.foreignStatus());
    }

    private Response send(ApiRequest request, String role, Map<String, String> headers) {
        RequestSpecification spec = given().config(EXACT).urlEncodingEnabled(false);
        headers.forEach(spec::header);
        if (role.equals("malformed token")) {
            spec.header("Authorization", "Bearer " + MALFORMED_TOKEN);
        } else if (ROLES.contains(role)) {
            spec.auth().oauth2(TestTokens.token(role,
                    role.equals("customer") || role.equals("partner") ? ownAccount() : null));
        }
        if (request.body() != null) {
            spec.contentType(request.contentType()).body(request.body());
        }
        return spec.when().request(request.method(), request.uri()).andReturn();
    }

    /** Null when the answer is no 4xx or a problem document; else what is wrong with it (DESIGN-6). */
    private static String problemContentTypeMissing(Response response) {
        int status = response.statusCode();
        if (status < 400 || status >= 500) {
            return null;
        }
        String type = response.contentType();
        return type != null && type.startsWith("application/problem+json") ? null
                : "with content type '" + type + "', not application/problem+json";
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > 240 ? flat.substring(0, 240) + "..." : flat;
    }
}
