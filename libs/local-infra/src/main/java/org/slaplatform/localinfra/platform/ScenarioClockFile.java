package org.slaplatform.localinfra.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The scenario clock's offset file (docs/e2e.md): with {@code PLATFORM_SCENARIO_CLOCK=1}, {@code up}
 * starts every service on a clock shifted by the offset in it (0 at first), which {@code chaos --breaches}
 * moves forward. The format is {@code ScenarioClock}'s in libs/platform-runtime.
 */
public record ScenarioClockFile(Path file) {

    private static final String OFFSET = "offset-millis=";

    public boolean exists() {
        return Files.isRegularFile(file);
    }

    /** Writes the offset atomically, so that a service reads the old or the new one. */
    public void write(long offsetMillis) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, "slaplatform-scenario-clock v1\n" + OFFSET + offsetMillis + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PlatformException("cannot write " + file + ": " + e.getMessage());
        }
    }

    public long offsetMillis() {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(OFFSET))
                    .map(l -> Long.parseLong(l.substring(OFFSET.length()).strip())).findFirst()
                    .orElseThrow(() -> new PlatformException("no offset in " + file));
        } catch (IOException e) {
            throw new PlatformException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new PlatformException("cannot remove " + file + ": " + e.getMessage());
        }
    }
}
