package org.slaplatform.notification;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Deliveries with the operator's default target check on (only public addresses), plain http allowed
 * for the local receiver, two quick tries and short timeouts.
 */
public class TargetCheckTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("notification.allow-private-webhook-targets", "false"),
                Map.entry("notification.allow-plain-http-webhooks", "true"),
                Map.entry("notification.delivery.max-attempts", "2"),
                Map.entry("notification.delivery.backoff-base", "100ms"),
                Map.entry("notification.delivery.backoff-cap", "200ms"),
                Map.entry("notification.worker.poll-interval", "50ms"),
                Map.entry("notification.worker.request-timeout", "1s"),
                Map.entry("notification.worker.connect-timeout", "1s"),
                Map.entry("notification.worker.lease", "3s"),
                Map.entry("quarkus.mailer.timeout", "2s"));
    }
}
