package org.slaplatform.localinfra.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The memory a process of the local run holds, with its child processes, in kB. Counted as PSS
 * (proportional set size, from {@code /proc/PID/smaps_rollup}): a page shared by several processes (PostgreSQL's shared buffers,
 * the JDK's class-data archive) is divided among them, so the figures of all processes add up to what
 * the platform takes from the machine, where summed RSS would count a shared page once per process.
 * Where {@code smaps_rollup} cannot be read (another user's process, an old kernel), RSS stands in.
 */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** The process's and its descendants' PSS in kB; empty when the process is gone. */
    public static OptionalLong treeKb(long pid) {
        return ProcessHandle.of(pid).map(handle -> OptionalLong.of(
                Stream.concat(Stream.of(handle), handle.descendants()).mapToLong(p -> ownKb(p.pid())).sum()))
                .orElse(OptionalLong.empty());
    }

    /**
     * The PSS in kB of the PostgreSQL server whose data folder is {@code data}: the postmaster detaches
     * from the wrapper that started it (its parent becomes init), so it is found by the first line of
     * {@code postmaster.pid}; 0 when no server runs there.
     */
    public static long postmasterKb(Path data) {
        try {
            Path pidFile = data.resolve("postmaster.pid");
            if (!Files.isRegularFile(pidFile)) {
                return 0;
            }
            return treeKb(Long.parseLong(Files.readAllLines(pidFile).get(0).strip())).orElse(0);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** One process's PSS in kB (its RSS where PSS cannot be read), 0 when it is gone. */
    static long ownKb(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        long pss = field(proc.resolve("smaps_rollup"), "Pss:");
        return pss >= 0 ? pss : Math.max(0, field(proc.resolve("status"), "VmRSS:"));
    }

    /** The kB figure of the line starting with {@code name}, -1 when the file or the line is missing. */
    static long field(Path file, String name) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> l.startsWith(name))
                    .mapToLong(l -> Long.parseLong(l.substring(name.length()).replaceAll("[^0-9]", "")))
                    .findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** kB as whole MB for a table: {@code 131 MB}. */
    public static String mb(long kb) {
        return kb / 1024 + " MB";
    }
}
