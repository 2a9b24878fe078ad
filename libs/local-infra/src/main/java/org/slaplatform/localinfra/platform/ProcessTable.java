package org.slaplatform.localinfra.platform;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The processes of the local run, by name, through their PID files in {@code PLATFORM_HOME/pids}. A
 * PID file is ours only while that PID still runs the command we started, which carries
 * {@code -Dplatform-process=NAME} (PIDs are reused). Every process is started in a session of its own
 * ({@code setsid}), so that it outlives the command that started it and no terminal signal reaches it.
 */
public final class ProcessTable {

    private final Path pids;
    private final Path logs;

    public ProcessTable(PlatformLayout layout) {
        this.pids = layout.pids();
        this.logs = layout.logs();
    }

    private Path pidFile(String name) {
        return pids.resolve(name + ".pid");
    }

    public boolean hasPidFile(String name) {
        return Files.isRegularFile(pidFile(name));
    }

    public Optional<Long> pid(String name) {
        try {
            String text = Files.isRegularFile(pidFile(name)) ? Files.readString(pidFile(name)).strip() : "";
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The PID for messages: the number, or empty when there is none. */
    public String pidText(String name) {
        return pid(name).map(String::valueOf).orElse("");
    }

    public boolean running(String name) {
        return pid(name).map(pid -> commandLine(pid).contains("platform-process=" + name + " ")).orElse(false);
    }

    /** The command line of a process, its arguments separated by spaces (and one after the last); empty when it is gone. */
    static String commandLine(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    static boolean exists(long pid) {
        return Files.isReadable(Path.of("/proc", Long.toString(pid), "cmdline"));
    }

    /**
     * Starts {@code command} as process {@code name}, its output in {@code logs/NAME.log} (the last one
     * kept as {@code NAME.previous.log}). False, with a line, when it runs already.
     */
    public boolean start(String name, List<String> command, Map<String, String> environment) {
        if (running(name)) {
            System.out.println("  " + name + " already running (pid " + pidText(name) + ")");
            return false;
        }
        try {
            Files.createDirectories(logs);
            Files.createDirectories(pids);
            Path log = logs.resolve(name + ".log");
            if (Files.exists(log)) {
                Files.move(log, logs.resolve(name + ".previous.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            startDetached(command, environment, ProcessBuilder.Redirect.to(log.toFile()), name);
        } catch (IOException e) {
            throw new PlatformException("cannot start " + name + ": " + e.getMessage());
        }
        return true;
    }

    /** Starts {@code command} in a session of its own, writes its PID file. */
    void startDetached(List<String> command, Map<String, String> environment, ProcessBuilder.Redirect output, String name)
            throws IOException {
        List<String> full = new ArrayList<>();
        full.add("setsid");
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        Process process = builder.start();
        Files.writeString(pidFile(name), process.pid() + "\n");
        // Until setsid has exec'd the command, the command line is setsid's (which holds the mark too), and while
        // exec runs /proc/PID/cmdline can read empty: wait until it is the command's own, so that running() means
        // what it says from here (a check in that window once took a starting postgres for an exited one)
        for (int i = 0; i < 100 && process.isAlive()
                && (!running(name) || commandLine(process.pid()).startsWith("setsid ")); i++) {
            sleep(50);
        }
    }

    /**
     * SIGTERM, then SIGKILL after 20 s; forgets the PID file. Quiet: no line. Answers whether a process
     * this stopped ended on SIGTERM (false when none ran or it had to be killed).
     */
    public boolean stop(String name, boolean quiet) {
        Optional<Long> pid = pid(name);
        if (pid.isEmpty()) {
            return false;
        }
        boolean onSigterm = false;
        if (running(name)) {
            ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroy);
            for (int i = 0; i < 100 && running(name); i++) {
                sleep(200);
            }
            onSigterm = !running(name);
            if (!onSigterm) {
                ProcessHandle.of(pid.get()).ifPresent(ProcessHandle::destroyForcibly);
            }
            if (!quiet) {
                System.out.println("  stopped " + name + " (pid " + pid.get() + (onSigterm ? ")" : ", killed after 20 s)"));
            }
        }
        forget(name);
        return onSigterm;
    }

    /** kill -9 the process started under that name, and wait until it is gone. */
    public void kill9(String name) {
        if (!running(name)) {
            throw new PlatformException(name + " is not running");
        }
        long pid = pid(name).orElseThrow();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        while (exists(pid)) {
            sleep(100);
        }
    }

    public void forget(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException e) {
            throw new PlatformException("cannot remove " + pidFile(name) + ": " + e.getMessage());
        }
    }

    /** How often the supervisor restarted it since the last {@code up}. */
    public int restarts(String name) {
        try {
            Path file = pids.resolve(name + ".restarts");
            return Files.isRegularFile(file) ? Integer.parseInt(Files.readString(file).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    int countRestart(String name) {
        int n = restarts(name) + 1;
        try {
            Files.writeString(pids.resolve(name + ".restarts"), n + "\n");
        } catch (IOException e) {
            throw new PlatformException("cannot count a restart of " + name + ": " + e.getMessage());
        }
        return n;
    }

    void clearRestarts() throws IOException {
        if (!Files.isDirectory(pids)) {
            return;
        }
        try (Stream<Path> files = Files.list(pids)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".restarts")).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** The names of a service's further instances that have a PID file ({@code ticket-service-2} ...), whatever count. */
    List<String> furtherInstances(String service) throws IOException {
        if (!Files.isDirectory(pids)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pids)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".pid"))
                    .map(f -> f.substring(0, f.length() - ".pid".length()))
                    .filter(n -> n.startsWith(service + "-") && n.length() > service.length() + 1
                            && Character.isDigit(n.charAt(service.length() + 1)))
                    .sorted().toList();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted");
        }
    }
}
