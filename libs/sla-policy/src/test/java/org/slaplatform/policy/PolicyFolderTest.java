package org.slaplatform.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POL-3: an operator ships a new version of a policy as a file in a folder, without a rebuild. */
class PolicyFolderTest {

    private static String shipped(String name) throws IOException {
        try (InputStream in = PolicyFolderTest.class.getClassLoader().getResourceAsStream("policies/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @DisplayName("POL-3 a version 2 in the policy folder joins the book beside the shipped version 1")
    void aFolderAddsAVersion(@TempDir Path folder) throws IOException {
        String v2 = shipped("quantive").replaceFirst("(?m)^version: 1$", "version: 2")
                .replaceFirst("(?m)^effectiveFrom: .*$", "effectiveFrom: 2031-01-01");
        assertThat(v2).contains("version: 2").contains("effectiveFrom: 2031-01-01");
        Files.writeString(folder.resolve("quantive.v2.yaml"), v2);
        Files.writeString(folder.resolve("README.txt"), "not a policy: ignored");

        List<Policy> versions = new ArrayList<>(PolicyCatalog.loadAllVersions());
        versions.addAll(PolicyCatalog.loadFolder(folder));
        PolicyBook book = PolicyBook.of(versions);
        assertThat(book.all("quantive")).extracting(Policy::version).containsExactly(1, 2);
        assertThat(book.inForce("quantive", LocalDate.parse("2030-12-31")).version()).isEqualTo(1);
        assertThat(book.inForce("quantive", LocalDate.parse("2031-01-01")).version()).isEqualTo(2);
    }

    @Test
    @DisplayName("POL-1 a file in the folder that is not a valid policy stops the book, naming the file")
    void aBadFileIsRefused(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("broken.yaml"), "id: broken\nversion: 0\n");
        assertThatThrownBy(() -> PolicyCatalog.loadFolder(folder)).isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("broken.yaml");
    }

    @Test
    @DisplayName("POL-1 a folder that is named but missing is refused, not silently empty")
    void aMissingFolderIsRefused(@TempDir Path folder) {
        assertThatThrownBy(() -> PolicyCatalog.loadFolder(folder.resolve("absent"))).isInstanceOf(
                PolicyValidationException.class).hasMessageContaining("not a directory");
    }
}
