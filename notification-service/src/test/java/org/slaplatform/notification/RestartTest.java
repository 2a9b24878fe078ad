package org.slaplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.notification.delivery.ClaimedDelivery;
import org.slaplatform.notification.delivery.DeliveryStore;
import org.slaplatform.notification.delivery.DeliveryWorker;
import org.slaplatform.notification.delivery.WebhookSender;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A worker dies in the middle of a batch: its rows are sent again, none lost, none marked twice. */
@QuarkusTest
@TestProfile(RestartTest.WorkerStopped.class)
@QuarkusTestResource(PlatformTestResource.class)
class RestartTest {

    /** No worker runs until the test starts one; a claim is held one second. */
    public static class WorkerStopped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new DeliveryTestProfile().getConfigOverrides());
            config.put("notification.worker.enabled", "false");
            config.put("notification.worker.lease", "1s");
            return config;
        }
    }

    private static WebhookReceiver receiver;

    @Inject
    DeliveryStore store;

    @Inject
    WebhookSender webhooks;

    @Inject
    DeliveryWorker worker;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    @DisplayName("NTF-5 a worker that dies after sending and before recording loses and repeats nothing: re-claimed, resent with the same delivery id, one success each")
    void aRestartInTheMiddleOfABatch() throws Exception {
        Notices.subscribe("lexcorp", "WEBHOOK", receiver.url("/lex"));
        for (int i = 0; i < 6; i++) {
            KafkaTestClient.send(CloudEventCodec.toRecord(Notices.ticketCreated("lexcorp", 2, "Kryptonite alarm " + i)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceDatabase.count(
                "select count(*) from deliveries where account_id = 'lexcorp' and state = 'PENDING'") == 6);

        // the first worker claims the batch, sends half of it, and dies before recording anything
        List<ClaimedDelivery> batch = store.claim(100, 100, Map.of(), Duration.ofSeconds(1));
        assertThat(batch).hasSize(6);
        for (ClaimedDelivery delivery : batch.subList(0, 3)) {
            assertThat(webhooks.send(delivery).get().delivered()).isTrue();
        }
        assertThat(store.claim(100, 100, Map.of(), Duration.ofSeconds(1)))
                .as("claimed rows are not claimed again while the lease holds").isEmpty();

        // a new worker takes over once the lease has run out
        worker.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceDatabase.count(
                "select count(*) from deliveries where account_id = 'lexcorp' and state = 'DELIVERED'") == 6);

        assertThat(receiver.calls("/lex")).as("three were sent twice, with the same delivery id").hasSize(9);
        assertThat(receiver.accepted("/lex")).as("the receiver, deduplicating by delivery id, sees each once")
                .hasSize(6);
        assertThat(ServiceDatabase.count("select count(*) from delivery_attempts a join deliveries d"
                + " on d.id = a.delivery_id where d.account_id = 'lexcorp' and a.outcome = 'DELIVERED'")).isEqualTo(6);
        assertThat(ServiceDatabase.count("select count(*) from deliveries where account_id = 'lexcorp'"))
                .isEqualTo(6);
    }
}
