package org.slaplatform.availability.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.slaplatform.availability.config.AvailabilityConfig;
import org.slaplatform.availability.domain.InputBounds;
import org.slaplatform.availability.mapping.IngestReceipt;
import org.slaplatform.availability.mapping.IsoInstant;
import org.slaplatform.availability.mapping.ProbeResult;
import org.slaplatform.availability.repository.MonthCloseStore;
import org.slaplatform.availability.repository.ProbeMinuteStore;
import org.slaplatform.runtime.problem.Problem;
import org.slaplatform.runtime.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * AVL-1: validates probe results and reduces them, as they arrive, to one row per instance and
 * minute holding which locations saw it up and which down (a bit per location). A request is stored
 * whole or not at all; a batch's idempotency key makes a repeat harmless.
 */
@ApplicationScoped
public class ProbeIngest {

    static final int MAX_NAME = 100;

    private final Pool pool;
    private final ProbeMinuteStore store;
    private final MonthCloseStore monthCloses;
    private final Clock clock;
    private final AvailabilityConfig config;
    private final Map<String, Integer> locationBits = new ConcurrentHashMap<>();

    ProbeIngest(Pool pool, ProbeMinuteStore store, MonthCloseStore monthCloses, Clock clock, AvailabilityConfig config) {
        this.pool = pool;
        this.store = store;
        this.monthCloses = monthCloses;
        this.clock = clock;
        this.config = config;
    }

    /** One instance-minute ({@code minute} = epoch minute); ordered so that every batch writes its rows in one order. */
    private record MinuteKey(String instanceId, long minute) implements Comparable<MinuteKey> {
        @Override
        public int compareTo(MinuteKey o) {
            int c = instanceId.compareTo(o.instanceId);
            return c != 0 ? c : Long.compare(minute, o.minute);
        }
    }

    /** One minute's reduction of results for one instance; the masks by the request's own location index. */
    private static final class MinuteState {
        long up;
        long down;
        int samples;
        long latencySum;
    }

    /** A request's results reduced to one state per instance-minute, sorted, with the locations it names. */
    private record Reduction(List<String> locations, MinuteKey[] keys, MinuteState[] states) {
    }

    /**
     * @param paths          how the request names each result's fields in a 4xx
     * @param idempotencyKey the batch's key, or null for a single result
     * @param bodyHash       the batch's fingerprint for its idempotency key (asked only when there is a key)
     */
    public Uni<IngestReceipt> ingest(String probe, List<ProbeResult> results, ResultPaths paths, String idempotencyKey,
            Supplier<String> bodyHash) {
        validateShape(results, paths);
        Instant now = clock.instant();
        validateTimes(results, paths, now);
        Reduction reduced = reduce(results);
        String hash = idempotencyKey == null ? null : bodyHash.get();
        IngestReceipt receipt = new IngestReceipt(results.size(), reduced.keys().length, false);
        List<Map<String, Integer>> learned = new ArrayList<>(1);
        return pool.withTransaction(conn -> claimKey(conn, probe, idempotencyKey, hash, receipt, now).chain(previous -> {
            if (previous != null) {
                return Uni.createFrom().item(previous);
            }
            return checkLocations(conn, probe, results, paths, reduced)
                    .chain(() -> checkInstances(conn, probe, results, paths, reduced))
                    .chain(() -> bits(conn, reduced.locations())
                            .invoke(learned::add)
                            .chain(bits -> upsert(conn, reduced, bits))
                            .chain(() -> markLate(conn, reduced, now)))
                    .replaceWith(receipt);
        })).invoke(() -> learned.forEach(locationBits::putAll)); // cached only once committed
    }

    /** The results shape's fingerprint, as it always was: a repeated batch must hash the same across versions. */
    public Uni<IngestReceipt> ingest(String probe, List<ProbeResult> results, ResultPaths paths, String idempotencyKey) {
        return ingest(probe, results, paths, idempotencyKey, () -> hash(results));
    }

