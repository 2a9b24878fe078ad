package org.slaplatform.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutboxPublisherTraceTest {

    @Test
    void aStoredTraceIsPublishedAsItIs() {
        String stored = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assertThat(OutboxPublisher.traceparent(stored)).isEqualTo(stored);
    }

    @Test
    void aRowWithoutATraceStartsOneSoThatEveryEventHasOne() {
        assertThat(OutboxPublisher.traceparent(null)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(OutboxPublisher.traceparent("garbage")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }
}
