package org.slaplatform.runtime.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The platform's one batch encoding (docs/architecture.md, decision 1): a batch of rows travels as one
 * array parameter per column, read back by {@code unnest(?::uuid[], ?::text[], ...)}, so a batch of any
 * size is one statement and one round trip. Arrays are typed (a {@code UUID[]}, a {@code Long[]}), so the
 * driver sends them as the column's type. A row's own list of any length travels as one array literal
 * ({@link #lists}) that the statement casts per row, which a two-dimensional array (all rows the same
 * length) could not carry.
 */
public final class SqlArrays {

    private SqlArrays() {
    }

    /**
     * One column of {@code rows} as an array of the SQL {@code type}.
     *
     * @param newArray the Java array of the column's element type ({@code UUID[]::new}), which the driver
     *                 encodes as {@code type}
     */
    public static <R, T> Array column(Connection connection, String type, List<R> rows, Function<R, T> column,
            IntFunction<T[]> newArray) throws SQLException {
        T[] values = newArray.apply(rows.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = column.apply(rows.get(i));
        }
        return connection.createArrayOf(type, values);
    }

    public static <R> Array uuids(Connection connection, List<R> rows, Function<R, UUID> column) throws SQLException {
        return column(connection, "uuid", rows, column, UUID[]::new);
    }

    public static <R> Array texts(Connection connection, List<R> rows, Function<R, String> column) throws SQLException {
        return column(connection, "text", rows, column, String[]::new);
    }

    public static <R> Array ints(Connection connection, List<R> rows, Function<R, Integer> column) throws SQLException {
        return column(connection, "int4", rows, column, Integer[]::new);
    }

    public static <R> Array shorts(Connection connection, List<R> rows, Function<R, Integer> column) throws SQLException {
        return column(connection, "int2", rows, row -> column.apply(row).shortValue(), Short[]::new);
    }

    public static <R> Array longs(Connection connection, List<R> rows, Function<R, Long> column) throws SQLException {
        return column(connection, "int8", rows, column, Long[]::new);
    }

    /**
     * Instants as ISO-8601 texts, which the statement casts ({@code ?::timestamptz[]}); null stays SQL NULL.
     * Free of the JVM's time zone, unlike {@code java.sql.Timestamp}.
     */
    public static <R> Array instants(Connection connection, List<R> rows, Function<R, Instant> column)
            throws SQLException {
        return texts(connection, rows, row -> {
            Instant instant = column.apply(row);
            return instant == null ? null : instant.toString();
        });
    }

    /** Each row's list as an array literal ({@link #literal}), cast per row by the statement. */
    public static <R> Array lists(Connection connection, List<R> rows, Function<R, List<?>> column) throws SQLException {
        return texts(connection, rows, row -> literal(column.apply(row)));
    }

    /**
     * A list as a PostgreSQL array literal ({@code {"a","b"}}, {@code {}} when empty). Every element is
     * quoted, its quotes and backslashes escaped.
     */
    public static String literal(List<?> values) {
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
