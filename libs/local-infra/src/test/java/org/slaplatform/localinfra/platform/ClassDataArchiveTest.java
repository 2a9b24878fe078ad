package org.slaplatform.localinfra.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run's class-data-sharing archives, on the real JVM: a run writes one at exit, a later start of
 * the same build maps its classes from it, a rebuild writes its own, and a half-written file is never used.
 */
class ClassDataArchiveTest {

    private static final String PROBE = CdsProbe.class.getName();

    @TempDir
    Path dir;

    private Path jar;
    private Path archives;

    @BeforeEach
    void buildJar() throws IOException {
        jar = dir.resolve("probe.jar");
        archives = dir.resolve("cds");
        writeJar(jar);
    }

    @Test
    void aRunWritesTheArchiveAtExitAndTheNextStartMapsItsClassesFromIt() throws Exception {
        ClassDataArchive cds = ClassDataArchive.of(archives, "probe-service", jar);
        List<String> first = cds.options("probe-service");
        assertThat(first).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=");
        assertThat(run(first)).contains("cds probe ran");
        assertThat(cds.part("probe-service")).isRegularFile();

        assertThat(cds.keep("probe-service")).isTrue();
        assertThat(cds.archive()).isRegularFile();
        assertThat(cds.part("probe-service")).doesNotExist();

        List<String> next = cds.options("probe-service");
        assertThat(next).containsExactly("-XX:SharedArchiveFile=" + cds.archive());
        List<String> logged = new ArrayList<>(next);
        logged.add("-Xlog:class+load=info");
        assertThat(run(logged)).contains(PROBE + " source: shared objects file (top)");
    }

    /**
     * JDK 17's later updates relocate an archive by default, rewriting every page of it into the process's own
     * memory; the local run maps both archives where they were written, so their pages stay clean and the
     * JDK's is shared by every JVM of the run (benchmarks/results/footprint.md).
     */
    @Test
    void theLocalRunMapsTheJdksArchiveAndTheServicesAtTheAddressTheyWereWrittenFor() throws Exception {
        ClassDataArchive cds = written(ClassDataArchive.of(archives, "probe-service", jar), "probe-service");
        List<String> options = new ArrayList<>(ServiceLaunch.CLASS_DATA_IN_PLACE);
        options.addAll(cds.options("probe-service"));
        options.add("-Xlog:cds=info");

        String log = run(options);

        assertThat(log).contains("cds probe ran")
                .contains("Mapped static  region #0 at base 0x0000000800000000")
                .containsPattern("Mapped dynamic region #0 at base 0x00000008[0-9a-f]{8} ")
                .doesNotContain("always map archive(s) at an alternative address");
    }

    @Test
    void aRebuiltJarWritesItsOwnArchiveAndTheOldOneGoes() throws Exception {
        ClassDataArchive before = written(ClassDataArchive.of(archives, "probe-service", jar), "probe-service");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

        ClassDataArchive rebuilt = ClassDataArchive.of(archives, "probe-service", jar);
        assertThat(rebuilt.archive()).isNotEqualTo(before.archive()).doesNotExist();
        assertThat(rebuilt.options("probe-service")).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=");
        written(rebuilt, "probe-service");
        assertThat(before.archive()).doesNotExist();
        assertThat(rebuilt.archive()).isRegularFile();
    }

    @Test
    void aHalfWrittenArchiveIsNeverKept() throws Exception {
        ClassDataArchive cds = ClassDataArchive.of(archives, "probe-service", jar);
        run(cds.options("probe-service"));
        Path part = cds.part("probe-service");
        byte[] whole = Files.readAllBytes(part);
        part.toFile().setWritable(true);
        Files.write(part, java.util.Arrays.copyOf(whole, whole.length / 2));

        assertThat(cds.maps(part)).isFalse();
        assertThat(cds.keep("probe-service")).isFalse();
        assertThat(part).doesNotExist();
        assertThat(cds.archive()).doesNotExist();
        // so the next start writes again
        assertThat(cds.options("probe-service")).singleElement().asString().startsWith("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void aKilledRunsPartIsDiscardedAndASecondInstancesArchiveIsNotKeptOverTheFirst() throws Exception {
        ClassDataArchive cds = ClassDataArchive.of(archives, "probe-service", jar);
        run(cds.options("probe-service"));
        cds.discard("probe-service");
        assertThat(cds.part("probe-service")).doesNotExist();

        List<String> first = cds.options("probe-service");
        List<String> second = cds.options("probe-service-2");
        run(first);
        run(second);
        assertThat(cds.keep("probe-service")).isTrue();
        byte[] kept = Files.readAllBytes(cds.archive());
        assertThat(cds.keep("probe-service-2")).isFalse();
        assertThat(cds.part("probe-service-2")).doesNotExist();
        assertThat(Files.readAllBytes(cds.archive())).isEqualTo(kept);
    }

    private ClassDataArchive written(ClassDataArchive cds, String processName) throws Exception {
        run(cds.options(processName));
        assertThat(cds.keep(processName)).isTrue();
        return cds;
    }

    /** Runs the probe jar on the JVM of these tests with {@code options}; answers its output. */
    private String run(List<String> options) throws Exception {
        List<String> command = new ArrayList<>(List.of(LocalPlatform.java()));
        command.addAll(options);
        command.addAll(List.of("-cp", jar.toString(), PROBE));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static void writeJar(Path jar) throws IOException {
        String entry = PROBE.replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
                InputStream classFile = CdsProbe.class.getClassLoader().getResourceAsStream(entry)) {
            jarOut.putNextEntry(new JarEntry(entry));
            classFile.transferTo(jarOut);
            jarOut.closeEntry();
        }
    }
}
