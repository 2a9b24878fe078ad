package org.slaplatform.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * POL-1: every file in {@code broken/} differs from {@code valid-base.yaml} by one defect and is
 * refused with a violation naming the path of the bad field, never with a stack trace.
 */
class BrokenPoliciesTest {

    @Test
    @DisplayName("POL-1 the document the broken files derive from is itself valid")
    void baseIsValid() {
        Policy p = PolicyLoader.fromString(PolicyFiles.resource("valid-base.yaml"));
        assertThat(p.id()).isEqualTo("broken-example");
    }

    @ParameterizedTest(name = "{0} is refused at {1}")
    @CsvFileSource(resources = "/broken/expected.psv", delimiter = '|', numLinesToSkip = 1)
    @DisplayName("POL-1 a broken policy is refused with the path of the bad field and the reason")
    void refusedWithPath(String file, String path, String reasonWords) throws URISyntaxException {
        Path resource = Path.of(getClass().getClassLoader().getResource("broken/" + file).toURI());
        PolicyValidationException e = catchThrowableOfType(PolicyValidationException.class, () -> PolicyLoader.fromPath(resource));
        assertThat(e).as(file + " must be refused").isNotNull();
        assertThat(e.violations()).as(e.getMessage())
                .anySatisfy(v -> {
                    assertThat(v.path()).isEqualTo(path);
                    assertThat(v.reason()).containsIgnoringCase(reasonWords);
                });
        assertThat(e.getMessage()).contains(path).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(e.origin()).isEqualTo(resource.toString());
    }

    @Test
    @DisplayName("POL-1 the corpus holds at least 20 broken files, each listed with its expected path")
    void corpusIsComplete() throws Exception {
        Path folder = Path.of(getClass().getClassLoader().getResource("broken").toURI());
        try (Stream<Path> files = Files.list(folder)) {
            long yaml = files.filter(f -> f.toString().endsWith(".yaml")).count();
            String listed = PolicyFiles.resource("broken/expected.psv");
            assertThat(yaml).isGreaterThanOrEqualTo(20).isEqualTo(listed.lines().skip(1).count());
        }
    }

    @Test
    @DisplayName("POL-1 several defects are all reported at once")
    void collectsAll() {
        String yaml = PolicyFiles.resource("valid-base.yaml").replace("thresholds: [50, 75, 90]", "thresholds: [0, 75, 100]")
                .replace("calendar: office}", "calendar: nowhere}");
        PolicyValidationException e = catchThrowableOfType(PolicyValidationException.class, () -> PolicyLoader.fromString(yaml));
        assertThat(e.violations()).extracting(PolicyViolation::path).containsExactlyInAnyOrder(
                "severities[0].targets.firstResponse.calendar", "warnings.thresholds[0]", "warnings.thresholds[2]");
    }

    @Test
    @DisplayName("POL-1 empty text, YAML syntax errors and unknown names are refused with a reason")
    void unreadable() {
        assertThatThrownBy(() -> PolicyLoader.fromString("")).isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> PolicyLoader.fromString("policy: [unclosed")).isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("policy: expected text");
        assertThatThrownBy(() -> PolicyLoader.fromString("policy: a\n version: 1\n  - x: [")).isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("line");
        assertThatThrownBy(() -> PolicyLoader.fromClasspath("acme")).isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("no policy named 'acme'");
    }
}
