package org.slaplatform.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slaplatform.localinfra.platform.LocalPlatform;

/**
 * CPU seconds (user + system, from {@code /proc}) each process of the local run has used so far: every
 * service instance, kafka, and postgres with all its children (backends, WAL writer ...; a backend that
 * exits during the run takes its seconds with it, so postgres is a lower bound); and the machine's busy
 * seconds, so that a run can tell where the cores went.
 */
final class CpuAccounting {

    private final LocalPlatform platform;
    private final double ticks;

    CpuAccounting(LocalPlatform platform) {
        this.platform = platform;
        this.ticks = clockTicks();
    }

    /** Seconds per process name, in the order the report prints them. */
    Map<String, Double> perProcess() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(platform.instances().names());
        names.add("kafka");
        for (String name : names) {
            Optional<Long> pid = platform.processes().pid(name);
            pid.flatMap(this::processSeconds).ifPresent(s -> seconds.put(name, s));
        }
        long postmaster = platform.postmasterPid();
        if (postmaster > 0) {
            double sum = processSeconds(postmaster).orElse(0.0);
            sum += ProcessHandle.of(postmaster).map(p -> p.children().mapToDouble(c -> processSeconds(c.pid()).orElse(0.0))
                    .sum()).orElse(0.0);
            seconds.put("postgres", sum);
        }
        return seconds;
    }

    /** utime + stime of one process, the 14th and 15th fields of its stat line. */
    private Optional<Double> processSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(") ") + 2).split(" ");
            return Optional.of((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / ticks);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The machine's busy seconds so far (user, nice, system, irq, softirq of every core). */
    double machineBusy() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).stream().filter(l -> l.startsWith("cpu ")).findFirst()
                    .orElseThrow();
            String[] f = cpu.trim().split("\\s+");
            return (Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7])) / ticks;
        } catch (IOException e) {
            return 0;
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * The report line: seconds of CPU per process between {@code before} and {@code after}, and
     * "other", whatever else ran meanwhile (builds, the shell, the kernel's threads).
     */
    static String report(Map<String, Double> before, Map<String, Double> after, double toolSeconds, double busy, double wall) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "RESULT cpu during the load (%.0f s wall, machine busy %.1f of %.1f core-seconds):", wall, busy,
                wall * cores()));
        double sum = 0;
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, s) -> used.put(name, s - before.getOrDefault(name, 0.0)));
        used.put("load-tool", toolSeconds);
        for (Map.Entry<String, Double> e : used.entrySet()) {
            line.append(String.format(Locale.ROOT, " %s %.1f s,", e.getKey(), e.getValue()));
            sum += e.getValue();
        }
        return line.append(String.format(Locale.ROOT, " other %.1f s", busy - sum)).toString();
    }

    private static double clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 ? Double.parseDouble(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
