package org.slaplatform.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** POL-3: one book of every version, and an item is judged under the version it began under. */
class PolicyBookTest {

    private static Policy version(int version, String effectiveFrom) {
        String base = PolicyFiles.resource("valid-base.yaml").replace("version: 1", "version: " + version);
        return PolicyLoader.fromString(base.replace("policy: broken-example",
                "policy: broken-example\neffectiveFrom: " + effectiveFrom));
    }

    private final PolicyBook book = PolicyBook.of(List.of(version(1, "2021-01-01"), version(2, "2026-07-01")));

    @Test
    @DisplayName("POL-3 an item keeps the exact version it names, even after a newer one takes effect")
    void exactVersion() {
        assertThat(book.version("broken-example", 1).version()).isEqualTo(1);
        assertThat(book.version("broken-example", 2).version()).isEqualTo(2);
        assertThat(book.latest("broken-example").version()).isEqualTo(2);
        assertThat(book.all("broken-example")).extracting(Policy::version).containsExactly(1, 2);
    }

    @Test
    @DisplayName("POL-3 new work starts under the version in force on its first day")
    void inForce() {
        assertThat(book.inForce("broken-example", LocalDate.parse("2026-06-30")).version()).isEqualTo(1);
        assertThat(book.inForce("broken-example", LocalDate.parse("2026-07-01")).version()).isEqualTo(2);
        assertThat(book.inForce("broken-example", LocalDate.parse("2019-01-01")).version()).isEqualTo(1);
    }

    @Test
    @DisplayName("POL-3 a version the book does not ship is refused, never replaced by another")
    void unknownVersion() {
        assertThatThrownBy(() -> book.version("broken-example", 3))
                .isInstanceOf(PolicyBook.UnknownPolicyException.class)
                .hasMessage("policy broken-example version 3 is not shipped (have [1, 2])");
        assertThatThrownBy(() -> book.version("nobody", 1)).hasMessage("no policy named nobody");
        assertThat(book.knows("broken-example", 2)).isTrue();
        assertThat(book.knows("broken-example", 3)).isFalse();
    }

    @Test
    @DisplayName("POL-1 a book with one version twice, or dates going backwards, is refused")
    void inconsistentBooks() {
        assertThatThrownBy(() -> PolicyBook.of(List.of(version(1, "2021-01-01"), version(1, "2022-01-01"))))
                .isInstanceOf(PolicyValidationException.class).hasMessageContaining("version 1 is given twice");
        assertThatThrownBy(() -> PolicyBook.of(List.of(version(1, "2022-01-01"), version(2, "2021-01-01"))))
                .isInstanceOf(PolicyValidationException.class)
                .hasMessageContaining("version 2 takes effect on 2021-01-01, not after the version before it (2022-01-01)");
    }

    @Test
    @DisplayName("POL-1 the shipped book holds the four seed policies")
    void shipped() {
        PolicyBook shipped = PolicyBook.shipped();
        assertThat(shipped.names()).containsExactly("infostretch", "inflectra", "infotecs", "quantive");
        assertThat(shipped.version("quantive", 1).id()).isEqualTo("quantive");
    }
}
