package org.slaplatform.localinfra.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class InstancesTest {

    private static PlatformLayout layout(Map<String, String> env) {
        return new PlatformLayout(Path.of("/repo"), env);
    }

    @Test
    void oneInstanceEachKeepsTheServiceNamesAndDefaultPorts() {
        Instances instances = Instances.of("1", layout(Map.of()));

        assertThat(instances.names()).containsExactly("ticket-service", "sla-timer-service", "availability-service",
                "credit-service", "notification-service");
        assertThat(instances.named("notification-service").port()).isEqualTo(8085);
        assertThat(instances.urls("ticket-service")).isEqualTo("http://localhost:8081");
    }

    @Test
    void furtherInstancesAreNumberedTenPortsApartUnlessTheirVariableSaysOtherwise() {
        Instances instances = Instances.of("3", layout(Map.of("TICKET_SERVICE_PORT", "9000", "CREDIT_SERVICE_PORT_3", "9999")));

        assertThat(instances.names()).startsWith("ticket-service", "ticket-service-2", "ticket-service-3", "sla-timer-service");
        assertThat(instances.urls("ticket-service"))
                .isEqualTo("http://localhost:9000,http://localhost:9010,http://localhost:9020");
        assertThat(instances.named("credit-service-2").port()).isEqualTo(8094);
        assertThat(instances.named("credit-service-3").port()).isEqualTo(9999);
        assertThat(instances.all()).hasSize(15);
    }

    @Test
    void aCountOutsideOneToNinetyNineIsRefused() {
        for (String count : new String[] {"0", "100", "", "two", "-1"}) {
            assertThatThrownBy(() -> Instances.of(count, layout(Map.of()))).isInstanceOf(PlatformException.class)
                    .hasMessage("--instances wants a number from 1 to 99, not '" + count + "'");
        }
    }

    @Test
    void anEmptyVariableCountsAsUnset() {
        assertThat(Instances.of("1", layout(Map.of("TICKET_SERVICE_PORT", ""))).named("ticket-service").port())
                .isEqualTo(8081);
    }
}
