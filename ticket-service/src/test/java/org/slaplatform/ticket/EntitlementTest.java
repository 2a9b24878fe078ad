package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** IS-TKT-5 and ITC-TKT-6 at intake: refused or accepted with a flag, as the policy says, always with the reason. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class EntitlementTest {

    @BeforeEach
    void products() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("""
                {"name": "QMetry", "policy": "infostretch", "releases": [
                  {"version": "7.0.0.0", "deliveredOn": "2024-03-01"},
                  {"version": "8.0.0.0", "deliveredOn": "2026-02-01"}]}""")
                .when().put("/api/v1/products/qmetry").then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("""
                {"name": "ViPNet", "policy": "infotecs", "releases": [
                  {"version": "3.0", "generalAvailability": "2015-01-01", "endOfSales": "2017-01-01"},
                  {"version": "4.0", "generalAvailability": "2019-01-10", "endOfSales": "2022-06-30"},
                  {"version": "5.0", "generalAvailability": "2022-03-01"}]}""")
                .when().put("/api/v1/products/vipnet").then().statusCode(200);
    }

    @AfterEach
    void realTime() {
        TestClock.reset();
    }

    private static Response file(String account, String body) {
        return given().auth().oauth2(TestTokens.customer(account)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/tickets").then().extract().response();
    }

    @Test
    @DisplayName("IS-TKT-5 IS refuses a customer without a valid maintenance agreement, saying so; nothing is written")
    void isRefusesWithoutAgreement() {
        Fixtures.putAccount("expired", Fixtures.contract("infostretch", "maintenance", "2020-01-01", "2021-12-31", null))
                .statusCode(200);
        long before = ServiceDatabase.count("select count(*) from tickets");
        given().auth().oauth2(TestTokens.customer("expired")).contentType(ContentType.JSON)
                .body("{\"subject\": \"Help\", \"severity\": 2}").when().post("/api/v1/tickets")
                .then().statusCode(422).contentType(Fixtures.PROBLEM)
                .body("type", equalTo("https://slaplatform.org/problems/not-entitled/no-valid-agreement"))
                .body("detail", containsString("2021-12-31"));
        given().auth().oauth2(TestTokens.customer("nocontract")).contentType(ContentType.JSON)
                .body("{\"subject\": \"Help\", \"severity\": 2}").when().post("/api/v1/tickets")
                .then().statusCode(422).body("detail", containsString("has no contract"));
        assertThat(ServiceDatabase.count("select count(*) from tickets")).isEqualTo(before);
    }

    @Test
    @DisplayName("IS-TKT-5 a lapsed INF agreement is refused as well (sla-policy: requiresValidAgreement)")
    void infRefusesWithoutAgreement() {
        Fixtures.putAccount("lapsed", Fixtures.contract("inflectra", "standard", "2020-01-01", "2021-12-31", null))
                .statusCode(200);
        file("lapsed", "{\"subject\": \"Help\", \"severity\": 2}").then().statusCode(422)
                .body("type", containsString("no-valid-agreement"));
    }

    @Test
    @DisplayName("IS-TKT-5 IS-LIFE-2 a ticket on a major release past its year is accepted flagged UPGRADE_REQUIRED; a current one is not")
    void isUnsupportedVersionRequiresUpgrade() {
        TestClock.set(Instant.parse("2026-06-01T17:00:00Z"));
        Fixtures.account("licensee", "infostretch", "maintenance", "\"products\": [{\"productId\": \"qmetry\"}]");
        file("licensee", "{\"subject\": \"Old\", \"severity\": 3, \"productId\": \"qmetry\", \"version\": \"7.0.0.0\"}")
                .then().statusCode(201).body("flags", hasItem("UPGRADE_REQUIRED"));
        file("licensee", "{\"subject\": \"New\", \"severity\": 3, \"productId\": \"qmetry\", \"version\": \"8.0.0.0\"}")
                .then().statusCode(201).body("flags", empty());
        file("licensee", "{\"subject\": \"?\", \"severity\": 3, \"productId\": \"qmetry\", \"version\": \"9.9.9.9\"}")
                .then().statusCode(400).body("violations[0].field", equalTo("version"));
        file("licensee", "{\"subject\": \"?\", \"severity\": 3, \"productId\": \"vipnet\", \"version\": \"5.0\"}")
                .then().statusCode(422).body("type", containsString("not-licensed"));
    }

    @Test
    @DisplayName("IS-TKT-5 ITC-LIFE-3 ITC refuses a version after EOL and flags one in extended support")
    void itcLifecycleDecides() {
        TestClock.set(Instant.parse("2024-12-31T10:00:00Z"));
        Fixtures.account("itc-user", "infotecs", "premium", "\"products\": [{\"productId\": \"vipnet\"}]");
        file("itc-user", "{\"subject\": \"Old\", \"severity\": 2, \"productId\": \"vipnet\", \"version\": \"3.0\"}")
                .then().statusCode(422).body("type", equalTo("https://slaplatform.org/problems/not-entitled/unsupported-version"))
                .body("detail", containsString("END_OF_LIFE"));
        file("itc-user", "{\"subject\": \"Ext\", \"severity\": 2, \"productId\": \"vipnet\", \"version\": \"4.0\"}")
                .then().statusCode(201).body("flags", hasItem("EXTENDED_SUPPORT"));
    }

    @Test
    @DisplayName("ITC-LIFE-3 in extended support only vulnerabilities and critical bugs are fixed free: a severity 3 defect is flagged EXTENDED_SUPPORT_CHARGEABLE with the reason; severity 1 and 2, and a question, are not")
    void itcExtendedSupportChargesOtherBugs() {
        TestClock.set(Instant.parse("2024-12-31T10:00:00Z"));
        Fixtures.account("itc-ext", "infotecs", "premium", "\"products\": [{\"productId\": \"vipnet\"}]");
        String other = file("itc-ext", "{\"subject\": \"Button misaligned\", \"severity\": 3, \"productId\": \"vipnet\", \"version\": \"4.0\"}")
                .then().statusCode(201).body("flags", hasItems("EXTENDED_SUPPORT", "EXTENDED_SUPPORT_CHARGEABLE"))
                .extract().path("id");
        given().auth().oauth2(TestTokens.agent()).when().get("/api/v1/tickets/" + other + "/history").then().statusCode(200)
                .body("[0].note", containsString("ITC-LIFE-3")).body("[0].note", containsString("chargeable"));
        // support raises it to a critical bug: fixed free; lowered again: chargeable again, each with an audit note
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"severity\": 2, \"reason\": \"data loss\"}")
                .when().put("/api/v1/tickets/" + other + "/severity").then().statusCode(200)
                .body("flags", equalTo(List.of("EXTENDED_SUPPORT")));
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"severity\": 3, \"reason\": \"cosmetic after all\"}")
                .when().put("/api/v1/tickets/" + other + "/severity").then().statusCode(200)
                .body("flags", hasItem("EXTENDED_SUPPORT_CHARGEABLE"));
        assertThat(flagsOf(other)).containsExactly("EXTENDED_SUPPORT", "EXTENDED_SUPPORT_CHARGEABLE");
        given().auth().oauth2(TestTokens.agent()).when().get("/api/v1/tickets/" + other + "/history").then().statusCode(200)
                .body("[1].note", containsString("fixed free")).body("[2].note", containsString("not fixed free"));
        // severities 1 (vulnerability) and 2 (critical) are extendedSupportFree / extendedSupportFreeFixes
        file("itc-ext", "{\"subject\": \"CVE\", \"severity\": 1, \"productId\": \"vipnet\", \"version\": \"4.0\"}")
                .then().statusCode(201).body("flags", equalTo(List.of("EXTENDED_SUPPORT")));
        file("itc-ext", "{\"subject\": \"Crash\", \"severity\": 2, \"productId\": \"vipnet\", \"version\": \"4.0\"}")
                .then().statusCode(201).body("flags", equalTo(List.of("EXTENDED_SUPPORT")));
        // not a bug: nothing to fix, nothing charged
        file("itc-ext", "{\"subject\": \"How to?\", \"severity\": 3, \"category\": \"QUESTION\", \"productId\": \"vipnet\", \"version\": \"4.0\"}")
                .then().statusCode(201).body("flags", equalTo(List.of("EXTENDED_SUPPORT")));
        // the contract's only licensed product: the version alone is enough (IS-TKT-5)
        file("itc-ext", "{\"subject\": \"Typo\", \"severity\": 3, \"version\": \"4.0\"}")
                .then().statusCode(201).body("flags", hasItem("EXTENDED_SUPPORT_CHARGEABLE"));
        // mainstream support: no charge
        file("itc-ext", "{\"subject\": \"Typo\", \"severity\": 3, \"productId\": \"vipnet\", \"version\": \"5.0\"}")
                .then().statusCode(201).body("flags", empty());
    }

    @Test
    @DisplayName("ITC-LIFE-3 fee: a chargeable fix in extended support costs the additional agreement's price per fix on"
            + " the day of filing; without an agreement it is chargeable with no price; a free severity carries no charge;"
            + " a later price change leaves filed tickets alone")
    void itcExtendedSupportFee() {
        TestClock.set(Instant.parse("2024-12-31T10:00:00Z"));
        String priced = "\"products\": [{\"productId\": \"vipnet\"}], \"extendedSupportFixPrice\": {\"amount\": 150.5,"
                + " \"currency\": \"USD\"}";
        Fixtures.account("itc-fee", "infotecs", "premium", priced);
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/accounts/itc-fee").then().statusCode(200)
                .body("extendedSupportFixPrice.amount", equalTo(150.50f)).body("extendedSupportFixPrice.currency", equalTo("USD"));
        String other = file("itc-fee", "{\"subject\": \"Button misaligned\", \"severity\": 3, \"productId\": \"vipnet\", \"version\": \"4.0\"}")
                .then().statusCode(201).body("charge.amount", equalTo(150.50f)).body("charge.currency", equalTo("USD"))
                .body("charge.basis", containsString("150.50 USD per fix")).extract().path("id");
        // raised to critical: fixed free, no charge; lowered again: the price of the day it was filed
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"severity\": 2, \"reason\": \"data loss\"}")
                .when().put("/api/v1/tickets/" + other + "/severity").then().statusCode(200).body("charge", nullValue());
        Fixtures.account("itc-fee", "infotecs", "premium", priced.replace("150.5", "200"));
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"severity\": 3, \"reason\": \"cosmetic\"}")
                .when().put("/api/v1/tickets/" + other + "/severity").then().statusCode(200)
                .body("charge.amount", equalTo(150.50f));
        // filed after the price change: the new price
        file("itc-fee", "{\"subject\": \"Typo\", \"severity\": 3, \"productId\": \"vipnet\", \"version\": \"4.0\"}")
                .then().statusCode(201).body("charge.amount", equalTo(200.00f));
        // a free severity, and mainstream support: no charge at all
        file("itc-fee", "{\"subject\": \"CVE\", \"severity\": 1, \"productId\": \"vipnet\", \"version\": \"4.0\"}")
                .then().statusCode(201).body("charge", nullValue());
        file("itc-fee", "{\"subject\": \"Typo\", \"severity\": 3, \"productId\": \"vipnet\", \"version\": \"5.0\"}")
                .then().statusCode(201).body("charge", nullValue());
        // no agreement: chargeable, and the charge says a price must be agreed first
        Fixtures.account("itc-nofee", "infotecs", "premium", "\"products\": [{\"productId\": \"vipnet\"}]");
        file("itc-nofee", "{\"subject\": \"Typo\", \"severity\": 3, \"productId\": \"vipnet\", \"version\": \"4.0\"}")
                .then().statusCode(201).body("flags", hasItem("EXTENDED_SUPPORT_CHARGEABLE")).body("charge.amount", nullValue())
                .body("charge.basis", containsString("agree a price before the fix"));
        // the price is validated as the licence price is: the contract's currency, its minor unit, positive
        Fixtures.putAccount("itc-badfee", Fixtures.contract("infotecs", "premium", "2020-01-01", null,
                "\"extendedSupportFixPrice\": {\"amount\": 1.001, \"currency\": \"USD\"}")).statusCode(400)
                .body("violations[0].field", equalTo("contract.extendedSupportFixPrice.amount"));
        Fixtures.putAccount("itc-badfee", Fixtures.contract("infotecs", "premium", "2020-01-01", null,
                "\"extendedSupportFixPrice\": {\"amount\": 10, \"currency\": \"EUR\"}")).statusCode(400)
                .body("violations[0].field", equalTo("contract.extendedSupportFixPrice.currency"));
        Fixtures.putAccount("itc-badfee", Fixtures.contract("infotecs", "premium", "2020-01-01", null,
                "\"extendedSupportFixPrice\": {\"amount\": 0, \"currency\": \"USD\"}")).statusCode(400);
    }

    private static String resolve(String id) {
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"to\": \"ACKNOWLEDGED\"}")
                .when().post("/api/v1/tickets/" + id + "/transitions").then().statusCode(200);
        return given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"to\": \"RESOLVED\"}")
                .when().post("/api/v1/tickets/" + id + "/transitions").then().statusCode(200).extract().asString();
    }

    private static List<String> flagsOf(String id) {
        return given().auth().oauth2(TestTokens.agent()).when().get("/api/v1/tickets/" + id).then().statusCode(200)
                .extract().path("flags");
    }

    private static long quota(String column, String yearStart) {
        return ServiceDatabase.count("select " + column + " from quota_years where account_id = 'basic-co'"
                + " and year_start = '" + yearStart + "'");
    }

    @Test
    @DisplayName("ITC-TKT-6 a Basic contract year includes 40 resolved tickets: filing takes no unit, resolving does;"
            + " the unused remainder rolls into the next contract year; resolved beyond it, a ticket is CHARGEABLE")
    void quotaRollsOverAcrossContractYears() {
        TestClock.set(Instant.parse("2025-03-10T12:00:00Z"));
        Fixtures.putAccount("basic-co", Fixtures.contract("infotecs", "basic", "2025-01-15", null, null)).statusCode(200);
        List<String> yearOne = new ArrayList<>();
        for (int i = 0; i < 41; i++) { // more than 40 filed: filing counts for nothing
            yearOne.add(file("basic-co", "{\"subject\": \"Year one " + i + "\", \"severity\": 3}").then().statusCode(201)
                    .body("flags", empty()).extract().path("id"));
        }
        assertThat(ServiceDatabase.count("select count(*) from quota_years where account_id = 'basic-co'")).isZero();
        for (String id : yearOne.subList(0, 38)) {
            resolve(id);
        }
        assertThat(quota("used", "2025-01-15")).as("38 of 40 resolved in year one").isEqualTo(38);

        TestClock.set(Instant.parse("2026-01-20T12:00:00Z")); // second contract year: 40 + 2 carried over
        List<String> yearTwo = new ArrayList<>();
        for (int i = 0; i < 42; i++) {
            yearTwo.add(file("basic-co", "{\"subject\": \"Year two " + i + "\", \"severity\": 3}").then().statusCode(201)
                    .body("flags", empty()).extract().path("id"));
        }
        for (String id : yearTwo) {
            resolve(id);
            assertThat(flagsOf(id)).isEmpty();
        }
        assertThat(quota("carried_in", "2026-01-15")).isEqualTo(2);
        assertThat(quota("used", "2026-01-15")).isEqualTo(42);
        // a year-one ticket resolved now counts in the year it is resolved in: the 43rd, chargeable
        String late = yearOne.get(40);
        resolve(late);
        assertThat(ServiceDatabase.count("select count(*) from tickets where id = '" + late + "' and quota_year is null"))
                .as("the 43rd resolution takes no unit").isEqualTo(1);
        assertThat(quota("used", "2026-01-15")).isEqualTo(42);
        assertThat(flagsOf(late)).containsExactly("CHARGEABLE");
        given().auth().oauth2(TestTokens.agent()).when().get("/api/v1/tickets/" + late + "/history").then().statusCode(200)
                .body("[2].note", containsString("CHARGEABLE"));
        // reopened and resolved again: counted once
        given().auth().oauth2(TestTokens.customer("basic-co")).contentType(ContentType.JSON).body("{\"to\": \"IN_PROGRESS\"}")
                .when().post("/api/v1/tickets/" + yearTwo.get(0) + "/transitions").then().statusCode(200);
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"to\": \"RESOLVED\"}")
                .when().post("/api/v1/tickets/" + yearTwo.get(0) + "/transitions").then().statusCode(200)
                .body("flags", empty());
        assertThat(quota("used", "2026-01-15")).isEqualTo(42);
    }

    @Test
    @DisplayName("ITC-TKT-6 two tickets resolved at once on the last quota unit: exactly one takes it, the other is chargeable")
    void theLastUnitIsTakenOnceAtResolution() throws Exception {
        TestClock.set(Instant.parse("2025-06-01T12:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String account = "race-" + round;
                Fixtures.putAccount(account, Fixtures.contract("infotecs", "basic", "2025-01-01", null, null)).statusCode(200);
                Fixtures.execute("insert into quota_years (account_id, year_start, year_end, allowance, carried_in, used)"
                        + " values ('" + account + "', '2025-01-01', '2025-12-31', 40, 0, 39)");
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<List<String>>> results = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    String id = Fixtures.fileTicket(TestTokens.customer(account), "{\"subject\": \"Race\", \"severity\": 3}");
                    given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"to\": \"ACKNOWLEDGED\"}")
                            .when().post("/api/v1/tickets/" + id + "/transitions").then().statusCode(200);
                    Callable<List<String>> resolve = () -> {
                        start.await();
                        return given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON)
                                .body("{\"to\": \"RESOLVED\"}").when().post("/api/v1/tickets/" + id + "/transitions")
                                .then().statusCode(200).extract().path("flags");
                    };
                    results.add(pool.submit(resolve));
                }
                List<List<String>> flags = new ArrayList<>();
                for (Future<List<String>> result : results) {
                    flags.add(result.get());
                }
                assertThat(flags).as("round " + round).filteredOn(List::isEmpty).hasSize(1);
                assertThat(flags).as("round " + round).filteredOn(f -> f.contains("CHARGEABLE")).hasSize(1);
                assertThat(ServiceDatabase.count("select used from quota_years where account_id = '" + account + "'"))
                        .isEqualTo(40);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
