package org.slaplatform.runtime.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slaplatform.runtime.testing.RuntimeDatabase;

/**
 * The platform's batch encoding: one array per column, read back by {@code unnest} on a real PostgreSQL,
 * every row's values in their row, nulls kept, a row's own list of any length in its row.
 */
class SqlArraysTest {

    private static RuntimeDatabase db;

    private record Row(UUID id, String name, Integer count, Integer severity, Long generation, Instant at, List<String> kinds) {
    }

    @BeforeAll
    static void database() {
        db = RuntimeDatabase.migrated();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aBatchTravelsAsOneArrayPerColumnAndComesBackRowByRow() throws Exception {
        List<Row> rows = List.of(
                new Row(UUID.randomUUID(), "first", 1, 2, 10_000_000_000L, Instant.parse("2026-12-07T09:00:00.123456Z"),
                        List.of("warning-75", "breach")),
                new Row(UUID.randomUUID(), "a \"quoted\", {braced} \\ name", null, 4, -1L, null, List.of()),
                new Row(UUID.randomUUID(), null, 3, 1, 0L, Instant.parse("1999-01-01T00:00:00Z"), List.of("NULL", "a,b")));
        List<Row> back = new ArrayList<>();

        try (Connection connection = db.connect();
                PreparedStatement select = connection.prepareStatement("""
                        select id, name, count, severity, generation, at, kinds::text[]
                          from unnest(?::uuid[], ?::text[], ?::int[], ?::smallint[], ?::bigint[], ?::timestamptz[], ?::text[])
                               as r (id, name, count, severity, generation, at, kinds)
                        """)) {
            select.setArray(1, SqlArrays.uuids(connection, rows, Row::id));
            select.setArray(2, SqlArrays.texts(connection, rows, Row::name));
            select.setArray(3, SqlArrays.ints(connection, rows, Row::count));
            select.setArray(4, SqlArrays.shorts(connection, rows, Row::severity));
            select.setArray(5, SqlArrays.longs(connection, rows, Row::generation));
            select.setArray(6, SqlArrays.instants(connection, rows, Row::at));
            select.setArray(7, SqlArrays.lists(connection, rows, Row::kinds));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    back.add(new Row(rs.getObject(1, UUID.class), rs.getString(2), (Integer) rs.getObject(3),
                            (int) rs.getShort(4), rs.getLong(5),
                            rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                            Arrays.asList((String[]) rs.getArray(7).getArray())));
                }
            }
        }

        assertThat(back).containsExactlyElementsOf(rows);
    }

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
