package org.slaplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.notification.delivery.SecretSealing;
import org.slaplatform.notification.domain.WebhookSignature;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Webhook secrets encrypted at rest (AES-GCM under notification.secret-key, set in the test
 * profile): the database never holds the plain secret of a new subscription, rows stored plain before
 * are sealed, and deliveries are still signed with the secret the subscriber knows.
 */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(GreenMailResource.class)
class SecretAtRestTest {

    private static WebhookReceiver receiver;

    @Inject
    SecretSealing sealing;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private record Stored(String plain, byte[] sealed) {
    }

    private static Stored stored(String subscriptionId) throws Exception {
        try (Connection c = ServiceDatabase.connect();
                PreparedStatement s = c.prepareStatement("select secret, secret_sealed from subscriptions where id = ?")) {
            s.setObject(1, UUID.fromString(subscriptionId));
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new Stored(rs.getString(1), rs.getBytes(2));
            }
        }
    }

    private static WebhookReceiver.Call onlyCall(String path, EventEnvelope<TicketCreated> event) {
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted(path).size() == 1);
        return receiver.accepted(path).get(0);
    }

    @Test
    @DisplayName("NTF-5 a new webhook secret is stored only sealed (AES-GCM), and the delivery is signed with the secret shown once")
    void aNewSecretIsStoredSealed() throws Exception {
        Map<String, String> hook = Notices.subscribe("sealed-co", "WEBHOOK", receiver.url("/sealed"));
        String secret = hook.get("secret");
        assertThat(secret).startsWith("whsec_");

        Stored row = stored(hook.get("id"));
        assertThat(row.plain()).as("plain column").isNull();
        // version byte, 12-byte nonce, the ciphertext (as long as the secret) and a 16-byte tag
        assertThat(row.sealed()).hasSize(1 + 12 + secret.length() + 16);
        assertThat(new String(row.sealed(), StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6, 20));

        WebhookReceiver.Call call = onlyCall("/sealed", Notices.ticketCreated("sealed-co", 2, "Replicant status"));
        assertThat(WebhookSignature.verify(secret, call.header("webhook-id"), call.header("webhook-timestamp"),
                call.body(), call.header("webhook-signature"))).as("signature with the shown secret").isTrue();
    }

    @Test
    @DisplayName("NTF-5 secrets stored in plain text before encryption are sealed at start, and deliveries keep their signature")
    void plainSecretsAreSealed() throws Exception {
        UUID id = UUID.randomUUID();
        String legacy = "legacy-plain-secret-0123456789";
        try (Connection c = ServiceDatabase.connect(); PreparedStatement insert = c.prepareStatement(
                "insert into subscriptions (id, account_id, event_type, channel, address, secret, created_by, confirmed_at)"
                        + " values (?, 'legacy-co', 'org.slaplatform.ticket.created.v1', 'WEBHOOK', ?, ?, 'before-v7', now())")) {
            insert.setObject(1, id);
            insert.setString(2, receiver.url("/legacy"));
            insert.setString(3, legacy);
            insert.executeUpdate();
        }

        assertThat(sealing.sealPlainSecrets()).isGreaterThanOrEqualTo(1);
        Stored row = stored(id.toString());
        assertThat(row.plain()).isNull();
        assertThat(row.sealed()).hasSize(1 + 12 + legacy.length() + 16);
        assertThat(sealing.sealPlainSecrets()).as("nothing left to seal").isZero();

        WebhookReceiver.Call call = onlyCall("/legacy", Notices.ticketCreated("legacy-co", 3, "Nostromo beacon"));
        assertThat(WebhookSignature.verify(legacy, call.header("webhook-id"), call.header("webhook-timestamp"),
                call.body(), call.header("webhook-signature"))).as("signature with the old secret").isTrue();
    }
}
