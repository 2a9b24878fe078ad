package org.slaplatform.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Renders a Kustomize directory with {@code kubectl kustomize}, the way an operator would before
 * {@code kubectl apply -k}. Needs kubectl 1.27 or later (kustomize v5: {@code resources} naming
 * directories, {@code patches}); anything kustomize prints on stderr, a deprecation warning above
 * all, fails the rendering.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Map<Path, List<JsonNode>> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The objects an overlay renders to, in kustomize's order; rendered once per test run. */
    static List<JsonNode> render(Path directory) {
        return RENDERED.computeIfAbsent(directory.toAbsolutePath().normalize(), Kustomize::run);
    }

    private static List<JsonNode> run(Path directory) {
        String kubectl = kubectl();
        try {
            Path stderr = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(kubectl, "kustomize", directory.toString())
                    .redirectError(stderr.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + directory + " did not finish in 2 minutes");
            }
            String errors = Files.readString(stderr, StandardCharsets.UTF_8);
            Files.deleteIfExists(stderr);
            if (process.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize " + directory + " failed (exit " + process.exitValue()
                        + "; needs kubectl 1.27+, kustomize v5):\n" + errors);
            }
            // A deprecated field renders today and breaks with the next kustomize: it must fail now.
            if (!errors.isBlank()) {
                throw new AssertionError("kubectl kustomize " + directory + " printed on stderr (a deprecation?):\n" + errors);
            }
            List<JsonNode> objects = new ArrayList<>();
            try (var values = YAML.readerFor(JsonNode.class).readValues(out)) {
                while (values.hasNext()) {
                    JsonNode object = (JsonNode) values.next();
                    if (object != null && !object.isNull() && !object.isMissingNode()) {
                        objects.add(object);
                    }
                }
            }
            return objects;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + kubectl + " kustomize " + directory + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + directory, e);
        }
    }

    /**
     * The kubectl to run: $KUBECTL, else the first on the PATH. Its absence fails the test: the
     * manifests are not checked, which must never pass as green.
     */
    static String kubectl() {
        String configured = System.getenv("KUBECTL");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new AssertionError("""
                        kubectl not found on the PATH (nor in $KUBECTL): it renders the Kustomize overlays \
                        this test checks. Install kubectl 1.27 or later (kustomize v5); Debian bookworm's \
                        kubernetes-client (1.20, kustomize v2.0.3) is too old for these overlays."""));
    }
}
