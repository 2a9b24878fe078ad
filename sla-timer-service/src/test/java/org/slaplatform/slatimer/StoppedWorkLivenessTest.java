package org.slaplatform.slatimer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * Work that silently stops inside a running service makes it not live, with the reason in the health
 * answer, and live again once the work goes on: the outbox relay, the timer firing loop and the
 * tickets.v1 consumer are each stuck on a table lock held by the test (what a hung connection or a
 * poisoned pool looks like from the thread), then released.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(StoppedWorkLivenessTest.ShortBounds.class)
class StoppedWorkLivenessTest {

    /** Bounds of a few seconds, so that a test sees a loop or a consumer go past them. */
    public static class ShortBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platform.health.loop-bound", "3s",
                    "platform.health.consumer-handling-bound", "3s",
                    "platform.health.consumer-lag-interval", "1s");
        }
    }

    private static ValidatableResponse live() {
        return given().when().get("/q/health/live").then();
    }

    private static void awaitLive() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> live()
                .statusCode(200).body("status", equalTo("UP")));
    }

    private static void awaitDown(String reason) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> live()
                .statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'loops-and-consumers' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'loops-and-consumers' }.data.down", containsString(reason)));
    }

    /** Holds an exclusive lock on {@code table} until closed (rolled back), as a hung statement would. */
    private static Connection lock(String table) throws Exception {
        Connection connection = ServiceDatabase.connect();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("lock table " + table + " in access exclusive mode");
        }
        return connection;
    }

    @Test
    @DisplayName("a working service is live, its answer names each loop and consumer with its last turn and lag, and the gauges carry them")
    void aWorkingServiceSaysWhatEachLoopAndConsumerLastDid() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> live()
                .statusCode(200)
                .body("checks.find { it.name == 'loops-and-consumers' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'loops-and-consumers' }.data.'loop outbox-relay'",
                        containsString("last successful turn"))
                .body("checks.find { it.name == 'loops-and-consumers' }.data.'loop sla-timer-firing'",
                        containsString("(bound 3.0 s)"))
                .body("checks.find { it.name == 'loops-and-consumers' }.data.'consumer ticket-events'",
                        containsString("lag 0")));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("platform_loop_last_success_age_seconds{loop=\"outbox-relay\"}"))
                .body(containsString("platform_loop_bound_seconds{loop=\"sla-timer-firing\"} 3.0"))
                .body(containsString("platform_consumer_last_poll_age_seconds{channel=\"ticket-events\"}"))
                .body(containsString("platform_consumer_in_hand_age_seconds{channel=\"ticket-events\"}"))
                .body(containsString("platform_consumer_lag{channel=\"ticket-events\"} 0.0"));
    }

    @Test
    @DisplayName("an outbox relay that cannot turn makes the service not live, naming the loop and its bound; released, it is live again")
    void aStuckOutboxRelayIsNotLive() throws Exception {
        awaitLive();
        try (Connection held = lock("outbox")) {
            awaitDown("loop outbox-relay: no successful turn for");
            live().body("checks.find { it.name == 'loops-and-consumers' }.data.down", containsString("(bound 3.0 s)"));
            held.rollback();
        }
        awaitLive();
    }

    @Test
    @DisplayName("a timer firing loop that cannot turn makes the service not live, naming the loop; released, it is live again")
    void aStuckTimerFiringLoopIsNotLive() throws Exception {
        awaitLive();
        try (Connection held = lock("sla_timers")) {
            awaitDown("loop sla-timer-firing: no successful turn for");
            held.rollback();
        }
        awaitLive();
    }

    @Test
    @DisplayName("a ticket-events batch held in hand past its bound makes the service not live, naming the consumer; released, the event is applied and the service is live again")
    void aStuckConsumerIsNotLive() throws Exception {
        awaitLive();
        UUID ticket = UUID.randomUUID();
        Instant filed = Instant.parse("2026-11-20T17:30:00Z");
        EventEnvelope<TicketCreated> event = EventEnvelope.of(EventTypes.TICKET_CREATED, "ticket-service",
                ticket.toString(), filed, new TicketCreated(ticket, "acme", 2, "Login fails", "API", filed, "DEFECT",
                        "infostretch", 1, "enterprise", "America/Los_Angeles", List.of()));
        try (Connection held = lock("inbox")) {
            KafkaTestClient.send(CloudEventCodec.toRecord(event));
            awaitDown("consumer ticket-events: a record or batch in hand for");
            held.rollback();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given()
                .auth().oauth2(TestTokens.customer("acme"))
                .when().get("/api/v1/tickets/" + ticket + "/sla")
                .then().statusCode(200));
        awaitLive();
    }
}
