package org.slaplatform.runtime.db;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.data.Numeric;

/**
 * Native selects run on a Hibernate Reactive session's own connection, inside its transaction, without
 * Hibernate's query plan cache.
 *
 * <p><b>Why not {@code session.createNativeQuery}.</b> Hibernate caches the plan of a native select under its SQL
 * and its result-set mapping. Hibernate Reactive 3.4 wraps every mapping in a {@code ReactiveResultSetMapping}
 * that has no {@code equals}, so the key of one run never equals the key stored by the run before: every run of
 * a native select plans it again and stores one more plan, until the cache (2,048 plans) is full of copies that
 * push out the plans of the HQL queries. All copies of one statement share its SQL's hash, so every lookup also
 * compares itself with each of them: at the goal load that was 6 % of notification-service's CPU in
 * {@code SelectInterpretationsKey.equals} alone (benchmarks/results/platform-load.md). {@code SessionSqlTest} shows
 * it with Hibernate's own statistics, and fails once Hibernate Reactive stops doing it: then this class can go.
 *
 * <p><b>What this does instead.</b> It flushes the session, as Hibernate does before a native query, then runs
 * the statement on the session's connection, where the PostgreSQL client keeps its prepared statement. The SQL
 * uses PostgreSQL's own placeholders ({@code $1}, {@code $2}); each value is bound as the client binds it (a
 * {@code String[]} as {@code text[]}). Values come back as the client reads them: {@code text} as
 * {@code String}, {@code int} as {@code Integer}, {@code bigint} and {@code count(*)} as {@code Long}, {@code uuid} as
 * {@code UUID}, {@code timestamptz} as {@code OffsetDateTime}; {@code numeric} as the client's {@code Numeric}, or as a
 * {@code BigDecimal} when the caller asks for one.
 */
public final class SessionSql {

    private SessionSql() {
    }

    /** One row: its columns' values as the PostgreSQL client read them, by position or by name. */
    public static final class Row {
        private final List<String> names;
        private final Object[] values;

        Row(List<String> names, Object[] values) {
            this.names = names;
            this.values = values;
        }

        /** The row's values, in column order. */
        public Object[] values() {
            return values.clone();
        }

        /** The value of the column at {@code index} (from 0), checked to be a {@code type} (or null). */
        public <T> T get(int index, Class<T> type) {
            return checked(values[index], type, names.get(index));
        }

        /** The value of the column named {@code name}, checked to be a {@code type} (or null). */
        public <T> T get(String name, Class<T> type) {
            int index = names.indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException("no column " + name + " among " + names);
            }
            return get(index, type);
        }
    }

    /**
     * The rows of {@code sql}, its placeholders bound from {@code parameters} in order. A lone array parameter
     * is passed as {@code (Object) array}, else Java spreads it over the placeholders.
     */
    public static Uni<List<Row>> rows(Mutiny.Session session, String sql, Object... parameters) {
        ReactiveConnection connection = connection(session);
        return session.flush()
                .chain(() -> Uni.createFrom().completionStage(() -> connection.selectJdbc(sql, parameters)))
                .map(SessionSql::read);
    }

    /**
     * The rows of {@code sql} written with named parameters ({@code :name}, as in Hibernate's native queries),
     * each bound from {@code parameters}: every name the statement uses must be given, and every name given used.
     */
    public static Uni<List<Row>> rows(Mutiny.Session session, String sql, Map<String, ?> parameters) {
        Positional positional = positional(sql);
        if (!positional.names().equals(parameters.keySet())) {
            throw new IllegalArgumentException("the statement names the parameters " + positional.names()
                    + ", the caller gave " + parameters.keySet());
        }
        return rows(session, positional.sql(), positional.names().stream().map(parameters::get).toArray());
    }

    /** A statement with named parameters rewritten to PostgreSQL's placeholders, and the names in their order. */
    record Positional(String sql, Set<String> names) {
    }

    /**
     * Rewrites each {@code :name} to {@code $n}, the same name to the same number. A cast ({@code ::text}) and
     * anything quoted ({@code 'HH24:MI'}, {@code "col:x"}) is left as it is.
     */
    static Positional positional(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        Map<String, Integer> numbers = new LinkedHashMap<>();
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
                out.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                out.append(c);
            } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                out.append("::");
                i++;
            } else if (c == ':' && i + 1 < sql.length() && isNameStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
                    end++;
                }
                String name = sql.substring(i + 1, end);
                out.append('$').append(numbers.computeIfAbsent(name, n -> numbers.size() + 1));
                i = end - 1;
            } else {
                out.append(c);
            }
        }
        return new Positional(out.toString(), Collections.unmodifiableSet(new LinkedHashSet<>(numbers.keySet())));
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    /** The first column of {@code sql}'s rows, each value checked to be a {@code type} (or null). */
    public static <T> Uni<List<T>> column(Mutiny.Session session, String sql, Class<T> type, Object... parameters) {
        return rows(session, sql, parameters).map(rows -> rows.stream().map(row -> row.get(0, type)).toList());
    }

    /** Whether {@code sql}, a {@code select count(*)}, counts more than none. */
    public static Uni<Boolean> anyCounted(Mutiny.Session session, String sql, Object... parameters) {
        return column(session, sql, Long.class, parameters).map(counts -> counts.size() == 1 && counts.get(0) > 0);
    }

    private static List<Row> read(ResultSet resultSet) {
        try {
            ResultSetMetaData metaData = resultSet.getMetaData();
            List<String> names = new ArrayList<>(metaData.getColumnCount());
            for (int column = 1; column <= metaData.getColumnCount(); column++) {
                names.add(metaData.getColumnLabel(column));
            }
            List<String> columns = List.copyOf(names);
            List<Row> rows = new ArrayList<>();
            while (resultSet.next()) {
                Object[] values = new Object[columns.size()];
                for (int column = 0; column < values.length; column++) {
                    values[column] = resultSet.getObject(column + 1);
                }
                rows.add(new Row(columns, values));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the rows of a native select", e);
        }
    }

    private static <T> T checked(Object value, Class<T> type, String column) {
        if (value instanceof Numeric numeric && type == BigDecimal.class) {
            // the client reads numeric as its own Numeric (a Number); Hibernate gave a BigDecimal
            return type.cast(numeric.bigDecimalValue());
        }
        if (value != null && !type.isInstance(value)) {
            throw new IllegalStateException("expected a " + type.getSimpleName() + " in column " + column
                    + " from the database, got a " + value.getClass().getName());
        }
        return type.cast(value);
    }

    private static ReactiveConnection connection(Mutiny.Session session) {
        if (session instanceof MutinySessionImpl impl) {
            return impl.getReactiveConnection();
        }
        throw new IllegalStateException("not a Hibernate Reactive session of its own implementation: "
                + session.getClass().getName());
    }
}
