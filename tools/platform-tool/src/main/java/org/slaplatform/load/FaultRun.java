package org.slaplatform.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.slaplatform.localinfra.platform.LocalPlatform;
import org.slaplatform.localinfra.platform.PlatformException;
import org.slaplatform.localinfra.platform.PlatformLayout;
import org.slaplatform.localinfra.platform.ProcessTable;
import org.slaplatform.localinfra.platform.ScenarioClockFile;

/**
 * {@code ./platform chaos [--short] [--breaches] [--oom]}: under an open-loop load, kill -9 each service
 * instance, then Kafka, then PostgreSQL, restart each, then verify that nothing acknowledged was lost or
 * doubled (exit 1 if it was). {@code --oom}: then drive each service (--short: two) out of memory; the
 * supervisor must restart it. {@code --breaches} (needs {@code PLATFORM_SCENARIO_CLOCK=1 ./platform up}):
 * then move the scenario clock {@code --breach-days} (40) on, kill sla-timer and notification while
 * every breach fires, and check each breach was published once. The supervisor is paused while the run
 * kills on purpose. Any other option goes to the load.
 */
final class FaultRun {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
    private static final Pattern LOAD_SUMMARY = Pattern.compile("^(RESULT|operation|tickets|probe|claims|load average).*");

    private final LocalRun run;
    private final LocalPlatform platform;
    private final PlatformLayout layout;
    private final ProcessTable processes;
    private boolean isShort;
    private boolean breaches;
    private boolean oom;
    /** Contacts, subscriptions and the receivers of their notices, checked after the run (issue 22). */
    private boolean notices = true;
    private NoticeSinks sinks;
    private int breachDays = 40;
    private int downSeconds = 5;
    private int settleSeconds = 20;
    private final List<String> loadArgs = new ArrayList<>();
    private long t0;

