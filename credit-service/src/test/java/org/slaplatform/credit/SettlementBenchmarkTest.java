package org.slaplatform.credit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;

/**
 * CRD-7 at scale: settles one billing cycle for N accounts, each with one pending credit decision,
 * over the real database and broker. Off unless asked for:
 * {@code ./mvnw -pl credit-service -am verify -Dtest=SettlementBenchmarkTest -Dcredit.bench.accounts=100000 -Dsurefire.failIfNoSpecifiedTests=false}
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@EnabledIfSystemProperty(named = "credit.bench.accounts", matches = "\\d+")
class SettlementBenchmarkTest {

    /** A cycle of 100,000 accounts takes longer than the tests' default 30 s read timeout. */
    static final RestAssuredConfig LONG = RestAssured.config().httpClient(
            HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 900_000));

    @Test
    void settleOneCycle() throws Exception {
        int accounts = Integer.parseInt(System.getProperty("credit.bench.accounts"));
        try (Connection c = ServiceDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("insert into credit_decisions (decision_id, account_id, instance_id, month, source_version, kind, "
                    + "amount, currency, rule, explanation, claim_id, confirmed_month, state) select gen_random_uuid(), "
                    + "'bench-' || g, 'bench-' || g || '-prod', '2020-09', 1, 'CREDIT', 100.00, 'USD', 'QNT-CRD-1', "
                    + "'benchmark', null, '2020-10', 'PENDING' from generate_series(1, " + accounts + ") g");
        }
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(before);
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
        long start = System.nanoTime();
        int issued = given().config(LONG).auth().oauth2(TestTokens.admin()).when().post("/api/v1/settlements/2020-11")
                .then().statusCode(200).extract().path("issued");
        long millis = (System.nanoTime() - start) / 1_000_000;
        sampler.interrupt();
        long again = System.nanoTime();
        int second = given().config(LONG).auth().oauth2(TestTokens.admin()).when().post("/api/v1/settlements/2020-11")
                .then().statusCode(200).extract().path("issued");
        long againMillis = (System.nanoTime() - again) / 1_000_000;
        System.out.printf("BENCH settle accounts=%d issued=%d time=%d ms (%.0f entries/s) heapBefore=%d MB "
                + "heapPeak=%d MB (whole JVM, sampled every 50 ms); second run issued=%d in %d ms%n", accounts, issued,
                millis, issued * 1000.0 / Math.max(1, millis), before >> 20, peak.get() >> 20, second, againMillis);
        assertThat(issued).isEqualTo(accounts);
        assertThat(second).isZero();
        assertThat(ServiceDatabase.count("select count(*) from ledger_entries where account_id like 'bench-%'"))
                .isEqualTo(accounts);
    }
}
