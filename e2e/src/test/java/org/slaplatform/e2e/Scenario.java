package org.slaplatform.e2e;

import static io.restassured.RestAssured.given;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeAll;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.contract.ContractChanged;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** What every scenario does the same way: call a service as someone, wait for the platform to catch up. */
abstract class Scenario {

    static final Duration EVENTUALLY = Duration.ofSeconds(60);

    RunningPlatform platform;
    String admin;
    String agent;

    /** Every scenario acts as an admin and an agent, and reports probe results through the registered probe. */
    @BeforeAll
    void platform(RunningPlatform platform) {
        this.platform = platform;
        admin = platform.token("admin", null);
        agent = platform.token("agent", null);
        registerProbe(platform, admin);
    }

    /** A contract's terms, in the order {@code PUT /api/v1/accounts/{id}} documents them; the caller adds instances, contacts and the rest. */
    static Map<String, Object> contract(String policy, String plan, String timeZone, String currency, String monthlyCharges,
            String billingCycle, String startsOn) {
        Map<String, Object> contract = new LinkedHashMap<>();
        contract.put("policy", policy);
        contract.put("plan", plan);
        contract.put("timeZone", timeZone);
        contract.put("currency", currency);
        contract.put("monthlyCharges", new BigDecimal(monthlyCharges));
        contract.put("billingCycle", billingCycle);
        contract.put("startsOn", startsOn);
        return contract;
    }

    /** A production instance of a contract. */
    static Map<String, Object> instance(String instanceId, String productId, String version) {
        return instance(instanceId, productId, version, "production");
    }

    static Map<String, Object> instance(String instanceId, String productId, String version, String environment) {
        return Map.of("instanceId", instanceId, "productId", productId, "version", version, "environment", environment);
    }

    /** A contact of an account: {@code SUPPORT}, {@code ACCOUNT_MANAGER} or {@code EXECUTIVE}. */
    static Map<String, Object> contact(String role, String name, String email) {
        return Map.of("role", role, "name", name, "email", email);
    }

    /** A request to {@code service} with {@code token} as bearer, JSON both ways. */
    static RequestSpecification as(RunningPlatform platform, String service, String token) {
        return given().baseUri(platform.uri(service)).auth().oauth2(token).contentType(ContentType.JSON)
                .accept(ContentType.JSON);
    }

    /** The sub of {@code platform.token("probe", null)}. */
    static final String PROBE = "probe";
    /** Every location the scenarios' probe reports from. */
    static final List<String> PROBE_LOCATIONS = List.of("fra", "ams", "lon", "nyc", "chi", "sfo");

    /**
     * Availability-service takes results only from registered locations of a registered probe,
     * for the accounts in its scope. The scenarios' probe is the operator's own monitoring: every account.
     */
    static void registerProbe(RunningPlatform platform, String admin) {
        as(platform, "availability-service", admin).body(Map.of("accounts", List.of("*"), "locations", PROBE_LOCATIONS))
                .put("/api/v1/probes/" + PROBE).then().statusCode(200);
    }

    /**
     * Writes an account with its contract through ticket-service (as {@code admin}) and waits until the
     * platform knows it: the contract's event on contracts.v1, and availability-service answering
     * {@code reader}'s request for each of {@code instances} (it learns them from that event).
     */
    static ContractChanged writeContract(RunningPlatform platform, String admin, String accountId, String name,
            Map<String, Object> contract, String reader, List<String> instances) {
        as(platform, "ticket-service", admin).body(Map.of("name", name, "contract", contract))
                .put("/api/v1/accounts/" + accountId).then().statusCode(200);
        ContractChanged published = platform.events().awaitOne(EventTypes.CONTRACT_CHANGED,
                c -> c.accountId().equals(accountId), EVENTUALLY);
        for (String instance : instances) {
            eventually(instance + " known to availability-service", () -> as(platform, "availability-service", reader)
                    .get("/api/v1/instances/" + instance + "/uptime").statusCode() == 200 ? true : null);
        }
        return published;
    }

    /** Polls {@code read} until it answers non-null (the platform is eventually consistent across services). */
    static <T> T eventually(String what, Supplier<T> read) {
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (true) {
            T value = read.get();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + EVENTUALLY + ": " + what);
            }
            EventLog.sleep(200);
        }
    }

    /** One probe result per location per minute from {@code from} (inclusive) for {@code minutes} minutes. */
    static List<Map<String, Object>> probes(String instanceId, Instant from, int minutes, Map<String, Boolean> upByLocation) {
        List<Map<String, Object>> results = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            Instant time = from.plusSeconds(60L * m + 30);
            upByLocation.forEach((location, up) -> results.add(Map.of("instanceId", instanceId, "location", location,
                    "time", time.toString(), "up", up, "latencyMs", up ? 120 : 5000)));
        }
        return results;
    }
}
