package org.slaplatform.slatimer.repository;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Column values for the {@code unnest} batch statements that arrays of JDBC drivers do not carry
 * directly: instants as ISO-8601 texts (cast to {@code timestamptz[]} in the statement) and a row's
 * own array as a PostgreSQL array literal (cast per row).
 */
final class SqlArrays {

    private SqlArrays() {
    }

    /** One instant per row as ISO-8601 text, null kept as SQL NULL. */
    static <R> String[] instants(List<R> rows, Function<R, Instant> column) {
        String[] texts = new String[rows.size()];
        for (int i = 0; i < texts.length; i++) {
            Instant instant = column.apply(rows.get(i));
            texts[i] = instant == null ? null : instant.toString();
        }
        return texts;
    }

    /**
     * A row's list as a PostgreSQL array literal ({@code {"a","b"}}, {@code {}} when empty): one text
     * per row carries a list of any length, which a two-dimensional array (all rows the same length)
     * could not. Every element is quoted, its quotes and backslashes escaped.
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