    private static Reduction reduce(List<ProbeResult> results) {
        Map<String, Integer> local = new HashMap<>();
        List<String> locations = new ArrayList<>();
        Map<MinuteKey, MinuteState> reduced = new HashMap<>(results.size() * 2);
        for (ProbeResult r : results) {
            Integer index = local.get(r.location());
            if (index == null) {
                if (locations.size() >= InputBounds.MAX_LOCATIONS) {
                    throw new ProblemException(Problem.of("too-many-locations", "Too many probe locations", 422,
                            "location " + r.location() + ": at most " + InputBounds.MAX_LOCATIONS + " probe locations are supported"));
                }
                index = locations.size();
                local.put(r.location(), index);
                locations.add(r.location());
            }
            MinuteState state = reduced.computeIfAbsent(new MinuteKey(r.instanceId(), Math.floorDiv(r.time().getEpochSecond(), 60)),
                    k -> new MinuteState());
            long bit = 1L << index;
            if (r.up()) {
                state.up |= bit;
            } else {
                state.down |= bit;
            }
            if (r.latencyMs() != null) {
                state.samples++;
                state.latencySum += r.latencyMs();
            }
        }
        MinuteKey[] keys = reduced.keySet().toArray(MinuteKey[]::new);
        Arrays.sort(keys);
        MinuteState[] states = new MinuteState[keys.length];
        for (int i = 0; i < keys.length; i++) {
            states[i] = reduced.get(keys[i]);
        }
        return new Reduction(locations, keys, states);
    }

    static ProblemException tooLarge(String field, long size, int max) {
        return new ProblemException(Problem.of("batch-too-large", "Batch too large", 413,
                field + ": " + size + " results; at most " + max + " per batch")
                .withViolations(List.of(new Problem.Violation(field, "at most " + max + " results"))));
    }

    private void validateShape(List<ProbeResult> results, ResultPaths paths) {
        String field = paths.list();
        if (results == null || results.isEmpty()) {
            throw ProblemException.badRequest(field.isEmpty() ? "body" : field, "must hold at least one result");
        }
        if (results.size() > config.probes().maxBatch()) {
            throw tooLarge(field, results.size(), config.probes().maxBatch());
        }
        Set<Problem.Violation> violations = new LinkedHashSet<>(); // a group's location or time is named once
        for (int i = 0; i < results.size(); i++) {
            ProbeResult r = results.get(i);
            if (r == null) {
                violations.add(new Problem.Violation(paths.of(i, ""), "must be a result"));
                continue;
            }
            // Issue 17: PostgreSQL stores no NUL in text; refused here, not a 500 at the insert.
            if (r.instanceId() == null || r.instanceId().isBlank() || r.instanceId().length() > MAX_NAME || r.instanceId().indexOf('\0') >= 0) {
                violations.add(new Problem.Violation(paths.of(i, "instanceId"), "must be 1 to " + MAX_NAME + " characters, no NUL"));
            }
            if (r.location() == null || r.location().isBlank() || r.location().length() > MAX_NAME || r.location().indexOf('\0') >= 0) {
                violations.add(new Problem.Violation(paths.of(i, "location"), "must be 1 to " + MAX_NAME + " characters, no NUL"));
            }
            if (r.time() == null) {
                violations.add(new Problem.Violation(paths.of(i, "time"), "is required"));
            }
            if (r.up() == null) {
                violations.add(new Problem.Violation(paths.of(i, "up"), "is required"));
            }
            if (r.latencyMs() != null && r.latencyMs() < 0) {
                violations.add(new Problem.Violation(paths.of(i, "latencyMs"), "must not be negative"));
            }
        }
        if (!violations.isEmpty()) {
            throw invalid(400, "invalid-input", "Invalid input", new ArrayList<>(violations));
        }
    }

    private void validateTimes(List<ProbeResult> results, ResultPaths paths, Instant now) {
        Instant latest = now.plus(config.probes().maxSkew());
        Instant earliest = now.minus(config.probes().maxAge());
        Set<Problem.Violation> violations = new LinkedHashSet<>();
        for (int i = 0; i < results.size(); i++) {
            Instant t = results.get(i).time();
            if (!t.isAfter(latest) && !t.isBefore(earliest)) {
                continue;
            }
            String at = paths.of(i, "time");
            if (t.isAfter(latest)) {
                violations.add(new Problem.Violation(at, t + " is in the future (now " + now + ", tolerance "
                        + config.probes().maxSkew() + ")"));
            } else if (t.isBefore(earliest)) {
                violations.add(new Problem.Violation(at, t + " is older than " + config.probes().maxAge()));
            }
        }
        if (!violations.isEmpty()) {
            throw invalid(422, "time-out-of-range", "Result time out of range", new ArrayList<>(violations));
        }
    }

