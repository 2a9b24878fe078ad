package org.slaplatform.localinfra.platform;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Options of the local run that only recent JDK updates know ({@link #RECENT}): each is asked of the
 * JVM that will run them once ({@code java OPTION -version}), and one the JVM refuses is left out, with
 * a line, rather than a service or the broker refusing to start on an older JDK 17 update.
 */
public final class JvmOptions {

    /** {@code TrimNativeHeapInterval} came to JDK 17 in a late update: 17.0.15 has it, older updates may not. */
    static final Set<String> RECENT = Set.of("-XX:TrimNativeHeapInterval=5000");

    private static final Map<String, Boolean> ACCEPTED = new ConcurrentHashMap<>();

    private JvmOptions() {
    }

    /** {@code options} without those of {@link #RECENT} that {@code java} refuses; the others as they are. */
    public static List<String> acceptedBy(String java, List<String> options) {
        return options.stream().filter(option -> !RECENT.contains(option) || accepts(java, option)).toList();
    }

    /** Whether {@code java} starts with {@code option} (asked once per JVM and option). */
    static boolean accepts(String java, String option) {
        return ACCEPTED.computeIfAbsent(java + " " + option, key -> {
            boolean accepted = startsWith(java, List.of(option));
            if (!accepted) {
                System.out.println("  " + java + " does not know " + option + ": started without it");
            }
            return accepted;
        });
    }

    /** Whether {@code java} with {@code options} prints its version and exits 0 (within 60 s). */
    static boolean startsWith(String java, List<String> options) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(options);
        command.add("-version");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null"))).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
