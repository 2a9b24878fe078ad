package org.slaplatform.localinfra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./platform up} waits for a server's readiness line and sees it exit; a server whose start failed must
 * therefore exit, not linger. A broker that cannot bind its port used to stay up on the threads its half-done
 * start had left, and {@code up} waited out its whole timeout.
 */
class LocalInfraStartFailureTest {

    @Test
    @DisplayName("A broker whose port is taken exits with status 1 and says why")
    void aBrokerThatCannotStartExits(@TempDir Path data) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path output = data.resolve("kafka.log");
            Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
                    System.getProperty("java.class.path"), LocalInfra.class.getName(), "kafka",
                    "--data", data.resolve("kafka").toString(), "--port", Integer.toString(taken.getLocalPort()),
                    "--controller-port", Integer.toString(FreePorts.next())))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            try {
                assertThat(process.waitFor(90, TimeUnit.SECONDS))
                        .as(() -> "the broker's process ended; its output:\n" + read(output)).isTrue();
                assertThat(process.exitValue()).isEqualTo(1);
                assertThat(read(output)).contains("cannot start").doesNotContain("kafka ready");
            } finally {
                process.destroyForcibly();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
