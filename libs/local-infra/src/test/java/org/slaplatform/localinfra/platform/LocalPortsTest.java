package org.slaplatform.localinfra.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The local run's fixed ports must never be the local end of a client connection: a connection there, even one in
 * TIME_WAIT, makes the server's bind fail with "Address already in use" (see {@link Ports}).
 */
class LocalPortsTest {

    /** Linux's default first ephemeral port, used where the machine does not say. */
    private static final int LINUX_EPHEMERAL_START = 32768;

    @Test
    @DisplayName("Every default port of the local run, three instances of each service included, lies below the ephemeral range")
    void defaultPortsLieBelowTheEphemeralRange() throws IOException {
        PlatformLayout layout = new PlatformLayout(Path.of("/repo"), Map.of());
        List<Integer> ports = new ArrayList<>(List.of(layout.localDbPort(), layout.localKafkaPort(),
                layout.localKafkaControllerPort(), layout.localSmtpPort()));
        Instances instances = Instances.of("3", layout);
        instances.names().forEach(name -> ports.add(instances.named(name).port()));

        assertThat(ports).hasSize(4 + 15).doesNotHaveDuplicates()
                .allSatisfy(port -> assertThat(port).isPositive().isLessThan(Math.min(LINUX_EPHEMERAL_START, ephemeralStart())));
    }

    /**
     * The first port of this machine's ephemeral range. Read by lines: JDK 17's {@code Files.readString} trusts
     * the size procfs reports and returned "3" for this file.
     */
    private static int ephemeralStart() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        return Files.isReadable(range) ? Integer.parseInt(Files.readAllLines(range).get(0).strip().split("\\s+")[0])
                : LINUX_EPHEMERAL_START;
    }
}
