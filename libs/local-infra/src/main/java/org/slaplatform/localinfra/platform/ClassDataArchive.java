package org.slaplatform.localinfra.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A service's class-data-sharing archive (JDK 17's dynamic AppCDS): the classes one run of a build loaded,
 * written by the JVM when that run stops, and mapped from the file by every later start of the same build,
 * which then parses and verifies about 11,000 fewer classes (a quarter off a start on 2 cores:
 * benchmarks/results/footprint.md).
 * <p>
 * The archive belongs to one build on one JVM: its name carries a key of the jar (path, size, time) and of
 * the JVM (home and version), so a rebuild or another JDK starts without it and writes its own. A run
 * writes to a part file of its own process name ({@code -XX:ArchiveClassesAtExit}), never to the archive
 * itself: the JVM writes it at a normal exit, and a run killed meanwhile would leave half a file. The part
 * becomes the archive only after its process stopped on SIGTERM ({@link #keep}) and a JVM has mapped it
 * ({@code -Xshare:on}, which refuses an archive it cannot use); two instances of a service may each
 * write one, and the first kept wins.
 */
public final class ClassDataArchive {

    private final Path directory;
    private final String service;
    private final Path jar;
    private final String key;

    private ClassDataArchive(Path directory, String service, Path jar, String key) {
        this.directory = directory;
        this.service = service;
        this.jar = jar;
        this.key = key;
    }

    /** The archive of {@code service}'s build {@code jar}, run by the JVM this one runs on, in {@code directory}. */
    public static ClassDataArchive of(Path directory, String service, Path jar) {
        return new ClassDataArchive(directory, service, jar, key(jar));
    }

    /** The archive the next start of this build maps, once a run wrote it. */
    public Path archive() {
        return directory.resolve(service + "-" + key + ".jsa");
    }

    /** Where the process {@code processName} writes its archive when it stops. */
    Path part(String processName) {
        return directory.resolve(service + "-" + key + "." + processName + ".part");
    }

    /**
     * The JVM options for a start of {@code processName}: map the archive when this build has one, else
     * write one at exit (over what a killed earlier run of the same process left).
     */
    public List<String> options(String processName) {
        if (Files.isRegularFile(archive())) {
            return List.of("-XX:SharedArchiveFile=" + archive());
        }
        try {
            Files.createDirectories(directory);
            Files.deleteIfExists(part(processName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of("-XX:ArchiveClassesAtExit=" + part(processName));
    }

    /**
     * After {@code processName} stopped on SIGTERM: the archive it wrote at exit becomes this build's, if
     * there is none yet and a JVM maps it; earlier builds' archives of the service are deleted. Whatever it
     * wrote is gone from its part file afterwards. Answers whether it became the archive.
     */
    public boolean keep(String processName) {
        Path part = part(processName);
        try {
            if (!Files.isRegularFile(part)) {
                return false;
            }
            if (Files.isRegularFile(archive()) || !maps(part)) {
                Files.deleteIfExists(part);
                return false;
            }
            Files.move(part, archive(), StandardCopyOption.ATOMIC_MOVE);
            try (DirectoryStream<Path> archives = Files.newDirectoryStream(directory, service + "-*.jsa")) {
                for (Path archive : archives) {
                    if (!archive.equals(archive())) {
                        Files.deleteIfExists(archive);
                    }
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** After {@code processName} was killed: what it may have half written is not an archive. */
    public void discard(String processName) {
        try {
            Files.deleteIfExists(part(processName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a JVM on this build's class path maps {@code archive}: {@code -Xshare:on} exits 1 when it cannot. */
    boolean maps(Path archive) {
        return JvmOptions.startsWith(LocalPlatform.java(),
                List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-cp", jar.toString()));
    }

    /** 16 hex digits of SHA-256 over the jar's path, size and time and the JVM's home and version. */
    static String key(Path jar) {
        try {
            String identity = String.join("\n", jar.toAbsolutePath().normalize().toString(),
                    Long.toString(Files.size(jar)), Long.toString(Files.getLastModifiedTime(jar).toMillis()),
                    System.getProperty("java.home"), System.getProperty("java.vm.version"));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
