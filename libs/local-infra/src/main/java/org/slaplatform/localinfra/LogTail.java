package org.slaplatform.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a process's log, for the message of a start that failed. */
public final class LogTail {

    private LogTail() {
    }

    /** The last {@code count} lines of {@code log} (all of them when it has fewer). */
    public static List<String> of(Path log, int count) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }
}
