package org.slaplatform.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * NTF-5 never twice: a claim's lease must outlast the longest send, or a send still waiting for its
 * answer is claimed and sent again. The worker warns at start when it does not.
 */
class LeaseShortfallTest {

    @Test
    @DisplayName("NTF-5 a lease longer than both timeouts passes (60 s against 10 s webhook and 20 s SMTP, the values shipped today)")
    void leaseLongerThanBothTimeoutsPasses() {
        assertThat(DeliveryWorker.leaseShortfall(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(20)))
                .isEmpty();
    }

    @Test
    @DisplayName("NTF-5 Quarkus' own SMTP timeout (60 s) equal to the lease is named, with both settings")
    void mailTimeoutEqualToTheLeaseIsNamed() {
        assertThat(DeliveryWorker.leaseShortfall(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(60)))
                .hasValueSatisfying(m -> assertThat(m).contains("notification.worker.lease (PT1M)")
                        .contains("quarkus.mailer.timeout PT1M"));
    }

    @Test
    @DisplayName("NTF-5 a webhook request timeout longer than the lease is named")
    void requestTimeoutLongerThanTheLeaseIsNamed() {
        assertThat(DeliveryWorker.leaseShortfall(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMillis(500)))
                .hasValueSatisfying(m -> assertThat(m).contains("request-timeout PT10S"));
    }
}
