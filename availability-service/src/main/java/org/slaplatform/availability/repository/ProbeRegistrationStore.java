package org.slaplatform.availability.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.runtime.db.SessionSql;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Issue 17, probe identity: the accounts each probe reports on ({@code probe_scopes}, {@code *} for
 * every account) and the locations it reports from ({@code probe_registered_locations}). The Vert.x
 * reactive client, except {@link #covers}, which runs in the caller's Hibernate Reactive transaction.
 */
@ApplicationScoped
public class ProbeRegistrationStore {

    private final Pool pool;

    ProbeRegistrationStore(Pool pool) {
        this.pool = pool;
    }

    /** A probe's registration: its accounts and its locations, each sorted. */
    public record Registered(List<String> accounts, List<String> locations) {
    }

    /** Those of {@code locations} (each named once) registered to a probe other than {@code probe}. */
    public Uni<List<String>> takenByOthers(SqlConnection conn, String probe, String[] locations) {
        return conn.preparedQuery("""
                select r.location from unnest($1::text[]) as u(l)
                join probe_registered_locations r on r.location = u.l where r.probe <> $2""")
                .execute(Tuple.tuple().addArrayOfString(locations).addString(probe)).map(rows -> {
                    List<String> taken = new ArrayList<>(rows.size());
                    rows.forEach(row -> taken.add(row.getString("location")));
                    return taken;
                });
    }

    /** Replaces the probe's accounts and locations, in the caller's transaction; empty arrays unregister it. */
    public Uni<Void> replace(SqlConnection conn, String probe, String[] accounts, String[] locations) {
        return conn.preparedQuery("delete from probe_scopes where probe = $1").execute(Tuple.of(probe))
                .chain(() -> conn.preparedQuery("delete from probe_registered_locations where probe = $1")
                        .execute(Tuple.of(probe)))
                .chain(() -> conn.preparedQuery("insert into probe_scopes (probe, account_id) select $1, unnest($2::text[])")
                        .execute(Tuple.tuple().addString(probe).addArrayOfString(accounts)))
                .chain(() -> conn.preparedQuery("insert into probe_registered_locations (location, probe) select unnest($2::text[]), $1")
                        .execute(Tuple.tuple().addString(probe).addArrayOfString(locations)))
                .replaceWithVoid();
    }

    /** The probe's registration, or null when it has neither accounts nor locations. */
    public Uni<Registered> find(String probe) {
        return pool.preparedQuery("""
                select (select array_agg(account_id order by account_id) from probe_scopes where probe = $1) as accounts,
                (select array_agg(location order by location) from probe_registered_locations where probe = $1) as locations""")
                .execute(Tuple.of(probe)).map(rows -> {
                    Row row = rows.iterator().next();
                    String[] accounts = row.getArrayOfStrings("accounts");
                    String[] locations = row.getArrayOfStrings("locations");
                    if (accounts == null && locations == null) {
                        return null;
                    }
                    return new Registered(accounts == null ? List.of() : List.of(accounts),
                            locations == null ? List.of() : List.of(locations));
                });
    }

    /** Whether {@code probe} may report on {@code accountId}, in the caller's Hibernate Reactive transaction. */
    public Uni<Boolean> covers(String probe, String accountId) {
        return Panache.getSession().chain(s -> SessionSql.anyCounted(s,
                "select count(*) from probe_scopes where probe = $1 and (account_id = '*' or account_id = $2)", probe, accountId));
    }
}
