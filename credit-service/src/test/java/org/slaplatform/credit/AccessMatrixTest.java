package org.slaplatform.credit;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.testing.Access;
import org.slaplatform.testing.AccessMatrixContract;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Issue 17: credit-service's access table, fixtures for an own and a foreign account, and the fuzz. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class AccessMatrixTest extends AccessMatrixContract {

    /** Shifts each filed claim's incident by a minute, so that no call is refused as a duplicate. */
    private static final AtomicInteger CLAIMS = new AtomicInteger();

    private final Map<String, String> claims = new HashMap<>();

    AccessMatrixTest() {
        super("acme", "globex");
    }

    @Override
    protected Map<String, Access> accessTable() {
        return Map.ofEntries(
                // QNT-CRD-2: a customer claims for its own account; naming another is refused with 403
                // (ClaimResource.file, Caller.accountForWrite), nothing stored.
                Map.entry("fileClaim", Access.account("customer", "admin").foreign(403)),
                Map.entry("getClaim", Access.account(PEOPLE)),
                Map.entry("listAccountClaims", Access.account(PEOPLE)),
                Map.entry("getCreditStatement", Access.account(PEOPLE)),
                // CRD-7: only an admin adjusts a ledger, any account's.
                Map.entry("adjustCredits", Access.account("admin")),
                // CRD-7: settles a cycle for every account at once.
                Map.entry("settleCycle", Access.platform("admin")),
                // ITC-CRD-8
                Map.entry("getSupportFees", Access.account(PEOPLE)),
                Map.entry("getSupportFeeOfYear", Access.account(PEOPLE)));
    }

    @BeforeEach
    void accounts() {
        for (String account : bothAccounts()) {
            if (ServiceDatabase.count("select count(*) from instances where account_id = '" + account + "'") == 0) {
                contract(account);
            }
            claims.put(account, given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(body("fileClaim", account, document().operations().stream()
                            .filter(o -> o.id().equals("fileClaim")).findFirst().orElseThrow().example()))
                    .when().post("/api/v1/claims").then().statusCode(201).extract().path("claimId"));
        }
    }

    /** An ITC-CRD-8 priced contract with one instance, as ticket-service publishes it on contracts.v1. */
    private static void contract(String account) {
        ContractChanged c = new ContractChanged(account, account + " Inc", 1, "infotecs", 1, "basic", "UTC", "USD",
                new BigDecimal("500.00"), List.of(), "ANNUAL", LocalDate.parse("2024-03-01"), null,
                List.of(new ContractChanged.ServiceInstance(account + "-prod-eu", "p", "1.0.0.0", "prod")), List.of(),
                List.of(), List.of(), Instant.parse("2025-01-01T00:00:00Z"),
                new ContractChanged.LicencePrice(new BigDecimal("10000.00"), "USD"));
        KafkaTestClient.send(CloudEventCodec.toRecord(EventEnvelope.of(EventTypes.CONTRACT_CHANGED, "ticket-service",
                account, c.changedAt(), c)));
        await().atMost(CreditFlowTest.WAIT).until(() -> ServiceDatabase.count(
                "select count(*) from instances where account_id = '" + account + "'") == 1);
    }

    @Override
    protected Map<String, String> parameters(String operationId, String account) {
        return switch (operationId) {
            case "getClaim" -> Map.of("id", claims.get(account));
            case "getSupportFeeOfYear" -> Map.of("accountId", account, "contractYear", "1");
            case "settleCycle" -> Map.of("cycle", YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString());
            default -> Map.of("accountId", account);
        };
    }

    @Override
    protected String body(String operationId, String account, String example) {
        if (!operationId.equals("fileClaim")) {
            return example;
        }
        Instant start = Instant.parse("2026-03-10T14:05:00Z").plusSeconds(60L * CLAIMS.incrementAndGet());
        return with(with(with(example, "accountId", account), "instanceId", account + "-prod-eu"), "incidents",
                List.of(Map.of("start", start.toString(), "end", start.plusSeconds(600).toString())));
    }
}
