package org.slaplatform.credit.repository;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.persistence.Tuple;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Native SQL in the current reactive session and transaction (the consumer's, after its inbox
 * insert, or a service's {@code Panache.withTransaction}). Instants and uuids travel as text and are
 * cast in the statement, so the driver never guesses a type. Rows are read as {@link Tuple}s, each
 * column by its name and Java type, and turned into a record by the caller's reader.
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

    static <R> Uni<List<R>> rows(String sql, Map<String, Object> params, Function<Tuple, R> reader) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Tuple.class);
            params.forEach(query::setParameter);
            return query.getResultList();
        }).map(tuples -> tuples.stream().map(reader).toList());
    }
}
