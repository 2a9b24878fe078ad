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
                Map.entry("notification.allow-private-webhook-targets", "true"),
                Map.entry("notification.allow-plain-http-webhooks", "true"),
                Map.entry("notification.delivery.max-attempts", "5"),
                Map.entry("notification.delivery.backoff-base", "100ms"),
                Map.entry("notification.delivery.backoff-cap", "400ms"),
                Map.entry("notification.worker.poll-interval", "50ms"),
                Map.entry("notification.worker.request-timeout", "1s"),
                Map.entry("notification.worker.lease", "3s"),
                Map.entry("quarkus.mailer.timeout", "2s"),
                Map.entry("notification.worker.per-endpoint-concurrency", "4"),
                Map.entry("notification.lifecycle.poll-interval", "100ms"));
    }
}
