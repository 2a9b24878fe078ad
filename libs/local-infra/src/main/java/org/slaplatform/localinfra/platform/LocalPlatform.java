package org.slaplatform.localinfra.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.slaplatform.localinfra.LogTail;
import org.slaplatform.localinfra.platform.Instances.Instance;

/**
 * Starts, waits for and stops the processes of the local run: the embedded PostgreSQL and Kafka
 * (local-infra's command line, each a JVM of its own) and the packaged services, with the ports,
 * environment and JVM options {@code ./platform up} gives them. Used by {@code up}, the supervisor and
 * the fault run, which restarts what it killed the same way.
 */
public final class LocalPlatform {

    private static final int LOG_TAIL_LINES = 30;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final PlatformLayout layout;
    private final Instances instances;
    private final ProcessTable processes;

    public LocalPlatform(PlatformLayout layout, Instances instances) {
        this.layout = layout;
        this.instances = instances;
        this.processes = new ProcessTable(layout);
    }

    public PlatformLayout layout() {
        return layout;
    }

    public Instances instances() {
        return instances;
    }

    public ProcessTable processes() {
        return processes;
    }

    /**
     * The broker's memory settings, as {@link ServiceLaunch#MEMORY} for the services: the serial collector
     * and a small initial heap given back after a load (benchmarks/results/footprint.md).
     */
    public static final List<String> KAFKA_MEMORY = List.of("-XX:+UseSerialGC", "-Xms32m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30", "-Xss512k", "-XX:TrimNativeHeapInterval=5000");

    /**
     * PostgreSQL's wrapper JVM: it starts the server and then only waits, so the client compiler alone
     * (less code and compiler memory), smaller thread stacks and the native heap given back. Its heap keeps
     * the JVM's defaults, which unpacking the binaries on a new machine needs.
     */
    public static final List<String> POSTGRES_WRAPPER = List.of("-XX:TieredStopAtLevel=1", "-Xss512k",
            "-XX:TrimNativeHeapInterval=5000");

    /** The JVM this one runs on: the processes of the local run use the same. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts PostgreSQL and waits until it is ready; false when it was running already. */
    public boolean startPostgres() {
        if (!processes.running("postgres")) {
            Ports.awaitFree(layout.localDbPort(), "postgres", "PLATFORM_LOCAL_DB_PORT");
        }
        // The wrapper only forks the postmaster, but on a machine where the binaries were never extracted
        // it first unpacks them (xz, in memory): 64 MB of heap is not enough for that.
        List<String> command = new ArrayList<>(List.of(java(), "-Dplatform-process=postgres"));
        command.addAll(JvmOptions.acceptedBy(java(), POSTGRES_WRAPPER));
        command.addAll(ServiceLaunch.CLASS_DATA_IN_PLACE);
        command.addAll(List.of("-Xmx256m", ServiceLaunch.EXIT_ON_OOM, "-cp", layout.infraClasspath(),
                "org.slaplatform.localinfra.LocalInfra", "postgres",
                "--data", layout.postgresData().toString(), "--port", Integer.toString(layout.localDbPort()),
                "--database", layout.env("PLATFORM_DB_NAME", "slaplatform")));
        boolean started = processes.start("postgres", command, Map.of());
        if (started) {
            awaitLogLine("postgres", "postgres ready");
        }
        return started;
    }

    /** Starts Kafka and waits until it is ready; false when it was running already. */
    public boolean startKafka() {
        if (!processes.running("kafka")) {
            Ports.awaitFree(layout.localKafkaPort(), "kafka", "PLATFORM_LOCAL_KAFKA_PORT");
            Ports.awaitFree(layout.localKafkaControllerPort(), "kafka", "PLATFORM_LOCAL_KAFKA_CONTROLLER_PORT");
        }
        List<String> command = new ArrayList<>(List.of(java(), "-Dplatform-process=kafka"));
        command.addAll(JvmOptions.acceptedBy(java(), KAFKA_MEMORY));
        command.addAll(ServiceLaunch.CLASS_DATA_IN_PLACE);
        // compiling later: the broker ready as soon, with 7-9 MB less memory (benchmarks/results/footprint.md)
        command.addAll(ServiceLaunch.START);
        command.addAll(List.of("-Xmx" + layout.env("PLATFORM_KAFKA_HEAP", "256m"), ServiceLaunch.EXIT_ON_OOM,
                "-cp", layout.infraClasspath(), "org.slaplatform.localinfra.LocalInfra", "kafka",
                "--data", layout.data().resolve("kafka").toString(), "--port", Integer.toString(layout.localKafkaPort()),
                "--controller-port", Integer.toString(layout.localKafkaControllerPort())));
        boolean started = processes.start("kafka", command, Map.of("MALLOC_ARENA_MAX", "2"));
        if (started) {
            awaitLogLine("kafka", "kafka ready");
        }
        return started;
    }

