package org.slaplatform.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.notification.delivery.WebhookSender;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;

/**
 * Issue 17, DNS rebinding: a webhook host whose name answers a public address when it is checked and a
 * private one when it is connected to. The check and the connection must use one answer.
 */
@QuarkusTest
@TestProfile(TargetCheckTestProfile.class)
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(GreenMailResource.class)
class DnsRebindingTest {

    private static final String PUBLIC = "93.184.216.34";

    private static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private static int port() {
        return URI.create(receiver.url("/")).getPort();
    }

    private static String stateOf(String eventId) {
        return ServiceDatabase.count("select count(*) from deliveries where event_id = '" + eventId
                + "' and state = 'DEAD'") == 1 ? "DEAD" : "not dead";
    }

    private static String lastError(String eventId) throws Exception {
        try (var connection = ServiceDatabase.connect();
                var query = connection.prepareStatement("select last_error from deliveries where event_id = ?")) {
            query.setString(1, eventId);
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static EventEnvelope<TicketCreated> ticketFor(String account) {
        EventEnvelope<TicketCreated> event = Notices.ticketCreated(account, 1, "Webhook target test");
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        await().atMost(Duration.ofSeconds(60)).until(() -> "DEAD".equals(stateOf(event.id())));
        return event;
    }

    @Test
    @DisplayName("DNS rebinding at connect: the name's second answer (loopback) is never connected to; the try goes to the address checked")
    void aRebindingNameIsConnectedToAtTheCheckedAddressOnly() {
        // the seam (the check's look-up) says public; Vert.x' own resolver would say 127.0.0.1 for
        // localhost: it plays the attacker's second DNS answer, the one a separate connect-time look-up gets
        SwitchableHostResolver.answer("localhost", PUBLIC);
        try {
            Notices.subscribe("rebind-connect", "WEBHOOK", "http://localhost:" + port() + "/rebound");
            int atSubscription = SwitchableHostResolver.lookups("localhost");

            ticketFor("rebind-connect");

            assertThat(receiver.calls("/rebound")).as("calls that reached loopback").isEmpty();
            assertThat(SwitchableHostResolver.lookups("localhost") - atSubscription)
                    .as("look-ups: one per try, none by the HTTP client").isEqualTo(2);
        } finally {
            SwitchableHostResolver.forget("localhost");
        }
    }

    @Test
    @DisplayName("DNS rebinding before delivery: a name public at subscription that resolves to 127.0.0.1 at delivery is refused and never called")
    void aNameRebindingToLoopbackBeforeDeliveryIsRefused() throws Exception {
        String host = "rebind.attacker.example";
        SwitchableHostResolver.answer(host, PUBLIC);
        try {
            Notices.subscribe("rebind-delivery", "WEBHOOK", "http://" + host + ":" + port() + "/rebind-delivery");
            SwitchableHostResolver.answer(host, "127.0.0.1");

            EventEnvelope<TicketCreated> event = ticketFor("rebind-delivery");

            assertThat(lastError(event.id())).contains("resolves to 127.0.0.1").contains("loopback");
            assertThat(receiver.calls("/rebind-delivery")).isEmpty();
        } finally {
            SwitchableHostResolver.forget(host);
        }
    }

    @Test
    @DisplayName("DNS rebinding with several answers: one private address among public ones refuses the subscription, nothing stored")
    void oneMetadataAddressAmongPublicOnesIsRefused() {
        String host = "mixed.attacker.example";
        SwitchableHostResolver.answer(host, PUBLIC, "169.254.169.254");
        long before = ServiceDatabase.count("select count(*) from subscriptions");
        try {
            given().auth().oauth2(TestTokens.customer("rebind-mixed")).contentType(ContentType.JSON)
                    .body(Map.of("eventType", EventTypes.TICKET_CREATED.type(), "channel", "WEBHOOK",
                            "url", "https://" + host + "/hook"))
                    .when().post("/api/v1/subscriptions")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("url"))
                    .body("violations[0].message", containsString("resolves to 169.254.169.254"));
            assertThat(ServiceDatabase.count("select count(*) from subscriptions")).isEqualTo(before);
        } finally {
            SwitchableHostResolver.forget(host);
        }
    }

    @Test
    @DisplayName("DNS rebinding, the pinned request: connected to the checked IP, the Host header still names the host, the name is not resolved again")
    void thePinnedRequestConnectsToTheCheckedAddressAndNamesTheHost() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient();
            // hooks.pinned.invalid does not resolve at all (RFC 6761): the call can only arrive through the pin
            URI url = URI.create("http://hooks.pinned.invalid:" + port() + "/pinned");
            int status = client.request(WebhookSender.request(url, InetAddress.getByName("127.0.0.1")))
                    .compose(request -> request.send(Buffer.buffer("{}")))
                    .map(response -> response.statusCode())
                    .toCompletionStage().toCompletableFuture().get();
            assertThat(status).isEqualTo(200);
            assertThat(receiver.calls("/pinned")).singleElement()
                    .extracting(call -> call.header("host")).isEqualTo("hooks.pinned.invalid:" + port());
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }
}
