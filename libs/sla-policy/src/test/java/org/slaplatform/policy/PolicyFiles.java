package org.slaplatform.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test access to the text of shipped and broken policy files. */
final class PolicyFiles {

    private PolicyFiles() {
    }

    static String shipped(String name) {
        return resource(PolicyLoader.RESOURCE_FOLDER + name + ".yaml");
    }

    static String resource(String path) {
        try (InputStream in = PolicyFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
