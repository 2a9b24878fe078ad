package org.slaplatform.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives every scenario the one running platform of this test JVM: started by the first scenario that
 * asks, stopped when the whole run ends (JUnit's root store closes it).
 */
public final class PlatformExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PlatformExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("platform", key -> {
            try {
                return new Holder(RunningPlatform.start());
            } catch (Exception e) {
                throw new IllegalStateException("the platform did not start", e);
            }
        }, Holder.class).platform;
    }

    /** Closed by JUnit at the end of the run. */
    private record Holder(RunningPlatform platform) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() throws Exception {
            platform.close();
        }
    }
}
