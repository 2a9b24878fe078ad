package org.slaplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Webhooks as a subscriber receives them, checked by the Standard Webhooks reference library for Java
 * ({@code com.standardwebhooks:standardwebhooks}), not by our own code: a real delivery from the
 * real broker to a real HTTP receiver verifies with the secret the subscriber was shown.
 */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(GreenMailResource.class)
class StandardWebhooksVerifierTest {

    private static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private static WebhookReceiver.Call onlyCall(String path, EventEnvelope<TicketCreated> event) {
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted(path).size() == 1);
        return receiver.accepted(path).get(0);
    }

    private static Map<String, List<String>> headers(WebhookReceiver.Call call) {
        return call.headers().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    }

    private static String deliveryId(String eventId) throws Exception {
        try (Connection c = ServiceDatabase.connect();
                PreparedStatement s = c.prepareStatement("select id::text from deliveries where event_id = ?")) {
            s.setString(1, eventId);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    @Test
    @DisplayName("NTF-5 a delivered webhook verifies with the Standard Webhooks library and the generated secret shown once")
    void aDeliveryVerifiesWithTheReferenceLibrary() throws Exception {
        Map<String, String> hook = Notices.subscribe("umbrella", "WEBHOOK", receiver.url("/standard"));
        EventEnvelope<TicketCreated> event = Notices.ticketCreated("umbrella", 1, "T-virus sensor offline");

        WebhookReceiver.Call call = onlyCall("/standard", event);

        String body = new String(call.body(), StandardCharsets.UTF_8);
        new Webhook(hook.get("secret")).verify(body, headers(call)); // throws unless the signature holds
        assertThat(call.header("webhook-id")).as("the delivery id, signed")
                .isEqualTo(deliveryId(event.id()));
        assertThat(call.header("webhook-signature")).startsWith("v1,");
        assertThat(Long.parseLong(call.header("webhook-timestamp")))
                .isBetween(System.currentTimeMillis() / 1000 - 60, System.currentTimeMillis() / 1000 + 5);

        // what the library refuses: a changed body, another delivery id, another secret
        assertThatThrownBy(() -> new Webhook(hook.get("secret")).verify(body.replace("umbrella", "umbrelIa"),
                headers(call))).isInstanceOf(WebhookVerificationException.class);
        Map<String, List<String>> otherId = new java.util.HashMap<>(headers(call));
        otherId.put("webhook-id", List.of(UUID.randomUUID().toString()));
        assertThatThrownBy(() -> new Webhook(hook.get("secret")).verify(body, otherId))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> new Webhook("whsec_" + Base64.getEncoder().encodeToString(new byte[32])).verify(body,
                headers(call))).isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    @DisplayName("NTF-5 a secret chosen before the whsec_ form verifies in the library as whsec_ + base64 of its UTF-8 bytes")
    void anOlderSecretVerifiesInItsStandardForm() throws Exception {
        String chosen = "an-older-secret-of-the-subscribers-own";
        try (Connection c = ServiceDatabase.connect(); PreparedStatement insert = c.prepareStatement(
                "insert into subscriptions (id, account_id, event_type, channel, address, secret, created_by, confirmed_at)"
                        + " values (?, 'tyrell', 'org.slaplatform.ticket.created.v1', 'WEBHOOK', ?, ?, 'before-whsec', now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, receiver.url("/older"));
            insert.setString(3, chosen);
            insert.executeUpdate();
        }

        WebhookReceiver.Call call = onlyCall("/older", Notices.ticketCreated("tyrell", 2, "Voight-Kampff kiosk down"));

        String standardForm = "whsec_" + Base64.getEncoder().encodeToString(chosen.getBytes(StandardCharsets.UTF_8));
        new Webhook(standardForm).verify(new String(call.body(), StandardCharsets.UTF_8), headers(call));
    }
}
