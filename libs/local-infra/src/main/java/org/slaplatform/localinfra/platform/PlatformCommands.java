package org.slaplatform.localinfra.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slaplatform.localinfra.SigningKeys;
import org.slaplatform.localinfra.platform.Instances.Instance;

/**
 * {@code ./platform up | down | status | supervise}: the local run's start, stop, overview and the
 * supervisor that {@code up} leaves behind. Every 2 s the supervisor starts again a process that
 * {@code up} started (it has a PID file) and that no longer runs (a JVM exits on OutOfMemoryError, a
 * crash, a kill), with a line in {@code logs/supervisor.log} and a count in {@code status}; it restarts
 * nothing while {@code supervision-paused} exists ({@code chaos} kills on purpose).
 */
public final class PlatformCommands {

    private static final Pattern BOOT = Pattern.compile("started in [0-9.]*s");

    private final PlatformLayout layout;

    public PlatformCommands(PlatformLayout layout) {
        this.layout = layout;
    }

    /** {@code up [--instances N] [--started-ms EPOCH_MS]}: the second is when the wrapper began (its build included). */
    public void up(List<String> args) throws IOException {
        long started = System.currentTimeMillis();
        String count = "1";
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--instances" -> count = i + 1 < args.size() ? args.get(++i) : "";
                case "--started-ms" -> started = Long.parseLong(args.get(++i));
                default -> throw new PlatformException("up: unknown option " + args.get(i));
            }
        }
        Instances instances = Instances.of(count, layout);
        LocalPlatform platform = new LocalPlatform(layout, instances);
        long upStarted = started;
        Supplier<String> elapsed = () -> {
            long ms = System.currentTimeMillis() - upStarted;
            return ms / 1000 + "." + ms % 1000 / 100;
        };
        Files.createDirectories(layout.data());
        Files.createDirectories(layout.logs());
        Files.createDirectories(layout.pids());
        Files.writeString(layout.instancesFile(), instances.count() + "\n");
        SigningKeys.inDirectory(layout.keys());
        writeSecretKeyOnce(layout.keys().resolve("notification-secret-key"));
        ScenarioClockFile clock = new ScenarioClockFile(layout.scenarioClockFile());
        if ("1".equals(layout.env("PLATFORM_SCENARIO_CLOCK", "0"))) {
            if (!clock.exists()) {
                clock.write(0);
            }
            say("  scenario clock on: offset " + clock.offsetMillis() + " ms in " + clock.file());
        } else {
            clock.delete();
        }

        platform.processes().clearRestarts();
        if (!layout.externalDatabase()) {
            say("  [" + elapsed.get() + "s] starting postgres");
            if (platform.startPostgres()) {
                say("  [" + elapsed.get() + "s] postgres ready on 127.0.0.1:" + layout.localDbPort() + " (data in "
                        + layout.postgresData() + ")");
            }
        }
        if (!layout.externalKafka()) {
            say("  [" + elapsed.get() + "s] starting kafka");
            if (platform.startKafka()) {
                say("  [" + elapsed.get() + "s] kafka ready on " + layout.kafkaBootstrap() + " (logs in "
                        + layout.data().resolve("kafka") + ")");
            }
        }
        say("  [" + elapsed.get() + "s] starting " + instances.all().size() + " service instance(s)");
        for (String name : instances.names()) {
            platform.startService(name);
        }
        awaitServices(platform, instances.names(), elapsed);
        startSupervisor(platform.processes());

        say("");
        say("SLA platform is up in " + (System.currentTimeMillis() - started) + " ms.");
        for (Instance s : instances.all()) {
            say(String.format(Locale.ROOT,
                    "  %-22s http://localhost:%d/api/v1  swagger http://localhost:%d/q/swagger-ui  metrics http://localhost:%d/q/metrics  (%s)",
                    s.name(), s.port(), s.port(), s.port(), lastBoot(layout.log(s.name()))));
        }
        say("  kafka                  " + layout.kafkaBootstrap());
        say("  postgres               " + layout.databaseHost() + ":" + layout.databasePort());
        say("  logs                   " + layout.logs());
        say("  tokens                 ./platform token --role customer --account acme");
    }

    /** The key that seals webhook secrets at rest in notification-service (AES-256, base64), made once, readable by its owner only. */
    private static void writeSecretKeyOnce(Path file) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) > 0) {
            return;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
    }

    private static String lastBoot(Path log) {
        try {
            Matcher m = BOOT.matcher(Files.isRegularFile(log) ? Files.readString(log) : "");
            String last = "running";
            while (m.find()) {
                last = m.group();
            }
            return last;
        } catch (IOException e) {
            return "running";
        }
    }

    /**
     * Waits for every instance given, printing each as it becomes ready and, every 10 s, who is still
     * starting; a process that exits while starting stops {@code up} with the name of its log.
     */
    private void awaitServices(LocalPlatform platform, List<String> names, Supplier<String> elapsed) {
        List<String> pending = new ArrayList<>(names);
        int timeout = layout.startTimeoutSeconds(120) * ((pending.size() + 4) / 5);
        long deadline = System.currentTimeMillis() + timeout * 1000L;
        long note = System.currentTimeMillis() + 10_000;
        while (!pending.isEmpty()) {
            List<String> still = new ArrayList<>();
            for (String s : pending) {
                if (platform.ready(s)) {
                    say("  [" + elapsed.get() + "s] " + s + " ready on port " + platform.instances().named(s).port());
                } else if (!platform.processes().running(s)) {
                    throw new PlatformException(s + " exited while starting; see " + layout.log(s));
                } else {
                    still.add(s);
                }
            }
            pending = still;
            if (pending.isEmpty()) {
                break;
            }
            if (System.currentTimeMillis() >= deadline) {
                throw new PlatformException("not ready after " + timeout + "s: " + String.join(" ", pending)
                        + "; see their logs in " + layout.logs());
            }
            if (System.currentTimeMillis() >= note) {
                say("  [" + elapsed.get() + "s] waiting for " + String.join(" ", pending));
                note = System.currentTimeMillis() + 10_000;
            }
            ProcessTable.sleep(300);
        }
    }

    private void startSupervisor(ProcessTable processes) throws IOException {
        processes.stop("supervisor", true); // the one of an earlier `up` may watch another instance count
        Files.deleteIfExists(layout.supervisionPaused());
        processes.startDetached(List.of(LocalPlatform.java(), "-Dplatform-process=supervisor", "-Xmx64m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Dplatform.root=" + layout.root(), "-cp",
                layout.infraClasspath(), "org.slaplatform.localinfra.LocalInfra", "supervise"), Map.of(),
                ProcessBuilder.Redirect.appendTo(layout.logs().resolve("supervisor.log").toFile()), "supervisor");
    }

    /** Runs until killed: restarts what died, every 2 s, unless paused. */
    public void supervise() {
        LocalPlatform platform = new LocalPlatform(layout, Instances.current(layout));
        ProcessTable processes = platform.processes();
        List<String> watched = new ArrayList<>(List.of("postgres", "kafka"));
        watched.addAll(platform.instances().names());
        say(now() + " supervisor (pid " + ProcessHandle.current().pid() + "): watching " + String.join(" ", watched));
        while (true) {
            ProcessTable.sleep(2000);
            if (Files.exists(layout.supervisionPaused())) {
                continue;
            }
            for (String name : watched) {
                if (!processes.hasPidFile(name) || processes.running(name)) {
                    continue;
                }
                int n = processes.countRestart(name);
                say(now() + " supervisor: " + name + " (pid " + processes.pidText(name) + ") is not running; restart " + n
                        + "; its log: " + layout.log(name) + " (kept as " + name + ".previous.log)");
                processes.forget(name);
                boolean back;
                try {
                    back = switch (name) {
                        case "postgres" -> {
                            platform.stopOrphanedPostgres();
                            yield platform.startPostgres();
                        }
                        case "kafka" -> platform.startKafka();
                        default -> {
                            platform.startService(name);
                            platform.awaitService(name, layout.startTimeoutSeconds(300));
                            yield true;
                        }
                    };
                } catch (PlatformException e) {
                    System.err.println("platform: " + e.getMessage());
                    back = false;
                }
                say(now() + " supervisor: " + name + (back ? " is back (pid " + processes.pidText(name) + ")"
                        : " did not come back; tries again"));
            }
        }
    }

    /** Stops exactly the processes {@code up} started (by their PIDs), the supervisor first. */
    public void down() throws IOException {
        ProcessTable processes = new ProcessTable(layout);
        processes.stop("supervisor", false);
        for (String service : Instances.SERVICES) {
            stopService(processes, service, service);
            // every further instance, whatever count the last `up` asked for
            for (String further : processes.furtherInstances(service)) {
                stopService(processes, service, further);
            }
        }
        Files.deleteIfExists(layout.instancesFile());
        processes.stop("kafka", false);
        processes.stop("postgres", false);
        new LocalPlatform(layout, Instances.of("1", layout)).stopOrphanedPostgres();
    }

    /**
     * Stops one instance; the class-data-sharing archive its JVM wrote at exit, if any, becomes its build's
     * when it ended on SIGTERM, and is thrown away when it had to be killed (a half-written file).
     */
    private void stopService(ProcessTable processes, String service, String name) {
        boolean onSigterm = processes.stop(name, false);
        layout.classDataArchive(service).ifPresent(archive -> {
            if (!onSigterm) {
                archive.discard(name);
            } else if (archive.keep(name)) {
                say("  " + name + ": class-data-sharing archive written, " + archive.archive().getFileName());
            }
        });
    }

    /** What runs, its PID, port, readiness, memory and how often it was restarted. */
    public void status() {
        LocalPlatform platform = new LocalPlatform(layout, Instances.current(layout));
        ProcessTable processes = platform.processes();
        String format = "%-22s %-8s %-6s %-10s %-9s %s";
        say(String.format(Locale.ROOT, format, "NAME", "PID", "PORT", "MEMORY", "RESTARTS", "STATE"));
        long totalKb = 0;
        List<String> names = new ArrayList<>(List.of("postgres", "kafka"));
        names.addAll(platform.instances().names());
        for (String name : names) {
            boolean service = platform.instances().contains(name);
            int port = switch (name) {
                case "postgres" -> layout.localDbPort();
                case "kafka" -> layout.localKafkaPort();
                default -> platform.instances().named(name).port();
            };
            int restarts = processes.restarts(name);
            if (processes.running(name)) {
                long pid = processes.pid(name).orElseThrow();
                String state = !service ? "running" : LocalPlatform.ready(port) ? "ready" : "starting";
                long kb = ProcessMemory.treeKb(pid).orElse(0)
                        + (name.equals("postgres") ? ProcessMemory.postmasterKb(layout.postgresData()) : 0);
                totalKb += kb;
                say(String.format(Locale.ROOT, format, name, pid, port, ProcessMemory.mb(kb), restarts, state));
            } else {
                say(String.format(Locale.ROOT, format, name, "-", port, "-", restarts, "stopped"));
            }
        }
        say(String.format(Locale.ROOT, format, "total", "", "", ProcessMemory.mb(totalKb), "", ""));
        say("MEMORY: PSS of the process and its children (PostgreSQL's server processes under postgres),"
                + " a page shared by several processes divided among them");
        if (processes.running("supervisor")) {
            say("supervisor (pid " + processes.pidText("supervisor") + ") restarts what dies"
                    + (Files.exists(layout.supervisionPaused()) ? " (paused)" : "") + "; its log: "
                    + layout.logs().resolve("supervisor.log"));
        } else {
            say("supervisor not running");
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