    private void awaitLogLine(String name, String line) {
        Path log = layout.log(name);
        awaitCondition(name, 120, () -> {
            try {
                return Files.isRegularFile(log) && Files.readString(log).contains(line);
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Starts one service instance (not waiting for it); false when it was running already. */
    public boolean startService(String name) {
        Instance instance = instances.named(name);
        Map<String, String> env = new HashMap<>(ServiceLaunch.environment(layout.databaseHost(), layout.databasePort(),
                layout.kafkaBootstrap(), "file:" + layout.keys().resolve("public-key.pem")));
        if (instance.service().equals("notification-service")) {
            // only notification-service seals webhook secrets: only its process gets the key
            env.put("NOTIFICATION_SECRET_KEY", layout.env("NOTIFICATION_SECRET_KEY", readKey("notification-secret-key")));
            // The local run only (not the Dockerfile, compose or Kubernetes): mail goes to the SMTP server on
            // 127.0.0.1 that the fault run starts (plain SMTP on loopback), and webhooks may go to its receiver on
            // 127.0.0.1 over plain http; the DNS-rebinding guard is off for this process alone
            // (docs/operations-load-and-faults.md, "Notices"). Each can be overridden from the environment.
            env.put("NOTIFICATION_SMTP_HOST", layout.env("NOTIFICATION_SMTP_HOST", "127.0.0.1"));
            env.put("NOTIFICATION_SMTP_PORT", layout.env("NOTIFICATION_SMTP_PORT", Integer.toString(layout.localSmtpPort())));
            env.put("NOTIFICATION_SMTP_START_TLS", layout.env("NOTIFICATION_SMTP_START_TLS", "DISABLED"));
            env.put("NOTIFICATION_ALLOW_PRIVATE_WEBHOOK_TARGETS", layout.env("NOTIFICATION_ALLOW_PRIVATE_WEBHOOK_TARGETS", "true"));
            env.put("NOTIFICATION_ALLOW_PLAIN_HTTP_WEBHOOKS", layout.env("NOTIFICATION_ALLOW_PLAIN_HTTP_WEBHOOKS", "true"));
        }
        List<String> properties = new ArrayList<>();
        if (Files.exists(layout.scenarioClockFile())) {
            properties.add("-Dplatform.scenario-clock.file=" + layout.scenarioClockFile());
        }
        layout.classDataArchive(instance.service()).ifPresent(archive -> properties.addAll(archive.options(name)));
        properties.addAll(layout.serviceJavaOptions());
        List<String> command = new ServiceLaunch(name, layout.serviceJar(instance.service()), instance.port(),
                layout.env("PLATFORM_SERVICE_HEAP", "256m"), properties).command();
        return processes.start(name, command, env);
    }

    private String readKey(String file) {
        try {
            return Files.readString(layout.keys().resolve(file)).strip();
        } catch (IOException e) {
            throw new PlatformException("cannot read " + layout.keys().resolve(file) + ": " + e.getMessage());
        }
    }

    /** Whether the instance answers its readiness check. */
    public boolean ready(String name) {
        return ready(instances.named(name).port());
    }

    static boolean ready(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() < 400;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted");
        }
    }

    /** Waits until the instance is ready; it must not exit meanwhile. */
    public void awaitService(String name, int timeoutSeconds) {
        awaitCondition(name, timeoutSeconds, () -> ready(name));
    }

    private void awaitCondition(String name, int timeoutSeconds, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (!processes.running(name)) {
                throw new PlatformException(name + " exited while starting; see " + layout.log(name) + logTail(name));
            }
            if (System.currentTimeMillis() >= deadline) {
                throw new PlatformException(name + " not ready after " + timeoutSeconds + "s; see " + layout.log(name)
                        + logTail(name));
            }
            ProcessTable.sleep(200);
        }
    }

    /**
     * The last lines of the process's log, for the message of a start that failed: CI keeps the output of
     * {@code ./platform up} but not the log folder.
     */
    String logTail(String name) {
        try {
            List<String> tail = LogTail.of(layout.log(name), LOG_TAIL_LINES);
            return tail.isEmpty() ? "" : "; its last " + tail.size() + " lines:\n    " + String.join("\n    ", tail);
        } catch (IOException e) {
            return "";
        }
    }

    /** A postgres server whose Java parent died is still ours: its data folder names it. Stops it. */
    public void stopOrphanedPostgres() {
        long pid = postmasterPid();
        if (pid > 0 && ProcessTable.commandLine(pid).contains(layout.postgresData().toString())) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            for (int i = 0; i < 50 && ProcessTable.exists(pid); i++) {
                ProcessTable.sleep(200);
            }
            System.out.println("  stopped orphaned postgres (pid " + pid + ")");
        }
    }

    /** The PID of the PostgreSQL server itself (first line of its postmaster.pid), or 0. */
    public long postmasterPid() {
        Path postmaster = layout.postgresData().resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(postmaster)) {
                return 0;
            }
            List<String> lines = Files.readAllLines(postmaster);
            return lines.isEmpty() || lines.get(0).isBlank() ? 0 : Long.parseLong(lines.get(0).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
