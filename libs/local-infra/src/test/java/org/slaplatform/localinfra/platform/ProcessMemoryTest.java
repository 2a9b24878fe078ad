package org.slaplatform.localinfra.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `./platform status` shows as a process's memory: its PSS with its children's, read from /proc. */
class ProcessMemoryTest {

    @TempDir
    Path dir;

    @Test
    void aProcessCountsWithItsChildren() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            long own = ProcessMemory.ownKb(ProcessHandle.current().pid());
            long childKb = ProcessMemory.ownKb(child.pid());

            assertThat(own).as("this JVM's PSS").isGreaterThan(10_000);
            assertThat(childKb).as("a sleep's PSS").isPositive();
            assertThat(ProcessMemory.treeKb(ProcessHandle.current().pid()).orElseThrow())
                    .as("this JVM with its child").isGreaterThanOrEqualTo(own + childKb - 2_048);
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    @Test
    void aProcessThatIsGoneHasNoMemory() throws Exception {
        Process child = new ProcessBuilder("true").start();
        child.waitFor();

        assertThat(ProcessMemory.treeKb(child.pid())).isEmpty();
        assertThat(ProcessMemory.ownKb(child.pid())).isZero();
    }

    @Test
    void thePostmasterIsFoundByItsDataFoldersPidFile() throws Exception {
        Process server = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(dir.resolve("postmaster.pid"), server.pid() + "\n" + dir + "\n");

            assertThat(ProcessMemory.postmasterKb(dir)).isPositive();
            assertThat(ProcessMemory.postmasterKb(dir.resolve("none"))).as("no server there").isZero();
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    @Test
    void aFieldIsReadInKb() throws IOException {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nVmRSS:\t  123456 kB\nThreads:\t40\n");

        assertThat(ProcessMemory.field(status, "VmRSS:")).isEqualTo(123_456);
        assertThat(ProcessMemory.field(status, "Pss:")).isEqualTo(-1);
        assertThat(ProcessMemory.mb(131_072)).isEqualTo("128 MB");
    }
}
