package org.slaplatform.availability;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.slaplatform.testing.Access;
import org.slaplatform.testing.AccessMatrixContract;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 17: availability-service's access table, fixtures for an own and a foreign account, and the fuzz.
 * The test probe ({@link TestTokens#probe()}, sub {@code probe-user}) is registered for the own account
 * only, so that the foreign account is outside its scope; the clock stands still so that the times of
 * the bodies stay in range.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class AccessMatrixTest extends AccessMatrixContract {

    private static final String PROBE = "probe-user";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-18T12:00:00Z");

    AccessMatrixTest() {
        super("acme-matrix", "globex-matrix");
    }

    @Override
    protected Map<String, Access> accessTable() {
        return Map.ofEntries(
                // Probes are the platform's monitoring, registered by an operator.
                Map.entry("registerProbe", Access.platform("admin")),
                Map.entry("getProbe", Access.platform("admin")),
                // AVL-1: a probe reports only on the accounts registered for it; another account's
                // instance is outside its scope, 403 outside-probe-scope (ProbeRegistry.outsideScope).
                Map.entry("postProbeResult", Access.account("probe").foreign(403)),
                Map.entry("postProbeResultBatch", Access.account("probe").foreign(403)),
                Map.entry("startOutage", Access.account("probe", "agent", "admin").foreign(403)),
                // AVL-1: only the reporter (the same sub), an agent or an admin ends an outage: 403 otherwise.
                Map.entry("endOutage", Access.account("probe", "agent", "admin").foreign(403)),
                // AVL-3: excluding causes are support staff's, with a reason.
                Map.entry("setOutageCause", Access.account("agent", "admin")),
                // AVL-3, IS-AVL-4: a customer designates its own windows; naming another account is 403
                // (Caller.accountForWrite). A partner does not designate maintenance.
                Map.entry("announceMaintenance", Access.account("customer", "agent", "admin").foreign(403)),
                Map.entry("getMaintenance", Access.account("customer", "agent", "admin")),
                Map.entry("moveMaintenance", Access.account("customer", "agent", "admin")),
                Map.entry("cancelMaintenance", Access.account("customer", "agent", "admin")),
                Map.entry("endMaintenanceEarly", Access.account("agent", "admin")),
                // IS-AVL-4: the account's customer or an admin schedules windows; another account is 403.
                Map.entry("getMaintenanceWindows", Access.account(PEOPLE)),
                Map.entry("changeMaintenanceWindows", Access.account("customer", "admin").foreign(403)),
                // QNT-AVL-6: the account publishes (opts in to) its page; the page itself is anonymous.
                Map.entry("publishStatusPage", Access.account("customer", "admin").foreign(403)),
                Map.entry("getStatusPagePublication", Access.account(PEOPLE)),
                Map.entry("unpublishStatusPage", Access.account("customer", "admin").foreign(403)),
                Map.entry("statusPage", Access.anonymous()),
                // QNT-AVL-2, IS-AVL-5, AVL-7
                Map.entry("getUptime", Access.account(PEOPLE)),
                Map.entry("getErrorBudget", Access.account(PEOPLE)),
                Map.entry("getMonthResults", Access.account(PEOPLE)),
                // AVL-7: closes every due month of every account.
                Map.entry("runMonthCloses", Access.platform("admin")));
    }

    @BeforeEach
    void accounts() {
        TestClock.reset();
        for (String account : bothAccounts()) {
            if (ServiceDatabase.count("select count(*) from instances where account_id = '" + account + "' and active") == 0) {
                Fixtures.contract(account, "infostretch", "Maintenance", "America/New_York", instance(account));
            }
        }
        TestClock.set(NOW);
        Fixtures.registerProbe(PROBE, List.of(ownAccount()), Fixtures.TEST_LOCATIONS).statusCode(200);
    }

    /** The other tests' probe reports on every account again. */
    @AfterEach
    void restore() {
        TestClock.reset();
        Fixtures.registerTestProbe();
    }

    private static String instance(String account) {
        return account + "-prod-eu";
    }

    @Override
    protected Map<String, String> parameters(String operationId, String account) {
        return switch (operationId) {
            case "registerProbe", "getProbe" -> Map.of("probe", PROBE);
            // Each call ends or changes its outage: a fresh one, the own one reported by the probe itself.
            case "endOutage" -> Map.of("id", outage(account, account.equals(ownAccount()) ? TestTokens.probe() : TestTokens.admin()));
            case "setOutageCause" -> Map.of("id", outage(account, TestTokens.admin()));
            case "getMaintenance", "moveMaintenance", "cancelMaintenance" ->
                Map.of("id", maintenance(account, "CUSTOMER_DESIGNATED", NOW.plus(Duration.ofDays(3))));
            case "endMaintenanceEarly" -> Map.of("id", maintenance(account, "PLANNED", NOW.minus(Duration.ofHours(1))));
            case "getStatusPagePublication", "unpublishStatusPage" -> {
                publish(account);
                yield Map.of("accountId", account);
            }
            case "statusPage" -> Map.of("slug", publish(account));
            case "getUptime", "getErrorBudget" -> Map.of("instanceId", instance(account));
            case "getMonthResults" -> Map.of("instanceId", instance(account), "month", "2026-02");
            case "runMonthCloses", "postProbeResult", "postProbeResultBatch", "startOutage", "announceMaintenance" -> Map.of();
            default -> Map.of("accountId", account);
        };
    }

    @Override
    protected Map<String, String> headers(String operationId, String account) {
        return operationId.equals("postProbeResultBatch") ? Map.of("Idempotency-Key", UUID.randomUUID().toString()) : Map.of();
    }

    @Override
    protected String body(String operationId, String account, String example) {
        String at = NOW.minus(Duration.ofMinutes(5)).toString();
        return switch (operationId) {
            case "registerProbe" -> json(Map.of("accounts", List.of(ownAccount()), "locations", Fixtures.TEST_LOCATIONS));
            case "postProbeResult" -> json(result(account, at));
            case "postProbeResultBatch" -> json(Map.of("results", List.of(result(account, at))));
            case "startOutage" -> with(with(example, "instanceId", instance(account)), "startedAt", at);
            case "endOutage" -> with(example, "endedAt", at);
            case "announceMaintenance" -> json(Map.of("accountId", account, "instanceId", instance(account),
                    "kind", "CUSTOMER_DESIGNATED", "startsAt", NOW.plus(Duration.ofDays(3)).toString(),
                    "endsAt", NOW.plus(Duration.ofDays(3)).plus(Duration.ofHours(2)).toString(), "description", "our upgrade"));
            case "moveMaintenance" -> json(Map.of("startsAt", NOW.plus(Duration.ofDays(10)).toString(),
                    "endsAt", NOW.plus(Duration.ofDays(10)).plus(Duration.ofHours(2)).toString()));
            case "endMaintenanceEarly" -> with(example, "endsAt", NOW.toString());
            case "changeMaintenanceWindows" -> with(example, "effectiveAt", NOW.plus(Duration.ofDays(14)).toString());
            case "publishStatusPage" -> with(example, "slug", account + "-status");
            default -> example;
        };
    }

    private static Map<String, Object> result(String account, String at) {
        return Map.of("instanceId", instance(account), "location", "frankfurt", "time", at, "up", true, "latencyMs", 182);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** An open outage of the account's instance, 30 minutes old, reported with {@code token}. */
    private static String outage(String account, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("instanceId", instance(account), "cause", "OURS",
                        "startedAt", NOW.minus(Duration.ofMinutes(30)).toString()))
                .when().post("/api/v1/outages").then().statusCode(201).extract().path("id");
    }

    /** A two-hour maintenance of the account's instance from {@code start}, announced by an admin. */
    private static String maintenance(String account, String kind, Instant start) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("accountId", account, "instanceId", instance(account), "kind", kind,
                        "startsAt", start.toString(), "endsAt", start.plus(Duration.ofHours(2)).toString(),
                        "description", "fixture"))
                .when().post("/api/v1/maintenance").then().statusCode(201).extract().path("id");
    }

    /** The account's status page, published under {@code <account>-status}: its slug. */
    private static String publish(String account) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("slug", account + "-status"))
                .when().put("/api/v1/accounts/" + account + "/status-page").then().statusCode(200).extract().path("slug");
    }
}
