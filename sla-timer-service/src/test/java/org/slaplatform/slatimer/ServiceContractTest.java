package org.slaplatform.slatimer;

import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceEndpointsContract;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class ServiceContractTest extends ServiceEndpointsContract {
}
