package org.slaplatform.credit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import com.sun.management.GarbageCollectionNotificationInfo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

/**
 * CRD-7 at scale: settles one billing cycle for N accounts over the real database and broker. Each
 * account has a contract, an instance, a measured month (availability result) and one pending credit
 * decision; every second account's decision answers a confirmed claim (QNT-CRD-2), which settlement
 * turns CREDITED. Off unless asked for:
 * {@code ./mvnw -pl credit-service -am verify -Dtest=SettlementBenchmarkTest -Dbench.credit.accounts=100000 -Dsurefire.failIfNoSpecifiedTests=false}
 *
 * <p>Memory: besides the sampled peak of the whole JVM (service, in-JVM broker and outbox relay,
 * garbage included), it reports the largest heap still in use <em>after</em> a garbage collection
 * during the run (live data): the figure that would grow if settlement held all accounts.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@EnabledIfSystemProperty(named = "bench.credit.accounts", matches = "\\d+")
class SettlementBenchmarkTest {

    /** A cycle of 100,000 accounts takes longer than the tests' default 30 s read timeout. */
    static final RestAssuredConfig LONG = RestAssured.config().httpClient(
            HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 900_000));

    @Test
    void settleOneCycle() throws Exception {
        int accounts = Integer.parseInt(System.getProperty("bench.credit.accounts"));
        long seedStart = System.nanoTime();
        try (Connection c = ServiceDatabase.connect(); Statement s = c.createStatement()) {
            String series = " from generate_series(1, " + accounts + ") g";
            s.execute("insert into contracts (account_id, revision, policy, plan, time_zone, currency, monthly_charges, "
                    + "billing_cycle) select 'bench-' || g, 1, 'quantive', 'Enterprise', 'UTC', 'USD', 1000.00, 'MONTHLY'"
                    + series);
            s.execute("insert into instances (instance_id, account_id) select 'bench-' || g || '-prod', 'bench-' || g" + series);
            s.execute("insert into month_results (instance_id, month, version, account_id, uptime_percent, payload) "
                    + "select 'bench-' || g || '-prod', '2020-09', 1, 'bench-' || g, 99.94, '{\"month\":\"2020-09\"}'" + series);
            s.execute("insert into claims (claim_id, account_id, instance_id, month, incident_start, incidents, subject, "
                    + "source, state, detail, received_at) select md5('bench-claim-' || g)::uuid, 'bench-' || g, "
                    + "'bench-' || g || '-prod', '2020-09', timestamptz '2020-09-14 10:00Z', '[]', 'SLA Credit Request', "
                    + "'api', 'CONFIRMED', 'benchmark', timestamptz '2020-10-02 10:00Z'" + series + " where g % 2 = 0");
            s.execute("insert into credit_decisions (decision_id, account_id, instance_id, month, source_version, kind, "
                    + "amount, currency, rule, explanation, claim_id, confirmed_month, state) select gen_random_uuid(), "
                    + "'bench-' || g, 'bench-' || g || '-prod', '2020-09', 1, 'CREDIT', 100.00, 'USD', 'QNT-CRD-1', "
                    + "'benchmark', case when g % 2 = 0 then md5('bench-claim-' || g)::uuid end, '2020-10', 'PENDING'"
                    + series);
            s.execute("analyze");
        }
        long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;
        long claims = accounts / 2;

        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
        AtomicLong liveAfterGc = new AtomicLong();
        AtomicLong collections = new AtomicLong();
        List<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(p -> p.getName()).toList();
        NotificationListener onGc = (notification, handback) -> {
            if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                return;
            }
            var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
            long used = 0;
            for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPools.contains(entry.getKey())) {
                    MemoryUsage usage = entry.getValue();
                    used += usage.getUsed();
                }
            }
            collections.incrementAndGet();
            liveAfterGc.accumulateAndGet(used, Math::max);
        };
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            NotificationEmitter emitter = (NotificationEmitter) gc;
            emitter.addNotificationListener(onGc, null, null);
            emitters.add(emitter);
        }
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        // Progress: ledger rows inserted so far (the statistics collector's counter, cheap to read), every
        // second; a rate that falls from one tenth of the run to the next is a cost that grows with N.
        long insertedBefore = ledgerRowsInserted();
        List<long[]> progress = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread counter = new Thread(() -> {
            long t0 = System.nanoTime();
            while (!Thread.currentThread().isInterrupted()) {
                progress.add(new long[] { (System.nanoTime() - t0) / 1_000_000, ledgerRowsInserted() - insertedBefore });
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        counter.start();
        long start = System.nanoTime();
        int issued = given().config(LONG).auth().oauth2(TestTokens.admin()).when().post("/api/v1/settlements/2020-11")
                .then().statusCode(200).extract().path("issued");
        long millis = (System.nanoTime() - start) / 1_000_000;
        sampler.interrupt();
        counter.interrupt();
        counter.join();
        printRatePerTenth(progress, accounts, millis);
        for (NotificationEmitter emitter : emitters) {
            emitter.removeNotificationListener(onGc);
        }
        long again = System.nanoTime();
        int second = given().config(LONG).auth().oauth2(TestTokens.admin()).when().post("/api/v1/settlements/2020-11")
                .then().statusCode(200).extract().path("issued");
        long againMillis = (System.nanoTime() - again) / 1_000_000;
        System.out.printf("BENCH settle accounts=%d (claims=%d, seeded in %d ms) issued=%d time=%d ms (%.0f entries/s) "
                + "heapBefore=%d MB heapPeakSampled=%d MB liveHeapAfterGcMax=%d MB over %d GCs (whole JVM); "
                + "second run issued=%d in %d ms%n", accounts, claims, seedMillis, issued, millis,
                issued * 1000.0 / Math.max(1, millis), before >> 20, peak.get() >> 20, liveAfterGc.get() >> 20,
                collections.get(), second, againMillis);
        assertThat(issued).isEqualTo(accounts);
        assertThat(second).isZero();
        assertThat(ServiceDatabase.count("select count(*) from ledger_entries where account_id like 'bench-%'"))
                .isEqualTo(accounts);
        assertThat(ServiceDatabase.count("select count(*) from claims where account_id like 'bench-%' and state = "
                + "'CREDITED' and ledger_entry_id is not null")).isEqualTo(claims);
        assertThat(ServiceDatabase.count("select count(*) from outbox where record_key like 'bench-%'"))
                .isEqualTo(accounts + claims);
    }

    /** Rows inserted into ledger_entries since the statistics were reset, as the server's statistics count them. */
    private static long ledgerRowsInserted() {
        return ServiceDatabase.count("select coalesce(sum(n_tup_ins), 0) from pg_stat_user_tables where relname = 'ledger_entries'");
    }

    /** Entries per second within each tenth of the run (by entries issued), from the per-second samples. */
    private static void printRatePerTenth(List<long[]> progress, int accounts, long totalMillis) {
        if (totalMillis < 30_000) {
            System.out.println("BENCH settle rate per tenth: the run is too short for one-second samples");
            return;
        }
        List<long[]> samples = new ArrayList<>(progress);
        samples.add(new long[] { totalMillis, accounts });
        StringBuilder line = new StringBuilder("BENCH settle rate per tenth of the entries (entries/s):");
        long previousMillis = 0;
        for (int tenth = 1; tenth <= 10; tenth++) {
            long target = (long) accounts * tenth / 10;
            long reached = samples.stream().filter(p -> p[1] >= target).mapToLong(p -> p[0]).min().orElse(totalMillis);
            long span = Math.max(1, reached - previousMillis);
            line.append(String.format(" %.0f", accounts / 10.0 * 1000 / span));
            previousMillis = reached;
        }
        System.out.println(line);
    }
}
