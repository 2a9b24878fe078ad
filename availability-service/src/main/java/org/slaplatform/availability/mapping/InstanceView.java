package org.slaplatform.availability.mapping;

/** An instance of the registry, as the uptime figures need it. */
public record InstanceView(String instanceId, String accountId, String policy, int policyVersion, String plan,
        String timeZone, String monthZone, String productId, String environment, boolean active) {
}
