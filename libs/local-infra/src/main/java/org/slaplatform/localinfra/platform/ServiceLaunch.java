package org.slaplatform.localinfra.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How one packaged service is started, the same for {@code ./platform up} and the e2e scenarios: its
 * own JVM on {@code target/quarkus-app/quarkus-run.jar}, named by {@code -Dplatform-process} (the mark
 * by which a PID file's process is recognised), a bounded heap, an exit on OutOfMemoryError (so that a
 * supervisor restarts it rather than it going on half-alive), its HTTP port, and the database, broker
 * and token key it is given in its environment.
 *
 * @param processName the {@code -Dplatform-process} mark, unique on the machine
 * @param jar         the service's {@code quarkus-run.jar}
 * @param port        its HTTP port
 * @param heap        its {@code -Xmx}
 * @param properties  further options (the scenario clock's file, the class-data-sharing archive, the
 *                    operator's {@code PLATFORM_SERVICE_JAVA_OPTIONS}), after the defaults so that they win
 */
public record ServiceLaunch(String processName, Path jar, int port, String heap, List<String> properties) {

    /** A JVM that runs out of memory exits, so that the supervisor starts it again, rather than going on half-alive. */
    public static final String EXIT_ON_OOM = "-XX:+ExitOnOutOfMemoryError";

    /**
     * The memory settings every service runs with, which the footprint figures rely on
     * (benchmarks/results/footprint.md; {@code LaunchFilesTest} fails when one is dropped):
     * <ul>
     * <li>the serial collector: no concurrent collector threads and none of G1's remembered sets, on a
     * machine where each service has a fraction of 2 cores;</li>
     * <li>a small initial heap ({@code -Xms}; the JVM's default is 1/64 of the machine's memory) that the
     * collector gives back when unused after a load ({@code MaxHeapFreeRatio});</li>
     * <li>smaller thread stacks and a bounded code cache and metaspace;</li>
     * <li>the memory that native allocations (the JIT, Netty, the Kafka clients) freed given back to the
     * system every 5 s ({@code TrimNativeHeapInterval}), where glibc would keep it (left out, with a
     * line, on a JDK 17 update that does not know it: {@link JvmOptions}).</li>
     * </ul>
     */
    public static final List<String> MEMORY = List.of("-XX:+UseSerialGC", "-Xms24m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30", "-Xss512k", "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=160m",
            "-XX:TrimNativeHeapInterval=5000");

    /**
     * The JIT compiles a method after six times the calls and loop turns it waits for by default. Half of a
     * service's start was the JIT compiling code that runs only while it starts (C1 and C2 threads 3.8 of
     * 7.5 CPU seconds), with five services starting on 2 cores. The code a load runs is compiled a little
     * later: the first minute of a load straight after a start is slower, the later ones are not
     * (benchmarks/results/footprint.md).
     */
    public static final List<String> START = List.of("-XX:CompileThresholdScaling=6");

    /**
     * Class-data-sharing archives mapped at the address they were written for, as JDK 17 did before its later
     * updates made relocating them the default ({@code ArchiveRelocationMode=1}). Relocating rewrites every
     * pointer in the archive, so each JVM of the local run held its own dirty copy of the JDK's archive and
     * of its service's; mapped in place, the pages stay clean file pages, and those of the JDK's archive are
     * shared by the seven JVMs (benchmarks/results/footprint.md). A JVM that finds the address taken relocates
     * as before. What it gives up is the address randomisation of the archive's region, in the local run.
     * Used by the services, Kafka and PostgreSQL's wrapper.
     */
    public static final List<String> CLASS_DATA_IN_PLACE = List.of("-XX:+UnlockDiagnosticVMOptions",
            "-XX:ArchiveRelocationMode=0");

    /** The service's command line, with the JVM this one runs on. */
    public List<String> command() {
        List<String> command = new ArrayList<>(List.of(LocalPlatform.java(), "-Dplatform-process=" + processName));
        command.addAll(JvmOptions.acceptedBy(LocalPlatform.java(), MEMORY));
        command.addAll(CLASS_DATA_IN_PLACE);
        command.addAll(START);
        command.addAll(List.of("-Xmx" + heap, EXIT_ON_OOM, "-Dquarkus.http.port=" + port));
        command.addAll(properties);
        command.addAll(List.of("-jar", jar.toString()));
        return command;
    }

    /**
     * The environment every service gets: where its database and broker are and where the public key
     * that checks its bearer tokens lies.
     */
    public static Map<String, String> environment(String dbHost, String dbPort, String kafka, String publicKeyLocation) {
        Map<String, String> env = new HashMap<>();
        env.put("PLATFORM_DB_HOST", dbHost);
        env.put("PLATFORM_DB_PORT", dbPort);
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        env.put("PLATFORM_JWT_PUBLIC_KEY_LOCATION", publicKeyLocation);
        // glibc's malloc keeps up to 8 arenas per core for the threads that allocate natively (Netty, the
        // JIT, the Kafka clients); two are enough and hold far less memory idle
        env.put("MALLOC_ARENA_MAX", "2");
        return env;
    }

    /** Whether a service on {@code port} answers its readiness check ({@code /q/health/ready}). */
    public static boolean ready(int port) {
        return LocalPlatform.ready(port);
    }
}
