package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * An overloaded service sheds load with a 503 and {@code Retry-After}, never a 500, and writes
 * nothing for the refused request: the reactive pool has one connection here, a request holds it
 * (blocked on a table lock taken behind the service's back), and the next request cannot get a
 * connection within {@code platform.db.acquire-timeout}.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(PoolOverloadTest.OneConnection.class)
class PoolOverloadTest {

    public static class OneConnection implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "1",
                    "platform.db.acquire-timeout", "500ms",
                    "platform.outbox.relay-enabled", "false");
        }
    }

    private static final String BODY = """
            {"subject": "Overload", "description": "pool", "severity": 3}""";

    @Test
    @DisplayName("a request that gets no database connection in time is answered 503 problem+json with Retry-After, and writes nothing")
    void noConnectionInTimeIs503() throws Exception {
        Fixtures.account("overload", "infostretch", "maintenance");
        String token = TestTokens.customer("overload");
        long before = ServiceDatabase.count("select count(*) from tickets where account_id = 'overload'");

        CompletableFuture<Response> holder;
        try (Connection lock = ServiceDatabase.connect(); Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("lock table tickets in access exclusive mode");
            holder = CompletableFuture.supplyAsync(() -> given().auth().oauth2(token)
                    .contentType(ContentType.JSON).body(BODY).when().post("/api/v1/tickets"));
            awaitWaitingOnLock(Duration.ofSeconds(20));

            Response refused = given().auth().oauth2(token).contentType(ContentType.JSON).body(BODY)
                    .when().post("/api/v1/tickets");

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).isEqualTo("1");
            assertThat(refused.jsonPath().getString("type")).endsWith("overloaded");
            assertThat(holder).isNotDone();
            lock.rollback();
        }
        assertThat(holder.get(30, TimeUnit.SECONDS).statusCode()).as("the request holding the connection completes")
                .isEqualTo(201);
        assertThat(ServiceDatabase.count("select count(*) from tickets where account_id = 'overload'"))
                .as("only the request that got a connection wrote a ticket").isEqualTo(before + 1);
    }

    /** Waits until a session of the service is blocked on the table lock: it then holds the only connection. */
    private static void awaitWaitingOnLock(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ServiceDatabase.count("select count(*) from pg_stat_activity where wait_event_type = 'Lock'") > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no request of the service waited on the lock within " + timeout);
    }
}
