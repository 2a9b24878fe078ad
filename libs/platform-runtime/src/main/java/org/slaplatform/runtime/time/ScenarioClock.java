package org.slaplatform.runtime.time;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The end-to-end scenarios' clock: real time shifted by an offset that the scenario harness writes
 * into a file, so that a whole running platform (five processes reading the same file) lives in the
 * month a scenario is about and moves forward to a deadline, a month's end or a settlement without
 * waiting. Time keeps flowing at its real pace from the shifted point.
 *
 * <p>Off unless the JVM is started with {@code -Dplatform.scenario-clock.file=PATH}: a system property
 * only, never a MicroProfile config key, so no {@code application.properties}, {@code PLATFORM_*} variable or
 * Kubernetes ConfigMap of ours can switch it on (only a JVM option can, e.g. {@code JAVA_TOOL_OPTIONS}). Refused (the service does not start) when the process runs in
 * a Kubernetes pod ({@code KUBERNETES_SERVICE_HOST} set) or when the file does not start with
 * {@link #HEADER}. See docs/e2e.md.
 */
public final class ScenarioClock extends Clock {

    /** The JVM system property naming the offset file. */
    public static final String FILE_PROPERTY = "platform.scenario-clock.file";
    /** The first line every offset file must hold, so that no stray file is taken for one. */
    public static final String HEADER = "slaplatform-scenario-clock v1";
    private static final String OFFSET_KEY = "offset-millis=";

    private final Path file;

    private ScenarioClock(Path file) {
        this.file = file;
    }

    /**
     * The scenario clock over {@code file}, or the reason it is refused.
     *
     * @param environment the process environment, where a Kubernetes pod is recognised
     * @throws IllegalStateException when the clock must not run here or the file is not an offset file
     */
    public static ScenarioClock enable(Path file, Map<String, String> environment) {
        if (environment.containsKey("KUBERNETES_SERVICE_HOST")) {
            throw new IllegalStateException("-D" + FILE_PROPERTY + " is set inside a Kubernetes pod: the scenario clock "
                    + "is for end-to-end tests only and is refused here");
        }
        ScenarioClock clock = new ScenarioClock(file);
        clock.offsetMillis(); // fails now, at start, on a missing or foreign file
        return clock;
    }

    /** Writes {@code offset} into {@code file} atomically, so that a reader sees the old or the new offset, never half. */
    public static void write(Path file, Duration offset) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path next = Files.createTempFile(parent, "scenario-clock", ".tmp");
            Files.writeString(next, HEADER + "\n" + OFFSET_KEY + offset.toMillis() + "\n", StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the scenario clock file " + file, e);
        }
    }

    /** The offset in force, read from the file on every call (the harness moves it between two API calls). */
    public long offsetMillis() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("scenario clock file " + file + " cannot be read", e);
        }
        if (lines.size() < 2 || !HEADER.equals(lines.get(0)) || !lines.get(1).startsWith(OFFSET_KEY)) {
            throw new IllegalStateException("scenario clock file " + file + " must start with '" + HEADER
                    + "' and then '" + OFFSET_KEY + "N'");
        }
        try {
            return Long.parseLong(lines.get(1).substring(OFFSET_KEY.length()).strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("scenario clock file " + file + ": " + lines.get(1) + " is not a number", e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetMillis();
    }

    @Override
    public Instant instant() {
        return Instant.now().plusMillis(offsetMillis());
    }
}