    FaultRun(LocalRun run, String[] args) {
        this.run = run;
        this.platform = run.platform();
        this.layout = platform.layout();
        this.processes = platform.processes();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--short" -> isShort = true;
                case "--breaches" -> breaches = true;
                case "--oom" -> oom = true;
                case "--no-notices" -> notices = false;
                case "--breach-days" -> breachDays = Integer.parseInt(args[++i]);
                case "--down-seconds" -> downSeconds = Integer.parseInt(args[++i]);
                case "--settle-seconds" -> settleSeconds = Integer.parseInt(args[++i]);
                default -> loadArgs.add(args[i]);
            }
        }
        if (isShort) { // the short run's timing, whatever was given
            downSeconds = 2;
            settleSeconds = 5;
        }
    }

    private List<String> rates() {
        return isShort ? List.of("--tickets-per-second", "5", "--probes-per-second", "500", "--probe-batch", "250",
                "--claims-per-second", "1")
                : List.of("--tickets-per-second", "20", "--probes-per-second", "2000", "--claims-per-second", "2");
    }

    int execute() throws Exception {
        if (layout.externalDatabase() || layout.externalKafka()) {
            throw new PlatformException("chaos kills the embedded PostgreSQL and Kafka of the local run; unset "
                    + "PLATFORM_DB_HOST and KAFKA_BOOTSTRAP_SERVERS");
        }
        ScenarioClockFile clock = new ScenarioClockFile(layout.scenarioClockFile());
        if (breaches && !clock.exists()) {
            throw new PlatformException("chaos --breaches moves the scenario clock: start with PLATFORM_SCENARIO_CLOCK=1 ./platform up");
        }
        List<String> all = new ArrayList<>(List.of("postgres", "kafka"));
        all.addAll(platform.instances().names());
        for (String s : all) {
            if (!processes.running(s)) {
                throw new PlatformException(s + " is not running: ./platform up first");
            }
        }
        Files.createDirectories(layout.loadDir());
        String stamp = LocalDateTime.now().format(STAMP);
        Path record = layout.loadDir().resolve("chaos-record-" + stamp + ".txt");
        Path stop = layout.loadDir().resolve("chaos-stop-" + stamp);
        Path log = layout.loadDir().resolve("chaos-load-" + stamp + ".log");
        t0 = epochSeconds();
        // chaos kills and restarts on purpose: the supervisor waits until it is done
        touch(layout.supervisionPaused());
        Thread cleanup = new Thread(() -> {
            try {
                touch(stop);
                Files.deleteIfExists(layout.supervisionPaused());
            } catch (IOException e) {
                System.err.println("chaos: " + e);
            }
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        String suffix = isShort ? " --short" : "";
        say("chaos" + suffix + ": load average " + CpuAccounting.loadAverage() + "; load log " + log);
        if (notices) {
            sinks = startSinks(clock);
            say("  notices: webhooks to " + sinks.webhookBase() + "/<account>, mail to SMTP 127.0.0.1:" + sinks.smtpPort());
        }
        Process loader = startLoad(record, stop, log);
        long deadline = epochSeconds() + 300;
        while (!hasLine(record, "R ")) {
            if (!loader.isAlive()) {
                System.out.print(Files.readString(log));
                throw new PlatformException("the load stopped before it started");
            }
            if (epochSeconds() >= deadline) {
                throw new PlatformException("the load did not start within 300 s; see " + log);
            }
            sleepSeconds(1);
        }
        sleepSeconds(settleSeconds);
        List<String> victims = new ArrayList<>(platform.instances().names());
        victims.add("kafka");
        victims.add("postgres");
        for (String victim : victims) {
            say("  t=" + t() + "s kill -9 " + victim + " (pid " + processes.pidText(victim) + "), " + count(record, "T ")
                    + " tickets acknowledged so far");
            if (victim.equals("postgres")) {
                // the server itself, then its Java wrapper (which would otherwise keep the data folder's lock)
                ProcessHandle.of(platform.postmasterPid()).ifPresent(ProcessHandle::destroyForcibly);
            }
            processes.kill9(victim);
            sleepSeconds(downSeconds);
            long started = epochSeconds();
            switch (victim) {
                case "postgres" -> platform.startPostgres();
                case "kafka" -> platform.startKafka();
                default -> restartService(victim);
            }
            say("  t=" + t() + "s " + victim + " back after " + (epochSeconds() - started) + " s");
            sleepSeconds(settleSeconds);
        }
        if (oom) {
            outOfMemory(record);
        }
        touch(stop);
        loader.waitFor();
        for (String line : Files.readAllLines(log)) {
            if (LOAD_SUMMARY.matcher(line).matches()) {
                say(line);
            }
        }
        say("verify:");
        Map<String, String> defaults = run.defaults(false);
        String settle = layout.env("PLATFORM_VERIFY_SETTLE", "600");
        String[] check = {"", "--record", record.toString(), "--settle-seconds", settle};
        int rc = status(() -> new Verify(new Options(defaults, check, 1)).execute());
        if (breaches) {
            rc = breachStorm(clock, defaults, check, rc);
        }
        if (sinks != null) {
            say("verify-notices:");
            int delivered = status(() -> new VerifyNotices(new Options(defaults, check, 1), sinks).execute());
            rc = rc != 0 ? rc : delivered;
            sinks.close();
        }
        Files.deleteIfExists(stop);
        say("chaos" + suffix + " took " + t() + " s; load average " + CpuAccounting.loadAverage());
        return rc;
    }

    /**
     * A breach storm: every clock of the run comes due at once; sla-timer-service and
     * notification-service are killed while it fires. Each breached target must be published once.
     */
    private int breachStorm(ScenarioClockFile clock, Map<String, String> defaults, String[] check, int rc)
            throws Exception {
        long travelled = clock.offsetMillis() + breachDays * 86_400_000L;
        say("breaches: t=" + t() + "s the scenario clock moves " + breachDays + " days forward (offset " + travelled + " ms)");
        clock.write(travelled);
        sleepSeconds(1);
        for (String victim : List.of("sla-timer-service", "notification-service")) {
            say("  t=" + t() + "s kill -9 " + victim + " (pid " + processes.pidText(victim) + ") while the breaches fire");
            processes.kill9(victim);
            sleepSeconds(downSeconds);
            long started = epochSeconds();
            restartService(victim);
            say("  t=" + t() + "s " + victim + " back after " + (epochSeconds() - started) + " s");
        }
        int breached = status(() -> new VerifyBreaches(new Options(defaults, check, 1)).execute());
        return breached != 0 ? breached : rc;
    }

    /**
     * Out of memory for real: an agent fills each victim's heap; -XX:+ExitOnOutOfMemoryError makes it
     * exit and the supervisor, no longer paused, must start it again while the load goes on.
     */
    private void outOfMemory(Path record) throws Exception {
        Files.deleteIfExists(layout.supervisionPaused());
        List<String> victims = isShort ? List.of("ticket-service", "sla-timer-service") : platform.instances().names();
        int timeout = layout.startTimeoutSeconds(300);
        for (String victim : victims) {
            int before = processes.restarts(victim);
            say("  t=" + t() + "s out of memory: " + victim + " (pid " + processes.pidText(victim) + "), "
                    + count(record, "T ") + " tickets acknowledged so far");
            long started = epochSeconds();
            OutOfMemoryAgent.load(processes.pidText(victim));
            long deadline = epochSeconds() + timeout;
            while (!(processes.restarts(victim) > before && processes.running(victim) && platform.ready(victim))) {
                if (epochSeconds() >= deadline) {
                    throw new PlatformException(victim + " was not restarted by the supervisor within " + timeout + " s");
                }
                Thread.sleep(500);
            }
            Path previous = layout.logs().resolve(victim + ".previous.log");
            if (!Files.isRegularFile(previous) || !Files.readString(previous).contains("OutOfMemoryError")) {
                throw new PlatformException(victim + " restarted, but its previous log shows no OutOfMemoryError");
            }
            say("  t=" + t() + "s " + victim + " exited on OutOfMemoryError, restarted by the supervisor, ready after "
                    + (epochSeconds() - started) + " s");
            sleepSeconds(settleSeconds);
        }
        touch(layout.supervisionPaused());
    }

    /** The webhook receiver and SMTP server on the local run's ports; notification-service was started pointing at them. */
    private NoticeSinks startSinks(ScenarioClockFile clock) {
        try {
            return new NoticeSinks(layout.localWebhookPort(), layout.localSmtpPort(),
                    () -> clock.exists() ? clock.offsetMillis() : 0L);
        } catch (Exception e) {
            throw new PlatformException("cannot start the notices' receivers on 127.0.0.1 ports " + layout.localWebhookPort()
                    + " (PLATFORM_LOCAL_WEBHOOK_PORT) and " + layout.localSmtpPort() + " (PLATFORM_LOCAL_SMTP_PORT): " + e
                    + "; --no-notices runs without them");
        }
    }

    private void restartService(String victim) {
        platform.startService(victim);
        platform.awaitService(victim, layout.startTimeoutSeconds(300));
    }

    /** The load in a JVM of its own, as {@code ./platform load} runs it, its output in {@code log}. */
    private Process startLoad(Path record, Path stop, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + layout.env("PLATFORM_LOAD_HEAP", "768m"));
        String javaOptions = System.getenv("PLATFORM_LOAD_JAVA_OPTS");
        for (String option : (javaOptions == null ? "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" : javaOptions).split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-Dplatform.root=" + layout.root(), "-jar", LocalRun.jar().toString(), "load-run",
                "--seconds", "86400", "--record", record.toString(), "--stop-file", stop.toString()));
        command.addAll(rates());
        if (sinks != null) {
            command.addAll(List.of("--webhook-url", sinks.webhookBase()));
        }
        command.addAll(loadArgs);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private interface Check {
        int run() throws Exception;
    }

    /** A check's exit status; one that throws has failed, with its reason printed. */
    private static int status(Check check) {
        try {
            return check.run();
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    private static boolean hasLine(Path file, String prefix) throws IOException {
        return Files.isRegularFile(file) && count(file, prefix) > 0;
    }

    private static long count(Path file, String prefix) throws IOException {
        if (!Files.isRegularFile(file)) {
            return 0;
        }
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(prefix)).count();
        }
    }

    private static void touch(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        } else {
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        }
    }

    private long t() {
        return epochSeconds() - t0;
    }

    private static long epochSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    private static void sleepSeconds(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
