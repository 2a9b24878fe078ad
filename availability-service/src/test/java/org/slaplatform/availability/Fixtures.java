package org.slaplatform.availability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Test helpers: contracts onto contracts.v1 as ticket-service publishes them, probe batches over HTTP. */
final class Fixtures {

    private Fixtures() {
    }

    /** Publishes the account's contract on the real broker and waits until the registry holds its instances. */
    static void contract(String account, String policy, String plan, String zone, String... instances) {
        List<ContractChanged.ServiceInstance> list = Arrays.stream(instances)
                .map(id -> new ContractChanged.ServiceInstance(id, "qmetry", "8.1.0.0", "production")).toList();
        ContractChanged contract = new ContractChanged(account, account + " Inc", 1, policy, 1, plan, zone, "USD",
                new BigDecimal("1000.00"), List.of(), "MONTHLY", LocalDate.parse("2025-01-01"), null, list, List.of(),
                List.of(), List.of(), Instant.parse("2025-01-01T00:00:00Z"));
        KafkaTestClient.send(CloudEventCodec.toRecord(EventEnvelope.of(EventTypes.CONTRACT_CHANGED, "ticket-service",
                account, contract.changedAt(), contract)));
        await().atMost(Duration.ofSeconds(90)).until(() -> ServiceDatabase.count(
                "select count(*) from instances where account_id = '" + account + "' and active") == instances.length);
        registerTestProbe();
    }

    /**
     * A later revision of the account's contract (POL-2), written at {@code changedAt}; waits until the
     * registry holds it.
     */
    static void contractRevision(String account, int revision, Instant changedAt, String policy, String plan, String zone,
            String... instances) {
        List<ContractChanged.ServiceInstance> list = Arrays.stream(instances)
                .map(id -> new ContractChanged.ServiceInstance(id, "qmetry", "8.1.0.0", "production")).toList();
        ContractChanged contract = new ContractChanged(account, account + " Inc", revision, policy, 1, plan, zone, "USD",
                new BigDecimal("1000.00"), List.of(), "MONTHLY", LocalDate.parse("2025-01-01"), null, list, List.of(),
                List.of(), List.of(), changedAt);
        KafkaTestClient.send(CloudEventCodec.toRecord(EventEnvelope.of(EventTypes.CONTRACT_CHANGED, "ticket-service",
                account, contract.changedAt(), contract)));
        await().atMost(Duration.ofSeconds(90)).until(() -> ServiceDatabase.count(
                "select count(*) from instances where account_id = '" + account + "' and contract_revision = " + revision)
                == instances.length);
    }

    /** The locations the tests' probe reports from. */
    static final List<String> TEST_LOCATIONS = List.of("frankfurt", "virginia", "singapore", "sydney");

    /**
     * Issue 17: {@link TestTokens#probe()} (sub {@code probe-user}) is registered as the operator's own
     * monitoring: every account, from {@link #TEST_LOCATIONS}. Idempotent.
     */
    static void registerTestProbe() {
        registerProbe("probe-user", List.of("*"), TEST_LOCATIONS).statusCode(200);
    }

    /** The account's customer publishes its status page under {@code slug} (null: an unguessable one). */
    static ValidatableResponse publishStatusPage(String account, String slug) {
        return given().auth().oauth2(TestTokens.customer(account)).contentType(ContentType.JSON)
                .body(slug == null ? Map.of() : Map.of("slug", slug))
                .when().put("/api/v1/accounts/" + account + "/status-page").then();
    }

    static ValidatableResponse registerProbe(String probe, List<String> accounts, List<String> locations) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("accounts", accounts, "locations", locations))
                .when().put("/api/v1/probes/" + probe).then();
    }

    record Check(String instanceId, String location, Instant time, boolean up) {
    }

    /** One result per location and minute of {@code [from, to)}. */
    static List<Check> minutes(String instanceId, Instant from, Instant to, boolean up, String... locations) {
        List<Check> checks = new ArrayList<>();
        for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
            for (String location : locations) {
                checks.add(new Check(instanceId, location, t.plusSeconds(7), up));
            }
        }
        return checks;
    }

    static ValidatableResponse postBatch(String key, List<Check> checks) {
        List<Map<String, Object>> results = checks.stream().map(c -> Map.<String, Object>of("instanceId", c.instanceId(),
                "location", c.location(), "time", c.time().toString(), "up", c.up(), "latencyMs", 120)).toList();
        return given().auth().oauth2(TestTokens.probe()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(Map.of("results", results)).when().post("/api/v1/probe-results/batches").then();
    }

    static ValidatableResponse uptime(String instanceId, String month) {
        return given().auth().oauth2(TestTokens.admin()).queryParam("month", month)
                .when().get("/api/v1/instances/" + instanceId + "/uptime").then();
    }

    static ValidatableResponse announce(String account, String kind, Instant start, Instant end) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("accountId", account, "kind", kind, "startsAt", start.toString(), "endsAt", end.toString(),
                        "description", "database upgrade"))
                .when().post("/api/v1/maintenance").then();
    }

    static int closeMonths() {
        return given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/month-closes/run")
                .then().statusCode(200).extract().path("published");
    }
}
