package org.slaplatform.notification;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Deliveries to a local receiver: loopback and plain http allowed (the operator's switches), quick
 * back-off so that retries happen within a test, five tries.
 */
public class DeliveryTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "platform.notification.allow-private-webhook-targets", "true",
                "platform.notification.allow-plain-http-webhooks", "true",
                "platform.notification.delivery.max-attempts", "5",
                "platform.notification.delivery.backoff-base", "100ms",
                "platform.notification.delivery.backoff-cap", "400ms",
                "platform.notification.worker.poll-interval", "50ms",
                "platform.notification.worker.request-timeout", "1s",
                "platform.notification.worker.lease", "3s",
                "platform.notification.worker.per-endpoint-concurrency", "4",
                "platform.notification.lifecycle.poll-interval", "100ms");
    }
}
