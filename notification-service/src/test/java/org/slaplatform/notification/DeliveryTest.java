package org.slaplatform.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.Topics;
import org.slaplatform.events.notification.DeliveryFailed;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.notification.domain.WebhookSignature;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Events from the real broker become notices in a real SMTP server and a real local HTTP receiver. */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(GreenMailResource.class)
class DeliveryTest {

    private static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private static List<MimeMessage> mailsTo(String address) {
        return Notices.mailsTo(address);
    }

    private static Map<String, String> parts(MimeMessage mail) throws Exception {
        Map<String, String> parts = new java.util.HashMap<>();
        collect(mail.getContent(), mail.getContentType(), parts);
        return parts;
    }

    private static void collect(Object content, String type, Map<String, String> parts) throws Exception {
        if (content instanceof MimeMultipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                collect(part.getContent(), part.getContentType(), parts);
            }
        } else {
            parts.put(type.toLowerCase().startsWith("text/html") ? "html" : "text", content.toString());
        }
    }

    private static long deliveries(String eventId, String state) {
        return ServiceDatabase.count("select count(*) from deliveries where event_id = '" + eventId + "' and state = '"
                + state + "'");
    }

    @Test
    @DisplayName("NTF-5 a ticket.created notice reaches each subscribed address by SMTP, with HTML and text parts, and only that account's")
    void emailNoticesReachTheSubscribers() throws Exception {
        Notices.subscribe("acme", "EMAIL", "support@acme.example");
        Notices.subscribe("acme", "EMAIL", "oncall@acme.example");
        Notices.subscribe("globex", "EMAIL", "support@globex.example");
        EventEnvelope<TicketCreated> event = Notices.ticketCreated("acme", 1, "Login fails for every user");

        KafkaTestClient.send(CloudEventCodec.toRecord(event));

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("support@acme.example").size() == 1
                && mailsTo("oncall@acme.example").size() == 1);
        MimeMessage mail = mailsTo("support@acme.example").get(0);
        assertThat(mail.getSubject()).isEqualTo("[acme] New Sev1 ticket: Login fails for every user");
        assertThat(mail.getFrom()[0].toString()).contains("notices@slaplatform.local");
        Map<String, String> parts = parts(mail);
        assertThat(parts.get("html")).contains("<h1>New Severity 1 ticket</h1>").contains(event.key())
                .contains("Login fails for every user");
        assertThat(parts.get("text")).contains("Ticket:        " + event.key()).contains("Severity:      1");
        assertThat(mail.getHeader("X-Sla-Delivery-Id")).hasSize(1);
        assertThat(mailsTo("support@globex.example")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(event.id(), "DELIVERED") == 2);

        given().auth().oauth2(TestTokens.customer("acme")).when().get("/api/v1/deliveries?state=DELIVERED")
                .then().statusCode(200).body("findAll { it.eventId == '" + event.id() + "' }", hasSize(2));
        given().auth().oauth2(TestTokens.customer("globex")).when().get("/api/v1/deliveries")
                .then().statusCode(200).body("findAll { it.eventId == '" + event.id() + "' }", hasSize(0));
    }

    @Test
    @DisplayName("NTF-5 a redelivered event (same ce_id) sends nothing twice")
    void aRedeliveredEventSendsNothingTwice() {
        Notices.subscribe("wayne", "EMAIL", "alfred@wayne.example");
        Map<String, String> hook = Notices.subscribe("wayne", "WEBHOOK", receiver.url("/wayne"));
        EventEnvelope<TicketCreated> event = Notices.ticketCreated("wayne", 2, "Batcave VPN down");

        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(event.id(), "DELIVERED") == 2);
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        // a later event on the same partition proves the redeliveries were consumed before it
        EventEnvelope<TicketCreated> later = new EventEnvelope<>(java.util.UUID.randomUUID().toString(), event.type(),
                event.source(), event.subject(), event.time(), event.key(), event.data());
        KafkaTestClient.send(CloudEventCodec.toRecord(later));
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(later.id(), "DELIVERED") == 2);

        assertThat(mailsTo("alfred@wayne.example")).hasSize(2);
        assertThat(receiver.calls("/wayne")).extracting(c -> c.header("ce-id"))
                .containsExactlyInAnyOrder(event.id(), later.id());
        assertThat(ServiceDatabase.count("select count(*) from deliveries where event_id = '" + event.id() + "'"))
                .isEqualTo(2);
        assertThat(ServiceDatabase.count("select count(*) from inbox where event_id = '" + event.id() + "'"))
                .isEqualTo(1);
        assertThat(hook).containsKey("secret");
    }

    @Test
    @DisplayName("NTF-5 a webhook that fails three times then succeeds gets exactly one successful, signed CloudEvent")
    void aFlakyWebhookGetsOneSignedDelivery() {
        receiver.failFirst("/flaky", 3);
        Map<String, String> hook = Notices.subscribe("stark", "WEBHOOK", receiver.url("/flaky"));
        EventEnvelope<TicketCreated> event = Notices.ticketCreated("stark", 1, "Arc reactor telemetry lost");

        KafkaTestClient.send(CloudEventCodec.toRecord(event));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(event.id(), "DELIVERED") == 1);
        List<WebhookReceiver.Call> calls = receiver.calls("/flaky");
        assertThat(calls).extracting(WebhookReceiver.Call::status).containsExactly(500, 500, 500, 200);
        assertThat(calls).extracting(c -> c.header("webhook-id")).containsOnly(calls.get(0).header("webhook-id"));
        assertThat(calls).extracting(c -> c.header("sla-delivery-attempt")).containsExactly("1", "2", "3", "4");
        WebhookReceiver.Call success = calls.get(3);
        assertThat(WebhookSignature.verify(hook.get("secret"), success.header("webhook-id"),
                success.header("webhook-timestamp"), success.body(), success.header("webhook-signature")))
                .as("signature").isTrue();
        assertThat(WebhookSignature.verify("whsec_bm90LXRoZS1zZWNyZXQtb2YtdGhpcy1zdWJzY3JpcHRpb24=",
                success.header("webhook-id"), success.header("webhook-timestamp"), success.body(),
                success.header("webhook-signature"))).isFalse();
        // the delivery id is signed: the same signature does not hold for another id
        assertThat(WebhookSignature.verify(hook.get("secret"), java.util.UUID.randomUUID().toString(),
                success.header("webhook-timestamp"), success.body(), success.header("webhook-signature"))).isFalse();
        assertThat(success.header("ce-id")).isEqualTo(event.id());
        assertThat(success.header("ce-type")).isEqualTo("org.slaplatform.ticket.created.v1");
        assertThat(success.header("ce-source")).isEqualTo("/ticket-service");
        assertThat(success.header("ce-specversion")).isEqualTo("1.0");
        assertThat(success.header("content-type")).isEqualTo("application/json");
        assertThat(new String(success.body(), StandardCharsets.UTF_8)).isEqualTo(CloudEventCodec.dataJson(event.data()));
        assertThat(receiver.accepted("/flaky")).hasSize(1);

        String deliveryId = success.header("webhook-id");
        given().auth().oauth2(TestTokens.customer("stark")).when().get("/api/v1/deliveries/" + deliveryId)
                .then().statusCode(200)
                .body("state", equalTo("DELIVERED"))
                .body("attempts", equalTo(4))
                .body("tries.outcome", equalTo(List.of("FAILED", "FAILED", "FAILED", "DELIVERED")))
                .body("tries.status", equalTo(List.of(500, 500, 500, 200)));
        given().auth().oauth2(TestTokens.customer("acme")).when().get("/api/v1/deliveries/" + deliveryId)
                .then().statusCode(404);
    }

    @Test
    @DisplayName("NTF-5 an endpoint that always fails ends dead-lettered after the last try, announced on notifications.v1")
    void anEndpointThatAlwaysFailsEndsDeadLettered() {
        receiver.alwaysFail("/down");
        Map<String, String> hook = Notices.subscribe("oscorp", "WEBHOOK", receiver.url("/down"));
        String trace = "0af7651916cd43dd8448eb211c80319c";
        EventEnvelope<TicketCreated> event = Notices.ticketCreated("oscorp", 3, "Glider firmware question")
                .withTraceparent("00-" + trace + "-b7ad6b7169203331-01");

        KafkaTestClient.send(CloudEventCodec.toRecord(event));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(event.id(), "DEAD") == 1);
        assertThat(receiver.calls("/down")).hasSize(5);
        // W3C Trace Context: every try continues the event's trace, each in a span of its own
        assertThat(receiver.calls("/down")).extracting(c -> c.header("traceparent")).doesNotHaveDuplicates()
                .allSatisfy(t -> assertThat(t).matches("00-" + trace + "-[0-9a-f]{16}-01"));
        List<ConsumerRecord<String, byte[]>> failed = KafkaTestClient.await(Topics.NOTIFICATIONS.name(),
                r -> "oscorp".equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(failed).hasSize(1);
        DeliveryFailed announced = (DeliveryFailed) CloudEventCodec.fromRecord(failed.get(0)).data();
        assertThat(announced.eventId()).isEqualTo(event.id());
        assertThat(announced.subscriptionId().toString()).isEqualTo(hook.get("id"));
        assertThat(announced.channel()).isEqualTo("WEBHOOK");
        assertThat(announced.recipient()).isEqualTo(receiver.url("/down"));
        assertThat(announced.attempts()).isEqualTo(5);
        assertThat(announced.lastError()).isEqualTo("answered HTTP 500");
        assertThat(CloudEventCodec.header(failed.get(0).headers(), CloudEventCodec.CE_TYPE))
                .isEqualTo("org.slaplatform.notification.delivery-failed.v1");
        assertThat(CloudEventCodec.header(failed.get(0).headers(), CloudEventCodec.CE_TRACEPARENT))
                .startsWith("00-" + trace + "-");

        given().auth().oauth2(TestTokens.customer("oscorp")).when().get("/api/v1/deliveries?state=DEAD")
                .then().statusCode(200).body("$", hasSize(1))
                .body("[0].eventId", equalTo(event.id()))
                .body("[0].attempts", equalTo(5))
                .body("[0].lastError", equalTo("answered HTTP 500"));
    }

    @Test
    @DisplayName("NTF-5 an admin replays a dead delivery: sent again once with the same delivery id and a fresh series of tries; 404 unknown, 409 not dead, 403 for others")
    void aDeadDeliveryIsReplayedOnceByAnAdmin() {
        receiver.alwaysFail("/replay");
        Notices.subscribe("replay-co", "WEBHOOK", receiver.url("/replay"));
        EventEnvelope<TicketCreated> event = Notices.ticketCreated("replay-co", 2, "Batmobile telemetry gap");
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(event.id(), "DEAD") == 1);
        assertThat(receiver.calls("/replay")).hasSize(5);
        String id = receiver.calls("/replay").get(0).header("webhook-id");

        // only an admin may replay; a refused or impossible replay changes nothing
        given().auth().oauth2(TestTokens.customer("replay-co")).when().post("/api/v1/deliveries/" + id + "/replay")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.agent()).when().post("/api/v1/deliveries/" + id + "/replay")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).when()
                .post("/api/v1/deliveries/" + java.util.UUID.randomUUID() + "/replay")
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(deliveries(event.id(), "DEAD")).isEqualTo(1);

        receiver.failFirst("/replay", 6); // the endpoint is back after one more failure
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/deliveries/" + id + "/replay")
                .then().statusCode(202)
                .body("id", equalTo(id))
                .body("state", equalTo("PENDING"));
        // a second replay while the first is under way is refused: it is replayed once
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/deliveries/" + id + "/replay")
                .then().statusCode(409).contentType("application/problem+json");

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(event.id(), "DELIVERED") == 1);
        // the fresh series: try 6 failed (back-off, not dead at once), try 7 delivered, with the same id
        assertThat(receiver.calls("/replay")).hasSize(7);
        assertThat(receiver.calls("/replay")).extracting(c -> c.header("webhook-id")).containsOnly(id);
        assertThat(receiver.accepted("/replay")).hasSize(1);
        assertThat(receiver.accepted("/replay").get(0).header("sla-delivery-attempt")).isEqualTo("7");
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/deliveries/" + id)
                .then().statusCode(200)
                .body("state", equalTo("DELIVERED"))
                .body("attempts", equalTo(7))
                .body("tries.outcome", equalTo(List.of("FAILED", "FAILED", "FAILED", "FAILED", "FAILED", "FAILED",
                        "DELIVERED")));
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/deliveries/" + id + "/replay")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("delivery " + id + " is DELIVERED: only a DEAD delivery can be replayed"));
        assertThat(ServiceDatabase.count("select count(*) from deliveries where event_id = '" + event.id() + "'"))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("NTF-5 a slow endpoint holds back no other: a fast endpoint is served while the slow one times out")
    void aSlowEndpointHoldsBackNoOther() throws Exception {
        // another port is another endpoint (isolation is per scheme://host:port)
        try (WebhookReceiver slow = WebhookReceiver.start()) {
            slow.delay("/slow", 5_000);
            Notices.subscribe("cyberdyne", "WEBHOOK", slow.url("/slow"));
            Notices.subscribe("cyberdyne", "WEBHOOK", receiver.url("/fast"));
            List<EventEnvelope<TicketCreated>> events = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                events.add(Notices.ticketCreated("cyberdyne", 2, "Skynet status " + i));
            }
            events.forEach(e -> KafkaTestClient.send(CloudEventCodec.toRecord(e)));
            long sent = System.nanoTime();

            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.accepted("/fast").size() == 12);
            // Had the fast deliveries waited behind the slow ones, every slow try (4 slots, 1 s timeout
            // each, so at least 3 s for 12) would have ended before the last fast one was in.
            long slowTriesEnded = ServiceDatabase.count("select count(*) from delivery_attempts a join deliveries d"
                    + " on d.id = a.delivery_id where d.account_id = 'cyberdyne' and a.error like 'timed out%'");
            assertThat(slowTriesEnded).as("slow tries ended when the 12th fast delivery was in").isLessThan(12);
            await().atMost(Duration.ofSeconds(20)).until(() -> ServiceDatabase.count(
                    "select count(*) from delivery_attempts a join deliveries d on d.id = a.delivery_id"
                            + " where d.account_id = 'cyberdyne' and a.error like 'timed out%'") >= 8);
            // Each request to the slow endpoint holds its slot until it times out (1 s): a fifth request
            // can start only when one of the four before it has given up. A lower bound on the spacing,
            // so a busy machine (which only makes things later) cannot fail it; 500 ms of the 1 s is
            // left for the receiver's threads to note an arrival late.
            assertThat(slow.leastSpanOf("/slow", 5, 8)).as("least time between the first and fifth of any five"
                    + " requests to the slow endpoint").isGreaterThanOrEqualTo(Duration.ofMillis(500));
        }
    }
}
