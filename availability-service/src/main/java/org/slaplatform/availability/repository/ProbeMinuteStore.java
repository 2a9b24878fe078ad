package org.slaplatform.availability.repository;

import static org.slaplatform.runtime.time.Instants.utc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * AVL-1 probe ingest's statements: a measured hot path (decision 1), so the Vert.x reactive client,
 * each statement on the caller's connection and in its transaction, each batch parameter an
 * {@code unnest} of typed arrays. The checks answer only the names that fail (none, normally), not a
 * row per result.
 */
@ApplicationScoped
public class ProbeMinuteStore {

    /** The answer a batch got under its idempotency key, with the fingerprint of its body. */
    public record StoredBatch(String bodyHash, int accepted, int minutes) {
    }

    /**
     * An instance a probe may not report on: {@code known} false when it is not in the registry or no
     * longer active, true when it is but its account is outside the probe's scope.
     */
    public record Unreportable(String instanceId, boolean known) {
    }

    /**
     * Inserts a batch's idempotency key, which is the caller's own ({@code probe}, {@code key}), with its
     * answer; true when the key was new, false when it was there already (nothing written).
     */
    public Uni<Boolean> claimKey(SqlConnection conn, String probe, String key, String bodyHash, int accepted, int minutes,
            Instant receivedAt) {
        return conn.preparedQuery("""
                insert into probe_batches (probe, idempotency_key, body_hash, accepted, minutes, received_at)
                values ($1, $2, $3, $4, $5, $6) on conflict do nothing""")
                .execute(Tuple.of(probe, key, bodyHash, accepted, minutes, utc(receivedAt)))
                .map(inserted -> inserted.rowCount() == 1);
    }

    /** The answer kept under the probe's idempotency key, which exists. */
    public Uni<StoredBatch> batch(SqlConnection conn, String probe, String key) {
        return conn.preparedQuery("select body_hash, accepted, minutes from probe_batches where probe = $1 and idempotency_key = $2")
                .execute(Tuple.of(probe, key)).map(rows -> {
                    Row row = rows.iterator().next();
                    return new StoredBatch(row.getString("body_hash"), row.getInteger("accepted"), row.getInteger("minutes"));
                });
    }

    /** Those of {@code locations} that are not registered to {@code probe}. */
    public Uni<Set<String>> unregisteredLocations(SqlConnection conn, String probe, String[] locations) {
        return conn.preparedQuery("""
                select u.l from unnest($1::text[]) as u(l) where not exists
                (select 1 from probe_registered_locations r where r.location = u.l and r.probe = $2)""")
                .execute(Tuple.tuple().addArrayOfString(locations).addString(probe)).map(rows -> {
                    Set<String> unknown = new HashSet<>();
                    rows.forEach(row -> unknown.add(row.getString(0)));
                    return unknown;
                });
    }

    /**
     * Those of {@code instanceIds} (each named once) that are unknown, inactive, or of an account
     * outside {@code probe}'s scope.
     */
    public Uni<List<Unreportable>> unreportableInstances(SqlConnection conn, String probe, String[] instanceIds) {
        return conn.preparedQuery("""
                select u.id, i.instance_id is not null and i.active as known
                from unnest($1::text[]) as u(id) left join instances i on i.instance_id = u.id
                where i.instance_id is null or not i.active or not exists (select 1 from probe_scopes s
                where s.probe = $2 and (s.account_id = '*' or s.account_id = i.account_id))""")
                .execute(Tuple.tuple().addArrayOfString(instanceIds).addString(probe)).map(rows -> {
                    List<Unreportable> unreportable = new ArrayList<>(rows.size());
                    rows.forEach(row -> unreportable.add(new Unreportable(row.getString("id"), row.getBoolean("known"))));
                    return unreportable;
                });
    }

    /**
     * Takes the location registry's transaction-scoped lock, then reads every location's bit: two
     * round trips, so that new locations are given bits one transaction at a time.
     */
    public Uni<Map<String, Integer>> lockLocationBits(SqlConnection conn) {
        return conn.query("select pg_advisory_xact_lock(hashtext('availability.probe_locations'))").execute()
                .chain(() -> conn.query("select name, bit from probe_locations").execute())
                .map(rows -> {
                    Map<String, Integer> known = new LinkedHashMap<>();
                    rows.forEach(row -> known.put(row.getString("name"), row.getInteger("bit")));
                    return known;
                });
    }

    /** Registers new locations with their bits (under {@link #lockLocationBits}'s lock). */
    public Uni<Void> addLocations(SqlConnection conn, String[] names, Short[] bits) {
        return conn.preparedQuery("insert into probe_locations (name, bit) select * from unnest($1::text[], $2::smallint[])")
                .execute(Tuple.tuple().addArrayOfString(names).addArrayOfShort(bits))
                .replaceWithVoid();
    }

    /**
     * Adds a batch's instance-minutes (row {@code i} is {@code instanceIds[i]} at {@code minutes[i]}) to
     * the stored ones in one statement: the masks are or-ed, samples and latency sums added. The rows
     * are written in the order given, so batches that give them in one order lock shared rows in it.
     */
    public Uni<Void> addMinutes(SqlConnection conn, String[] instanceIds, Instant[] minutes, Long[] upMasks, Long[] downMasks,
            Integer[] samples, Long[] latencySumsMs) {
        OffsetDateTime[] at = new OffsetDateTime[minutes.length];
        for (int i = 0; i < minutes.length; i++) {
            at[i] = utc(minutes[i]);
        }
        return conn.preparedQuery("""
                insert into probe_minutes (instance_id, minute, up_mask, down_mask, samples, latency_sum_ms)
                select * from unnest($1::text[], $2::timestamptz[], $3::bigint[], $4::bigint[], $5::int[], $6::bigint[])
                on conflict (instance_id, minute) do update set up_mask = probe_minutes.up_mask | excluded.up_mask,
                down_mask = probe_minutes.down_mask | excluded.down_mask, samples = probe_minutes.samples + excluded.samples,
                latency_sum_ms = probe_minutes.latency_sum_ms + excluded.latency_sum_ms""")
                .execute(Tuple.tuple().addArrayOfString(instanceIds).addArrayOfOffsetDateTime(at).addArrayOfLong(upMasks)
                        .addArrayOfLong(downMasks).addArrayOfInteger(samples).addArrayOfLong(latencySumsMs))
                .replaceWithVoid();
    }

    /** The month zone of each of {@code instanceIds} (each named once) that is in the registry. */
    public Uni<Map<String, String>> monthZones(SqlConnection conn, String[] instanceIds) {
        return conn.preparedQuery("""
                select i.instance_id, i.month_zone from unnest($1::text[]) as u(id)
                join instances i on i.instance_id = u.id""")
                .execute(Tuple.tuple().addArrayOfString(instanceIds)).map(rows -> {
                    Map<String, String> zones = new HashMap<>();
                    rows.forEach(row -> zones.put(row.getString("instance_id"), row.getString("month_zone")));
                    return zones;
                });
    }
}
