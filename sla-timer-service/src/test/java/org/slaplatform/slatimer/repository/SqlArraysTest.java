package org.slaplatform.slatimer.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A row's own list in an {@code unnest} batch statement: the array literal each row carries. */
class SqlArraysTest {

    @Test
    void aRowsListBecomesAnArrayLiteralWithEveryElementQuoted() {
        assertThat(SqlArrays.literal(List.of("warning-75", "breach"))).isEqualTo("{\"warning-75\",\"breach\"}");
        assertThat(SqlArrays.literal(List.of(Instant.parse("2026-12-07T09:00:00Z"))))
                .isEqualTo("{\"2026-12-07T09:00:00Z\"}");
    }

    @Test
    void anEmptyListIsTheEmptyArray() {
        assertThat(SqlArrays.literal(List.of())).isEqualTo("{}");
    }

    @Test
    void quotesBackslashesCommasAndBracesStayInsideTheirElement() {
        assertThat(SqlArrays.literal(List.of("a\"b", "c\\d", "e,f", "{g}", "NULL")))
                .isEqualTo("{\"a\\\"b\",\"c\\\\d\",\"e,f\",\"{g}\",\"NULL\"}");
    }
}
