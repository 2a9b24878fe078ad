package org.slaplatform.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a service under test a real PostgreSQL database of its own and the real Kafka broker:
 * {@code @QuarkusTestResource(PlatformTestResource.class)} or {@code @WithTestResource}.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestInfrastructure.shared().freshServiceConfig();
    }

    @Override
    public void stop() {
        // The server and broker live as long as the test JVM; each application had its own database.
    }
}
