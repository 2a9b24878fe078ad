package org.slaplatform.availability.repository;

import static org.slaplatform.runtime.time.Instants.utc;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** QNT-AVL-6: the published status pages, one per account under its slug; the Vert.x reactive client. */
@ApplicationScoped
public class StatusPageStore {

    private final Pool pool;

    StatusPageStore(Pool pool) {
        this.pool = pool;
    }

    /** An account's page: its slug and when it was published. */
    public record Publication(String slug, Instant publishedAt) {
    }

    /** Whether another account publishes its page under {@code slug}, in the caller's transaction. */
    public Uni<Boolean> takenByOther(SqlConnection conn, String slug, String accountId) {
        return conn.preparedQuery("select account_id from status_pages where slug = $1 and account_id <> $2")
                .execute(Tuple.of(slug, accountId)).map(rows -> rows.size() > 0);
    }

    /** Publishes the account's page under {@code slug}, or renames it, in the caller's transaction. */
    public Uni<Void> publish(SqlConnection conn, String accountId, String slug, Instant at, String by) {
        return conn.preparedQuery("""
                insert into status_pages (account_id, slug, published_at, published_by) values ($1, $2, $3, $4)
                on conflict (account_id) do update set slug = excluded.slug,
                published_at = excluded.published_at, published_by = excluded.published_by""")
                .execute(Tuple.of(accountId, slug, utc(at), by)).replaceWithVoid();
    }

    public Uni<Void> unpublish(String accountId) {
        return pool.preparedQuery("delete from status_pages where account_id = $1").execute(Tuple.of(accountId))
                .replaceWithVoid();
    }

    /** The account's page, or null when it publishes none. */
    public Uni<Publication> find(String accountId) {
        return pool.preparedQuery("select slug, published_at from status_pages where account_id = $1")
                .execute(Tuple.of(accountId)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new Publication(row.getString("slug"), row.getOffsetDateTime("published_at").toInstant());
                });
    }

    /** Every published slug with its account. */
    public Uni<Map<String, String>> accountsBySlug() {
        return pool.query("select slug, account_id from status_pages").execute().map(rows -> {
            Map<String, String> map = new HashMap<>();
            rows.forEach(row -> map.put(row.getString("slug"), row.getString("account_id")));
            return map;
        });
    }
}
