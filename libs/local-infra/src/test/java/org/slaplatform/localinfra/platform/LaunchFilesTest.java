package org.slaplatform.localinfra.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchFilesTest {

    @TempDir
    Path dir;

    @Test
    void theScenarioClockFileIsWhatScenarioClockReads() throws IOException {
        ScenarioClockFile clock = new ScenarioClockFile(dir.resolve("scenario-clock"));
        clock.write(0);
        clock.write(3_456_000_000L);

        assertThat(Files.readString(clock.file())).isEqualTo("slaplatform-scenario-clock v1\noffset-millis=3456000000\n");
        assertThat(clock.offsetMillis()).isEqualTo(3_456_000_000L);
        assertThat(dir.resolve("scenario-clock.tmp")).doesNotExist();
    }

    @Test
    void aListenerIsSeenUntilItCloses() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
            assertThat(Ports.listening(port)).isTrue();
        }
        assertThat(Ports.listening(port)).isFalse();
    }

    @Test
    void aPidFileIsOursOnlyWhileItsProcessCarriesTheName() throws IOException {
        PlatformLayout layout = new PlatformLayout(dir, Map.of("PLATFORM_HOME", dir.toString()));
        ProcessTable processes = new ProcessTable(layout);
        Files.createDirectories(layout.pids());
        // this test JVM runs, but not under the name -Dplatform-process=kafka
        Files.writeString(layout.pids().resolve("kafka.pid"), ProcessHandle.current().pid() + "\n");

        assertThat(processes.hasPidFile("kafka")).isTrue();
        assertThat(processes.running("kafka")).isFalse();
        assertThat(processes.running("postgres")).isFalse();
    }

    @Test
    void furtherInstancesAreFoundWhateverTheCount() throws IOException {
        PlatformLayout layout = new PlatformLayout(dir, Map.of("PLATFORM_HOME", dir.toString()));
        Files.createDirectories(layout.pids());
        for (String name : List.of("ticket-service", "ticket-service-2", "ticket-service-12", "credit-service-2")) {
            Files.writeString(layout.pids().resolve(name + ".pid"), "1\n");
        }

        assertThat(new ProcessTable(layout).furtherInstances("ticket-service"))
                .containsExactly("ticket-service-12", "ticket-service-2");
    }

    @Test
    void aServiceStartsWithItsNameMemorySettingsHeapOomExitPortAndPropertiesBeforeTheJar() {
        List<String> command = new ServiceLaunch("credit-service-2", Path.of("/r/credit-service/target/quarkus-app/quarkus-run.jar"),
                8094, "256m", List.of("-Dplatform.scenario-clock.file=/h/scenario-clock")).command();

        List<String> expected = new java.util.ArrayList<>(List.of("-Dplatform-process=credit-service-2"));
        expected.addAll(ServiceLaunch.MEMORY);
        expected.addAll(ServiceLaunch.CLASS_DATA_IN_PLACE);
        expected.addAll(ServiceLaunch.START);
        expected.addAll(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Dquarkus.http.port=8094",
                "-Dplatform.scenario-clock.file=/h/scenario-clock", "-jar", "/r/credit-service/target/quarkus-app/quarkus-run.jar"));
        assertThat(command.subList(1, command.size())).containsExactlyElementsOf(expected);
    }

    /**
     * The footprint figures (benchmarks/results/footprint.md) rely on these settings: a service that
     * drops one of them starts with the JVM's defaults (G1, an initial heap of 1/64 of the machine's
     * memory, eight malloc arenas per core) and takes about twice the memory.
     */
    @Test
    void everyServiceRunsWithTheMemorySettingsTheFootprintReliesOn() {
        List<String> command = new ServiceLaunch("ticket-service", Path.of("q.jar"), 8081, "256m", List.of()).command();

        assertThat(command).contains("-XX:+UseSerialGC", "-Xms24m", "-XX:MaxHeapFreeRatio=30", "-Xss512k",
                "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=160m", "-XX:TrimNativeHeapInterval=5000");
        assertThat(command).noneMatch(option -> option.startsWith("-XX:+UseG1GC") || option.startsWith("-XX:+UseParallelGC"));
        assertThat(ServiceLaunch.environment("h", "1", "k", "f")).containsEntry("MALLOC_ARENA_MAX", "2");
        // the start figures rely on the JIT's later compiling (benchmarks/results/footprint.md)
        assertThat(command).contains("-XX:CompileThresholdScaling=6");
        // and on the class-data archives mapped in place, clean and shared
        assertThat(command).containsSubsequence("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
    }

    @Test
    void theOperatorsJavaOptionsComeAfterTheDefaultsAndAreBounded() {
        PlatformLayout none = new PlatformLayout(dir, Map.of());
        assertThat(none.serviceJavaOptions()).isEmpty();
        PlatformLayout two = new PlatformLayout(dir, Map.of("PLATFORM_SERVICE_JAVA_OPTIONS", " -XX:CompileThresholdScaling=1  -Xlog:gc "));
        assertThat(two.serviceJavaOptions()).containsExactly("-XX:CompileThresholdScaling=1", "-Xlog:gc");

        assertThatThrownBy(() -> new PlatformLayout(dir, Map.of("PLATFORM_SERVICE_JAVA_OPTIONS", "-Xlog:gc rm")).serviceJavaOptions())
                .isInstanceOf(PlatformException.class).hasMessageContaining("each starting with -");
        assertThatThrownBy(() -> new PlatformLayout(dir, Map.of("PLATFORM_SERVICE_JAVA_OPTIONS", "-X ".repeat(21))).serviceJavaOptions())
                .isInstanceOf(PlatformException.class).hasMessageContaining("at most 20 options");
        assertThatThrownBy(() -> new PlatformLayout(dir, Map.of("PLATFORM_CLASS_DATA_SHARING", "yes")).classDataSharing())
                .isInstanceOf(PlatformException.class).hasMessageContaining("on or off");
        assertThat(new PlatformLayout(dir, Map.of("PLATFORM_CLASS_DATA_SHARING", "off")).classDataArchive("ticket-service")).isEmpty();
    }
}
