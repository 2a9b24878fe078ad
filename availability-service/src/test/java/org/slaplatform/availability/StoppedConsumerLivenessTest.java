package org.slaplatform.availability;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A contracts.v1 consumer that silently stops taking contracts in (its record stuck in a statement
 * that never returns) makes availability-service not live, naming the consumer, instead of answering
 * UP while contracts created meanwhile never reach it; once the statement returns, the held contract
 * is applied and the service is live again.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(StoppedConsumerLivenessTest.ShortHandlingBound.class)
class StoppedConsumerLivenessTest {

    /** A record may stay in hand 3 s, so that the test sees the consumer go past it. */
    public static class ShortHandlingBound implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platform.health.consumer-handling-bound", "3s",
                    "platform.health.consumer-lag-interval", "1s");
        }
    }

    @Test
    @DisplayName("a contract-events record stuck in hand past its bound makes the service not live, naming the consumer; released, the contract is applied and the service is live again")
    void aStuckContractConsumerIsNotLive() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/q/health/live").then()
                .statusCode(200));
        CompletableFuture<Void> contract;
        try (Connection held = ServiceDatabase.connect(); Statement statement = held.createStatement()) {
            held.setAutoCommit(false);
            statement.execute("lock table inbox in access exclusive mode");
            // publishes the contract and waits until its instances are registered
            contract = CompletableFuture.runAsync(() -> Fixtures.contract("stuck-consumer", "quantive", "Enterprise",
                    "UTC", "stuck-consumer-1"));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> given()
                    .when().get("/q/health/live").then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'loops-and-consumers' }.data.down",
                            containsString("consumer contract-events: a record or batch in hand for"))
                    .body("checks.find { it.name == 'loops-and-consumers' }.data.down", containsString("(bound 3.0 s)")));
            held.rollback();
        }
        contract.get(90, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().when().get("/q/health/live").then()
                .statusCode(200).body("status", equalTo("UP")));
    }
}
