package org.slaplatform.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slaplatform.localinfra.LogTail;
import org.slaplatform.localinfra.platform.ServiceLaunch;

/**
 * One packaged service, started as its own JVM exactly as {@code ./platform up} starts it (the command
 * line of local-infra's {@link ServiceLaunch}), its output in its own log.
 */
final class ServiceProcess {

    final String name;
    final int port;
    private final Path log;
    private Process process;

    ServiceProcess(String name, int port, Path logs) {
        this.name = name;
        this.port = port;
        this.log = logs.resolve(name + ".log");
    }

    String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    void start(Path jar, Map<String, String> environment, List<String> systemProperties, String heap) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the scenarios run the packaged services; build them "
                    + "in the same reactor, e.g. ./mvnw -pl e2e -am verify");
        }
        List<String> command = new ServiceLaunch("e2e-" + name, jar, port, heap, systemProperties).command();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
    }

    void awaitReady(Instant deadline) throws InterruptedException {
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n" + tail());
            }
            if (ServiceLaunch.ready(port)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " not ready in time:\n" + tail());
            }
            Thread.sleep(250);
        }
    }

    /** SIGTERM, then SIGKILL after 20 s: the process and only it. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    String tail() {
        try {
            return String.join("\n", LogTail.of(log, 40));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    Path log() {
        return log;
    }
}
