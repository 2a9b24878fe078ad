package org.slaplatform.ticket.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.testing.PlatformTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The one mapping under {@code ticket.} keeps the keys, and the defaults, that the inline properties had. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class TicketConfigTest {

    @Inject
    TicketConfig config;

    @Test
    @DisplayName("ticket.intake.group-commit.*, ticket.jwt-cache.* and ticket.email.imap.* read with their documented defaults")
    void keysAndDefaults() {
        assertThat(config.intake().groupCommit().maxBatch()).isEqualTo(64);
        assertThat(config.intake().groupCommit().maxInFlight()).isEqualTo(2);
        assertThat(config.jwtCache().maxSize()).isEqualTo(10_000);
        assertThat(config.jwtCache().maxAge()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.email().imap().enabled()).isFalse();
        assertThat(config.email().imap().port()).isEqualTo(993);
        assertThat(config.email().imap().ssl()).isTrue();
        assertThat(config.email().imap().folder()).isEqualTo("INBOX");
        assertThat(config.email().imap().pollInterval()).isEqualTo("30s");
    }
}
