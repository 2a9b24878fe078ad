package org.slaplatform.credit.repository;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Native SQL in the current reactive session and transaction (the consumer's, after its inbox
 * insert, or a service's {@code Panache.withTransaction}). Instants and uuids travel as text and are
 * cast in the statement, so the driver never guesses a type.
 */
public final class Sql {

    private Sql() {
    }

    public static Map<String, Object> params(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    public static Uni<Integer> update(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            params.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }

    public static Uni<List<Object[]>> rows(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql);
            params.forEach(query::setParameter);
            return query.getResultList();
        }).map(list -> {
            List<Object[]> rows = new ArrayList<>();
            for (Object row : list) {
                rows.add(row instanceof Object[] columns ? columns : new Object[] {row});
            }
            return rows;
        });
    }
}
