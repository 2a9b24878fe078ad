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
        return Map.ofEntries(
                Map.entry("platform.notification.allow-private-webhook-targets", "true"),
                Map.entry("platform.notification.allow-plain-http-webhooks", "true"),
                Map.entry("platform.notification.delivery.max-attempts", "5"),
                Map.entry("platform.notification.delivery.backoff-base", "100ms"),
                Map.entry("platform.notification.delivery.backoff-cap", "400ms"),
                Map.entry("platform.notification.worker.poll-interval", "50ms"),
                Map.entry("platform.notification.worker.request-timeout", "1s"),
                Map.entry("platform.notification.worker.lease", "3s"),
                Map.entry("quarkus.mailer.timeout", "2s"),
                Map.entry("platform.notification.worker.per-endpoint-concurrency", "4"),
                Map.entry("platform.notification.lifecycle.poll-interval", "100ms"));
    }
}
