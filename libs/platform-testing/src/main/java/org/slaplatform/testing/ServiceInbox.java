package org.slaplatform.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;

/**
 * The inbox of the service under test (DESIGN-2): events sent on their topic from outside, as another
 * service publishes them, and awaited until the service has taken them in.
 */
public final class ServiceInbox {

    /** How long an event may take from the topic to the service's inbox. */
    public static final Duration WAIT = Duration.ofSeconds(90);

    private ServiceInbox() {
    }

    /**
     * Sends {@code event} on its topic and waits until the service's {@code inbox} table holds its id: the
     * consumer has processed it (or, for a redelivery, recognised it), whatever the outcome.
     */
    public static void sendAndAwaitProcessed(EventEnvelope<?> event) {
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        await().atMost(WAIT).until(() -> ServiceDatabase.count(
                "select count(*) from inbox where event_id = '" + event.id() + "'") == 1);
    }
}