    private static ProblemException invalid(int status, String kind, String title, List<Problem.Violation> violations) {
        String detail = violations.size() + " invalid: " + violations.get(0).field() + ": " + violations.get(0).message()
                + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "");
        return new ProblemException(Problem.of(kind, title, status, detail)
                .withViolations(violations.size() > 50 ? violations.subList(0, 50) : violations));
    }

    /** Inserts the key first; a repeat finds it and gets the first answer back, or 409 if the body differs. */
    private Uni<IngestReceipt> claimKey(SqlConnection conn, String probe, String key, String hash, IngestReceipt receipt,
            Instant now) {
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        // Keys are the caller's own: (probe, key), so one probe's key never answers another's batch.
        return store.claimKey(conn, probe, key, hash, receipt.accepted(), receipt.minutes(), now)
                .chain(inserted -> inserted ? Uni.createFrom().nullItem()
                        : store.batch(conn, probe, key).map(stored -> {
                            if (!stored.bodyHash().equals(hash)) {
                                throw new ProblemException(Problem.of("idempotency-key-reused", "Idempotency key reused",
                                        409, "Idempotency-Key " + key + " was used for a different batch"));
                            }
                            return new IngestReceipt(stored.accepted(), stored.minutes(), true);
                        }));
    }

    /**
     * Every location must be registered to this probe (PUT /api/v1/probes/{probe}); an
     * invented one is a 422 naming the result's location, and nothing is stored.
     */
    private Uni<Void> checkLocations(SqlConnection conn, String probe, List<ProbeResult> results, ResultPaths paths,
            Reduction reduced) {
        return store.unregisteredLocations(conn, probe, reduced.locations().toArray(String[]::new)).map(unknown -> {
            if (unknown.isEmpty()) {
                return null;
            }
            Set<Problem.Violation> violations = new LinkedHashSet<>();
            for (int i = 0; i < results.size() && violations.size() < 50; i++) {
                if (unknown.contains(results.get(i).location())) {
                    violations.add(new Problem.Violation(paths.of(i, "location"),
                            "location " + results.get(i).location() + " is not registered to probe " + probe));
                }
            }
            throw invalid(422, "unknown-location", "Unknown probe location", new ArrayList<>(violations));
        });
    }

    /**
     * Every instance must be in the registry and active (422), and of an account in the probe's scope
     * (403). The database answers only the ids that are not (none, normally) rather than a
     * row per instance of the batch.
     */
    private Uni<Void> checkInstances(SqlConnection conn, String probe, List<ProbeResult> results, ResultPaths paths,
            Reduction reduced) {
        return store.unreportableInstances(conn, probe, distinctInstances(reduced.keys(), Long.MAX_VALUE)).map(rows -> {
            if (rows.isEmpty()) {
                return null;
            }
            Set<String> unknown = new HashSet<>();
            Set<String> outside = new HashSet<>();
            rows.forEach(row -> (row.known() ? outside : unknown).add(row.instanceId()));
            List<Problem.Violation> violations = new ArrayList<>();
            Set<String> named = unknown.isEmpty() ? outside : unknown;
            for (int i = 0; i < results.size() && violations.size() < 50; i++) {
                String id = results.get(i).instanceId();
                if (named.contains(id)) {
                    violations.add(new Problem.Violation(paths.of(i, "instanceId"), unknown.isEmpty()
                            ? "instance " + id + " is outside the scope of probe " + probe : "unknown instance " + id));
                }
            }
            if (unknown.isEmpty()) {
                throw ProbeRegistry.outsideScope(violations);
            }
            throw invalid(422, "unknown-instance", "Unknown instance", violations);
        });
    }

    /** The instances of the (sorted) keys that have a minute before {@code beforeMinute}, each once. */
    private static String[] distinctInstances(MinuteKey[] keys, long beforeMinute) {
        List<String> ids = new ArrayList<>();
        for (MinuteKey key : keys) {
            if (key.minute() < beforeMinute && (ids.isEmpty() || !ids.get(ids.size() - 1).equals(key.instanceId()))) {
                ids.add(key.instanceId());
            }
        }
        return ids.toArray(String[]::new);
    }

    /** The bit of each location, registering new ones under a transaction-scoped lock. */
    private Uni<Map<String, Integer>> bits(SqlConnection conn, List<String> locations) {
        Set<String> missing = new LinkedHashSet<>();
        locations.forEach(name -> {
            if (!locationBits.containsKey(name)) {
                missing.add(name);
            }
        });
        if (missing.isEmpty()) {
            return Uni.createFrom().item(locationBits);
        }
        return store.lockLocationBits(conn).chain(known -> {
            List<String> names = new ArrayList<>();
            List<Integer> newBits = new ArrayList<>();
            int next = known.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
            for (String name : missing) {
                if (!known.containsKey(name)) {
                    if (next >= InputBounds.MAX_LOCATIONS) {
                        throw new ProblemException(Problem.of("too-many-locations", "Too many probe locations", 422,
                                "location " + name + ": at most " + InputBounds.MAX_LOCATIONS + " probe locations are supported"));
                    }
                    known.put(name, next);
                    names.add(name);
                    newBits.add(next++);
                }
            }
            Uni<Void> insert = names.isEmpty() ? Uni.createFrom().voidItem()
                    : store.addLocations(conn, names.toArray(String[]::new),
                            newBits.stream().map(Integer::shortValue).toArray(Short[]::new));
            return insert.replaceWith(known);
        });
    }

    /** One statement for the whole batch; rows in key order, so concurrent batches lock shared rows in one order. */
    private Uni<Void> upsert(SqlConnection conn, Reduction reduced, Map<String, Integer> bits) {
        long[] global = new long[reduced.locations().size()];
        for (int l = 0; l < global.length; l++) {
            global[l] = 1L << bits.get(reduced.locations().get(l));
        }
        int n = reduced.keys().length;
        String[] ids = new String[n];
        Instant[] minutes = new Instant[n];
        Long[] up = new Long[n];
        Long[] down = new Long[n];
        Integer[] samples = new Integer[n];
        Long[] latency = new Long[n];
        for (int i = 0; i < n; i++) {
            MinuteKey key = reduced.keys()[i];
            MinuteState state = reduced.states()[i];
            ids[i] = key.instanceId();
            minutes[i] = Instant.ofEpochSecond(key.minute() * 60);
            up[i] = globalMask(state.up, global);
            down[i] = globalMask(state.down, global);
            samples[i] = state.samples;
            latency[i] = state.latencySum;
        }
        return store.addMinutes(conn, ids, minutes, up, down, samples, latency);
    }

    /** A mask by the request's location index turned into the stored one by each location's bit. */
    private static long globalMask(long local, long[] global) {
        long mask = 0;
        for (long rest = local; rest != 0; rest &= rest - 1) {
            mask |= global[Long.numberOfTrailingZeros(rest)];
        }
        return mask;
    }

    /**
     * AVL-7: results for a month that is already closed make it due for a correction. No zone's
     * current month starts later than the first day of the month it is at +18:00, at 00:00 -18:00
     * (offsets lie within +-18 h): a minute from then on is in its zone's current month whatever the
     * zone, so only earlier minutes need their instance's zone looked up.
     */
    private Uni<Void> markLate(SqlConnection conn, Reduction reduced, Instant now) {
        long bound = monthStartMinute(now, ZoneOffset.MAX) + 36 * 60;
        String[] early = distinctInstances(reduced.keys(), bound);
        if (early.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return store.monthZones(conn, early).chain(zones -> {
            Map<String, Long> monthStarts = new HashMap<>();
            Set<Map.Entry<String, String>> pairs = new LinkedHashSet<>();
            for (MinuteKey key : reduced.keys()) {
                if (key.minute() >= bound) {
                    continue;
                }
                String zoneName = zones.get(key.instanceId());
                long monthStart = monthStarts.computeIfAbsent(zoneName, z -> monthStartMinute(now, ZoneId.of(z)));
                if (key.minute() < monthStart) {
                    pairs.add(Map.entry(key.instanceId(),
                            YearMonth.from(Instant.ofEpochSecond(key.minute() * 60).atZone(ZoneId.of(zoneName))).toString()));
                }
            }
            return markDirty(conn, pairs);
        });
    }

    /** The epoch minute the month of {@code now} began in {@code zone}. */
    private static long monthStartMinute(Instant now, ZoneId zone) {
        return YearMonth.from(now.atZone(zone)).atDay(1).atStartOfDay(zone).toEpochSecond() / 60;
    }

    private Uni<Void> markDirty(SqlConnection conn, Set<Map.Entry<String, String>> pairs) {
        if (pairs.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return monthCloses.markDirty(conn, pairs.stream().map(Map.Entry::getKey).toArray(String[]::new),
                pairs.stream().map(Map.Entry::getValue).toArray(String[]::new));
    }

    private static String hash(List<ProbeResult> results) {
        {
            // The same bytes as one string per result with Instant.toString(), built in one buffer.
            StringBuilder text = new StringBuilder(results.size() * 64);
            for (ProbeResult r : results) {
                text.append(r.instanceId()).append('\u0000').append(r.location()).append('\u0000')
                        .append(IsoInstant.format(r.time())).append('\u0000').append(r.up()).append('\u0000')
                        .append(r.latencyMs()).append('\n');
            }
            return sha256(text);
        }
    }

    static String sha256(CharSequence text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
