package org.slaplatform.localinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The buffer-cache knob a benchmark turns: a size in MB or GB, nothing else reaches the server's command line. */
class PostgresServerTest {

    private static final String KNOB = "platform.postgres.shared-buffers";

    @AfterEach
    void clear() {
        System.clearProperty(KNOB);
    }

    @Test
    void sharedBuffersDefaultsTo256MbAndTakesASize() {
        assertThat(PostgresServer.sharedBuffers()).isEqualTo("256MB");
        System.setProperty(KNOB, "2GB");
        assertThat(PostgresServer.sharedBuffers()).isEqualTo("2GB");
    }

    @Test
    void sharedBuffersRefusesAnythingButASize() {
        for (String bad : new String[] { "0MB", "2TB", "1GB -c fsync=off", "lots", "" }) {
            System.setProperty(KNOB, bad);
            assertThatThrownBy(PostgresServer::sharedBuffers).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(KNOB);
        }
    }
}
