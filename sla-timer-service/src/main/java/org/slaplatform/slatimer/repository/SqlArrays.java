package org.slaplatform.slatimer.repository;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One column of a batch as an array parameter, for the {@code unnest(?::uuid[], ?::text[], ...)}
 * statements (decision 1: one array per column). Instants travel as ISO-8601 texts that the
 * statement casts to {@code timestamptz[]}; a row's own list travels as a PostgreSQL array literal
 * that the statement casts per row.
 */
final class SqlArrays {

    private SqlArrays() {
    }

    static <R> Array uuids(Connection connection, List<R> rows, Function<R, UUID> column) throws SQLException {
        UUID[] values = new UUID[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        return connection.createArrayOf("uuid", values);
    }

    static <R> Array texts(Connection connection, List<R> rows, Function<R, String> column) throws SQLException {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        return connection.createArrayOf("text", values);
    }

    static <R> Array ints(Connection connection, List<R> rows, Function<R, Integer> column) throws SQLException {
        Integer[] values = new Integer[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        return connection.createArrayOf("int4", values);
    }

    static <R> Array shorts(Connection connection, List<R> rows, Function<R, Integer> column) throws SQLException {
        Short[] values = new Short[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i)).shortValue();
        }
        return connection.createArrayOf("int2", values);
    }

    static <R> Array longs(Connection connection, List<R> rows, Function<R, Long> column) throws SQLException {
        Long[] values = new Long[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        return connection.createArrayOf("int8", values);
    }

    /** Instants as ISO-8601 texts (cast to {@code timestamptz[]} by the statement); null stays SQL NULL. */
    static <R> Array instants(Connection connection, List<R> rows, Function<R, Instant> column) throws SQLException {
        return texts(connection, rows, row -> {
            Instant instant = column.apply(row);
            return instant == null ? null : instant.toString();
        });
    }

    /** Each row's list as an array literal ({@link #literal}), cast per row by the statement. */
    static <R> Array lists(Connection connection, List<R> rows, Function<R, List<?>> column) throws SQLException {
        return texts(connection, rows, row -> literal(column.apply(row)));
    }

    /**
     * A list as a PostgreSQL array literal ({@code {"a","b"}}, {@code {}} when empty): one text per row
     * carries a list of any length, which a two-dimensional array (all rows the same length) could not.
     * Every element is quoted, its quotes and backslashes escaped.
     */
    static String literal(List<?> values) {
        StringBuilder literal = new StringBuilder("{");
        for (Object value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"');
            String text = value.toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    literal.append('\\');
                }
                literal.append(c);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }
}
