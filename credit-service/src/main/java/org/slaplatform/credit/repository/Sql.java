package org.slaplatform.credit.repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.slaplatform.runtime.db.SessionSql;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Native SQL in the current reactive session and transaction (the consumer's, after its inbox
 * insert, or a service's {@code Panache.withTransaction}). Instants and uuids travel as text and are
 * cast in the statement, so the driver never guesses a type. Selects run through {@link SessionSql} (on the
 * session's connection, without Hibernate's plan cache, which Hibernate Reactive fills with a plan per run);
 * their rows are read column by column, by name and Java type, and turned into a record by the caller's reader.
 */
final class Sql {

    private Sql() {
    }

    static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static Uni<Integer> update(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            params.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }

    static <R> Uni<List<R>> rows(String sql, Map<String, Object> params, Function<SessionSql.Row, R> reader) {
        return Panache.getSession().chain(session -> SessionSql.rows(session, sql, params))
                .map(rows -> rows.stream().map(reader).toList());
    }
}
