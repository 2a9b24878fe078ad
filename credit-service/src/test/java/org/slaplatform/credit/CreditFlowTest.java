package org.slaplatform.credit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.Topics;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.events.claim.CreditClaimFiled;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Credits over the real broker and database: events in with a plain Kafka client, decisions out on credits.v1. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class CreditFlowTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    /** Claims made through the API are received now; the month before is well within the deadline. */
    static final YearMonth LAST_MONTH = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
    /** Decisions confirmed this month are issued by the settlement of the next cycle (QNT-CRD-3). */
    static final String NEXT_CYCLE = YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static void contract(String account, String policy, String plan, String monthly, String... instances) {
        ContractChanged c = new ContractChanged(account, account + " Inc", 1, policy, 1, plan, "UTC", "USD",
                new BigDecimal(monthly), List.of(new ContractChanged.Fee("setup", new BigDecimal("5000.00"),
                        LocalDate.parse("2025-01-01"))), "MONTHLY", LocalDate.parse("2025-01-01"), null,
                java.util.Arrays.stream(instances).map(i -> new ContractChanged.ServiceInstance(i, "p", "1.0.0.0", "prod"))
                        .toList(), List.of(), List.of(), List.of(), Instant.parse("2025-01-01T00:00:00Z"));
        KafkaTestClient.send(CloudEventCodec.toRecord(EventEnvelope.of(EventTypes.CONTRACT_CHANGED, "ticket-service",
                account, c.changedAt(), c)));
        await().atMost(WAIT).until(() -> ServiceDatabase.count("select count(*) from instances where account_id = '"
                + account + "'") == instances.length);
    }

    static ProducerRecord<String, byte[]> month(String account, String instance, String policy, String plan,
            String month, int version, String uptime, long unavailable) {
        long total = YearMonth.parse(month).lengthOfMonth() * 1440L;
        MonthlyAvailability m = new MonthlyAvailability(instance, account, month, "UTC", version, policy, 1, plan, null,
                new BigDecimal(uptime), total, unavailable, 30, Map.of("planned-maintenance", 30L), false,
                Instant.now());
        return CloudEventCodec.toRecord(EventEnvelope.of(EventTypes.MONTH_CLOSED, "availability-service", instance,
                m.closedAt(), m));
    }

    static void sendAndAwait(ProducerRecord<String, byte[]> record, String instance, String month, int version) {
        KafkaTestClient.send(record);
        await().atMost(WAIT).until(() -> ServiceDatabase.count("select count(*) from month_results where instance_id = '"
                + instance + "' and month = '" + month + "' and version = " + version) == 1);
    }

    static int settle(String cycle) {
        return given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/settlements/" + cycle)
                .then().statusCode(200).extract().path("issued");
    }

    static ValidatableResponse credits(String token, String account) {
        return given().auth().oauth2(token).when().get("/api/v1/accounts/" + account + "/credits").then();
    }

    static ValidatableResponse claim(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post("/api/v1/claims").then();
    }

    static List<ConsumerRecord<String, byte[]>> credits(String account, String type, int wanted) {
        return KafkaTestClient.await(Topics.CREDITS.name(), r -> account.equals(r.key())
                && type.equals(header(r, CloudEventCodec.CE_TYPE)), wanted, WAIT);
    }

    static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static String incident(YearMonth month) {
        return month + "-14T10:00Z to " + month + "-14T11:30Z";
    }

    @Test
    @DisplayName("QNT-CRD-1 QNT-CRD-2 CRD-7 Enterprise at 99.94 %, claim confirmed by the measured month: 10 % of 1000.00 = 100.00 USD (setup fee excluded), issued once whatever the redeliveries and re-runs")
    void enterpriseClaimSettledOnce() {
        String account = unique("qnt");
        String instance = account + "-prod";
        contract(account, "quantive", "Enterprise", "1000.00", instance);
        ProducerRecord<String, byte[]> record = month(account, instance, "quantive", "Enterprise", LAST_MONTH.toString(), 1,
                "99.94", 26);
        sendAndAwait(record, instance, LAST_MONTH.toString(), 1);
        KafkaTestClient.send(record); // the same event again: the inbox finds it

        String claimId = claim(TestTokens.customer(account), Map.of("subject", "SLA Credit Request for " + LAST_MONTH,
                "description", "Unavailable " + incident(LAST_MONTH), "instanceId", instance))
                .statusCode(201).body("state", equalTo("CONFIRMED"))
                .body("detail", containsString("10 % of 1000.00 USD"))
                // a month without intervals (as published before them): judged on its figures, and it says so
                .body("detail", containsString("confirmed on the month's figures, not per incident")).extract().path("claimId");

        assertThat(settle(NEXT_CYCLE)).isGreaterThanOrEqualTo(1);
        settle(NEXT_CYCLE);
        credits(TestTokens.customer(account), account).statusCode(200)
                .body("balance", equalTo(100.00f)).body("entries", hasSize(1))
                .body("entries[0].kind", equalTo("CREDIT")).body("entries[0].rule", equalTo("QNT-CRD-1"))
                .body("entries[0].explanation", containsString("26 Unavailable, 30 excluded (planned-maintenance 30)"));
        given().auth().oauth2(TestTokens.customer(account)).when().get("/api/v1/claims/" + claimId).then()
                .statusCode(200).body("state", equalTo("CREDITED"));
        assertThat(credits(account, EventTypes.CREDIT_ISSUED.type(), 1)).hasSize(1);
        assertThat(ServiceDatabase.count("select count(*) from ledger_entries where account_id = '" + account + "'"))
                .isEqualTo(1);
        // Another customer sees nothing of it.
        credits(TestTokens.customer("someone-else"), account).statusCode(404);
    }

    static String claimState(String account, String claimId) {
        return given().auth().oauth2(TestTokens.customer(account)).when().get("/api/v1/claims/" + claimId).then()
                .statusCode(200).extract().path("state");
    }

    /**
     * September 2026 (30 days, 43,200 minutes) of a Quantive Enterprise instance, 1000.00 USD a month,
     * as availability-service publishes it, worked by hand:
     * <pre>
     * 14 Sep 10:00-10:20Z PROBES counted 20 } one span of 26 counted minutes
     * 14 Sep 10:20-10:26Z OUTAGE ours counted 6 }
     * 20 Sep 01:00-01:30Z PROBES excluded (planned maintenance) 30
     * (43,200 - 26) x 100 / 43,200 = 99.93981.. -> 99.9398 % < 99.95 %: 10 % of 1000.00 = 100.00 USD
     * </pre>
     */
    @Test
    @DisplayName("QNT-CRD-2 September at 99.9398 % (26 counted minutes 14 Sep 10:00-10:26, 30 excluded 20 Sep 01:00-01:30): claims confirmed per incident; 10:00-10:26 matches 26 of 26 minutes, 09:50-10:10 10 of 20 with 16 Sep named not shown; 16 Sep alone and the 30 excluded minutes are NOT_SHOWN_BY_MEASUREMENT")
    void claimsConfirmedPerIncident() {
        String account = unique("qnt");
        String instance = account + "-prod";
        contract(account, "quantive", "Enterprise", "1000.00", instance);
        TestClock.set(Instant.parse("2026-10-05T12:00:00Z"));
        try {
            String customer = TestTokens.customer(account);
            // Filed before the month is measured: they wait, and the month's arrival judges them.
            String partial = claim(customer, Map.of("subject", "SLA Credit Request", "instanceId", instance, "description",
                    "down 2026-09-14T09:50Z to 2026-09-14T10:10Z and 2026-09-16T08:00Z to 2026-09-16T09:00Z"))
                    .statusCode(201).body("state", equalTo("RECEIVED")).extract().path("claimId");
            String nothing = claim(customer, Map.of("subject", "SLA Credit Request", "instanceId", instance, "description",
                    "down 2026-09-16T08:00Z to 2026-09-16T09:00Z"))
                    .statusCode(201).body("state", equalTo("RECEIVED")).extract().path("claimId");

            MonthlyAvailability september = new MonthlyAvailability(instance, account, "2026-09", "UTC", 1, "quantive", 1,
                    "Enterprise", new BigDecimal("99.95"), new BigDecimal("99.9398"), 43_200, 26, 30,
                    Map.of("PLANNED_MAINTENANCE", 30L), false, Instant.parse("2026-10-03T00:00:00Z"), List.of(
                            new MonthlyAvailability.UnavailableInterval(Instant.parse("2026-09-14T10:00:00Z"),
                                    Instant.parse("2026-09-14T10:20:00Z"), "PROBES", null, false, null),
                            new MonthlyAvailability.UnavailableInterval(Instant.parse("2026-09-14T10:20:00Z"),
                                    Instant.parse("2026-09-14T10:26:00Z"), "OUTAGE", "OURS", false, null),
                            new MonthlyAvailability.UnavailableInterval(Instant.parse("2026-09-20T01:00:00Z"),
                                    Instant.parse("2026-09-20T01:30:00Z"), "PROBES", null, true, "PLANNED_MAINTENANCE")));
            sendAndAwait(CloudEventCodec.toRecord(EventEnvelope.of(EventTypes.MONTH_CLOSED, "availability-service",
                    instance, september.closedAt(), september)), instance, "2026-09", 1);
            assertThat(ServiceDatabase.count("select count(*) from month_intervals where instance_id = '" + instance
                    + "' and month = '2026-09' and version = 1")).isEqualTo(3);
            assertThat(ServiceDatabase.count("select sum(extract(epoch from ends_at - starts_at) / 60) from month_intervals "
                    + "where instance_id = '" + instance + "' and not excluded")).isEqualTo(26);

            await().atMost(WAIT).until(() -> !"RECEIVED".equals(claimState(account, partial))
                    && !"RECEIVED".equals(claimState(account, nothing)));
            given().auth().oauth2(customer).when().get("/api/v1/claims/" + partial).then().statusCode(200)
                    .body("state", equalTo("CONFIRMED"))
                    .body("detail", containsString("incident 2026-09-14T09:50:00Z to 2026-09-14T10:10:00Z: 10 of its 20 "
                            + "minutes measured Unavailable (2026-09-14T10:00:00Z to 2026-09-14T10:10:00Z)"))
                    .body("detail", containsString("not shown by measurement: incident 2026-09-16T08:00:00Z to "
                            + "2026-09-16T09:00:00Z: no measured Unavailable minute"))
                    .body("detail", containsString("10 % of 1000.00 USD"));
            given().auth().oauth2(customer).when().get("/api/v1/claims/" + nothing).then().statusCode(200)
                    .body("state", equalTo("DISQUALIFIED")).body("reason", equalTo("NOT_SHOWN_BY_MEASUREMENT"))
                    .body("detail", equalTo("no claimed incident is shown by the measured minutes of 2026-09 (version 1): "
                            + "incident 2026-09-16T08:00:00Z to 2026-09-16T09:00:00Z: no measured Unavailable minute"));

            // Filed after the month is measured: judged at once, against the stored intervals.
            claim(customer, Map.of("subject", "SLA Credit Request", "instanceId", instance, "description",
                    "down 2026-09-14T10:00Z to 2026-09-14T10:26Z")).statusCode(201)
                    .body("state", equalTo("CONFIRMED"))
                    .body("detail", containsString("26 of its 26 minutes measured Unavailable (2026-09-14T10:00:00Z to "
                            + "2026-09-14T10:26:00Z)"))
                    .body("detail", containsString("already decided under another claim"));
            claim(customer, Map.of("subject", "SLA Credit Request", "instanceId", instance, "description",
                    "down 2026-09-20T01:00Z to 2026-09-20T01:30Z")).statusCode(201)
                    .body("state", equalTo("DISQUALIFIED")).body("reason", equalTo("NOT_SHOWN_BY_MEASUREMENT"))
                    .body("detail", containsString("no measured Unavailable minute, 30 measured minutes excluded "
                            + "(PLANNED_MAINTENANCE 30)"));

            // One credit for the month, however many claims confirm it.
            assertThat(ServiceDatabase.count("select count(*) from credit_decisions where account_id = '" + account
                    + "' and amount = 100.00")).isEqualTo(1);
            List<ConsumerRecord<String, byte[]>> decided = credits(account, EventTypes.CREDIT_CLAIM_DECIDED.type(), 8);
            assertThat(decided).extracting(r -> (org.slaplatform.events.credit.CreditClaimDecided) CloudEventCodec
                    .fromRecord(r).data())
                    .filteredOn(d -> d.claimId().toString().equals(nothing) && d.state().equals("DISQUALIFIED"))
                    .singleElement().satisfies(d -> assertThat(d.detail()).contains("2026-09-16T08:00:00Z to 2026-09-16T09:00:00Z"));
        } finally {
            TestClock.reset();
        }
    }

    @Test
    @DisplayName("DESIGN-2 IS-CRD-4 a month measured before its account's contract arrived (separate topics) is decided"
            + " when the contract comes: 65 minutes in September = 200.00 USD, once, also after a second revision")
    void aMonthBeforeItsContractIsDecidedByTheContract() {
        String account = unique("is");
        String instance = account + "-prod";
        sendAndAwait(month(account, instance, "infostretch", "Maintenance", "2026-09", 1, "99.8495", 65), instance,
                "2026-09", 1);
        assertThat(ServiceDatabase.count("select count(*) from credit_decisions where account_id = '" + account + "'"))
                .as("no contract, no price").isZero();
        contract(account, "infostretch", "Maintenance", "3000.00", instance);
        await().atMost(WAIT).until(() -> ServiceDatabase.count("select count(*) from credit_decisions where account_id = '"
                + account + "'") == 1);
        contract(account, "infostretch", "Maintenance", "3000.00", instance); // redelivered: nothing more
        assertThat(settle(NEXT_CYCLE)).isGreaterThanOrEqualTo(1);
        credits(TestTokens.admin(), account).statusCode(200).body("balance", equalTo(200.00f)).body("entries", hasSize(1));
        assertThat(ServiceDatabase.count("select count(*) from credit_decisions where account_id = '" + account + "'"))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("IS-CRD-4 CRD-7 99.85 % in September (30 days), 65 minutes = 2 hours x 3000.00/30 = 200.00 USD; a correction to 125 minutes (3 hours) adds an adjustment of 100.00, history untouched")
    void infostretchCorrectionBecomesAdjustment() {
        String account = unique("is");
        String instance = account + "-prod";
        contract(account, "infostretch", "Maintenance", "3000.00", instance);
        sendAndAwait(month(account, instance, "infostretch", "Maintenance", "2026-09", 1, "99.8495", 65), instance,
                "2026-09", 1);
        assertThat(settle(NEXT_CYCLE)).isGreaterThanOrEqualTo(1);
        credits(TestTokens.admin(), account).statusCode(200).body("balance", equalTo(200.00f)).body("entries", hasSize(1));

        sendAndAwait(month(account, instance, "infostretch", "Maintenance", "2026-09", 2, "99.7106", 125), instance,
                "2026-09", 2);
        settle(NEXT_CYCLE);
        settle(NEXT_CYCLE);
        credits(TestTokens.admin(), account).statusCode(200).body("balance", equalTo(300.00f))
                .body("entries", hasSize(2))
                .body("entries[0].amount", equalTo(200.00f)).body("entries[0].sourceVersion", equalTo(1))
                .body("entries[1].kind", equalTo("CORRECTION")).body("entries[1].amount", equalTo(100.00f))
                .body("entries[1].explanation", containsString("200.00 was decided before"));
        assertThat(credits(account, EventTypes.CREDIT_ADJUSTED.type(), 1)).hasSize(1);
    }

    @Test
    @DisplayName("QNT-CRD-2 a March ticket claim filed 1 June 00:01 UTC, one minute after the second monthly cycle ends, is disqualified as late; filed 31 May 23:59 it is received")
    void lateClaimDisqualified() {
        String account = unique("qnt");
        String instance = account + "-prod";
        contract(account, "quantive", "Enterprise", "1000.00", instance);
        UUID late = UUID.randomUUID();
        UUID onTime = UUID.randomUUID();
        fileTicketClaim(late, account, instance, "2026-06-01T00:01:00Z");
        fileTicketClaim(onTime, account, instance, "2026-05-31T23:59:00Z");
        await().atMost(WAIT).until(() -> ServiceDatabase.count("select count(*) from claims where claim_id in ('" + late
                + "', '" + onTime + "')") == 2);
        given().auth().oauth2(TestTokens.customer(account)).when().get("/api/v1/claims/" + late).then().statusCode(200)
                .body("state", equalTo("DISQUALIFIED")).body("reason", equalTo("RECEIVED_TOO_LATE"))
                .body("detail", containsString("deadline 2026-06-01T00:00:00Z"));
        given().auth().oauth2(TestTokens.customer(account)).when().get("/api/v1/claims/" + onTime).then().statusCode(200)
                .body("state", equalTo("RECEIVED"));
        assertThat(credits(account, EventTypes.CREDIT_CLAIM_DECIDED.type(), 3)).hasSize(3);
    }

    static void fileTicketClaim(UUID id, String account, String instance, String filedAt) {
        fileTicketClaimFor(id, account, instance, "2026-03", filedAt);
    }

    /** A ticket's claim for an incident on the 14th of {@code month}, 10:00-11:30Z, received at {@code filedAt}. */
    static void fileTicketClaimFor(UUID id, String account, String instance, String month, String filedAt) {
        CreditClaimFiled filed = new CreditClaimFiled(id, id, account, "quantive", 1, "SLA Credit Request: " + month,
                "Unavailable " + month + "-14T10:00Z to " + month + "-14T11:30Z", instance, "portal", Instant.parse(filedAt));
        KafkaTestClient.send(CloudEventCodec.toRecord(EventEnvelope.of(EventTypes.CREDIT_CLAIM_FILED, "ticket-service",
                account, filed.filedAt(), filed)));
    }

    @Test
    @DisplayName("QNT-CRD-2 a customer claiming another account's instance, or for another account, is refused 403; a duplicate claim for the same incident 409; nothing stored")
    void abuseRefused() {
        String mine = unique("qnt");
        String theirs = unique("qnt");
        contract(mine, "quantive", "Enterprise", "1000.00", mine + "-prod");
        contract(theirs, "quantive", "Enterprise", "1000.00", theirs + "-prod");
        claim(TestTokens.customer(mine), Map.of("subject", "SLA Credit Request", "description", incident(LAST_MONTH),
                "instanceId", theirs + "-prod")).statusCode(403)
                .body("detail", equalTo("instance " + theirs + "-prod is not an instance of account " + mine));
        claim(TestTokens.customer(mine), Map.of("accountId", theirs, "subject", "SLA Credit Request",
                "description", incident(LAST_MONTH), "instanceId", theirs + "-prod")).statusCode(403);
        Map<String, Object> body = Map.of("subject", "SLA Credit Request", "description", incident(LAST_MONTH),
                "instanceId", mine + "-prod");
        claim(TestTokens.customer(mine), body).statusCode(201).body("state", equalTo("RECEIVED"));
        claim(TestTokens.customer(mine), body).statusCode(409).body("detail", containsString("already names instance"));
        assertThat(ServiceDatabase.count("select count(*) from claims where account_id = '" + mine + "'")).isEqualTo(1);
        claim(TestTokens.customer(mine), Map.of("subject", "Refund please", "description", incident(LAST_MONTH),
                "instanceId", mine + "-prod")).statusCode(201).body("state", equalTo("DISQUALIFIED"))
                .body("reason", equalTo("SUBJECT_WORDS_MISSING"));
    }

    static void pricedContract(String account, String plan, String startsOn, ContractChanged.LicencePrice price) {
        ContractChanged c = new ContractChanged(account, account + " Inc", 1, "infotecs", 1, plan, "Europe/Moscow", "USD",
                new BigDecimal("500.00"), List.of(), "ANNUAL", LocalDate.parse(startsOn), null, List.of(), List.of(),
                List.of(), List.of(), Instant.parse("2025-01-01T00:00:00Z"), price);
        KafkaTestClient.send(CloudEventCodec.toRecord(EventEnvelope.of(EventTypes.CONTRACT_CHANGED, "ticket-service",
                account, c.changedAt(), c)));
        await().atMost(WAIT).until(() -> ServiceDatabase.count("select count(*) from contracts where account_id = '"
                + account + "'") == 1);
    }

    @Test
    @DisplayName("ITC-CRD-8 licence 10000.00 USD from contracts.v1, Basic plan: year 1 12 % = 1200.00, year 2 and year 7 20 % = 2000.00, major upgrade 30 % = 3000.00, each explained; other accounts, unpriced contracts and year 0 refused precisely")
    void supportFeesOnTheAccount() {
        String account = unique("itc");
        String startsOn = "2024-03-01";
        pricedContract(account, "basic", startsOn, new ContractChanged.LicencePrice(new BigDecimal("10000.00"), "USD"));
        String token = TestTokens.customer(account);
        given().auth().oauth2(token).when().get("/api/v1/accounts/" + account + "/support-fees/1").then().statusCode(200)
                .body("contractYear", equalTo(1)).body("from", equalTo("2024-03-01")).body("to", equalTo("2025-02-28"))
                .body("amount", equalTo(1200.00f)).body("currency", equalTo("USD"))
                .body("explanation", containsString("contract year 1: 12 % of the licence price 10000.00 USD = 1200.00 USD (ITC-CRD-8)"));
        given().auth().oauth2(token).when().get("/api/v1/accounts/" + account + "/support-fees/2").then().statusCode(200)
                .body("amount", equalTo(2000.00f)).body("percent", equalTo(20))
                .body("explanation", containsString("runs 2025-03-01 to 2026-02-28"));
        given().auth().oauth2(token).when().get("/api/v1/accounts/" + account + "/support-fees/7").then().statusCode(200)
                .body("amount", equalTo(2000.00f));
        int current = org.slaplatform.credit.domain.SupportFeeSchedule.contractYear(LocalDate.parse(startsOn),
                LocalDate.now(java.time.ZoneId.of("Europe/Moscow")));
        given().auth().oauth2(token).when().get("/api/v1/accounts/" + account + "/support-fees").then().statusCode(200)
                .body("licencePrice", equalTo(10000.00f)).body("currentContractYear", equalTo(current))
                .body("years", hasSize(current)).body("years[0].amount", equalTo(1200.00f))
                .body("majorUpgrade.amount", equalTo(3000.00f))
                .body("majorUpgrade.explanation", containsString("30 % of the licence price 10000.00 USD = 3000.00 USD"));

        given().auth().oauth2(TestTokens.customer("someone-else")).when()
                .get("/api/v1/accounts/" + account + "/support-fees").then().statusCode(404);
        given().auth().oauth2(token).when().get("/api/v1/accounts/" + account + "/support-fees/0").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("contractYear"));
        given().auth().oauth2(token).when().get("/api/v1/accounts/" + account + "/support-fees/first").then()
                .statusCode(400).body("detail", containsString("contractYear"));
        String unpriced = unique("itc");
        pricedContract(unpriced, "basic", startsOn, null);
        given().auth().oauth2(TestTokens.customer(unpriced)).when().get("/api/v1/accounts/" + unpriced + "/support-fees")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("names no licence price"));
    }

    @Test
    @DisplayName("POL-3, ITC-CRD-8 each contract year is priced under the version in force on its first day: from 2029-03-01, years 1 and 2 under version 1 (12 %, 20 %), year 3 from 2031-03-01 under the test version 2 (25 % = 2500.00)")
    void supportFeesOfEachYearUnderItsVersion() {
        String account = unique("itc");
        pricedContract(account, "basic", "2029-03-01", new ContractChanged.LicencePrice(new BigDecimal("10000.00"), "USD"));
        String token = TestTokens.customer(account);
        given().auth().oauth2(token).when().get("/api/v1/accounts/" + account + "/support-fees/1").then().statusCode(200)
                .body("amount", equalTo(1200.00f)).body("percent", equalTo(12));
        given().auth().oauth2(token).when().get("/api/v1/accounts/" + account + "/support-fees/2").then().statusCode(200)
                .body("amount", equalTo(2000.00f)).body("percent", equalTo(20))
                .body("explanation", containsString("plan Basic of policy infotecs version 1"));
        given().auth().oauth2(token).when().get("/api/v1/accounts/" + account + "/support-fees/3").then().statusCode(200)
                .body("from", equalTo("2031-03-01")).body("amount", equalTo(2500.00f)).body("percent", equalTo(25))
                .body("explanation", containsString("plan Basic of policy infotecs version 2"));
    }

    @Test
    @DisplayName("CRD-7 a settlement that crashes mid-run (a chunk fails after others committed) and is run again, twice at the same time, issues each of 2,500 decisions exactly once: one ledger entry, one CREDITED claim, one event each")
    void settlementResumesAfterACrashIssuingNothingTwice() throws Exception {
        String prefix = unique("crd7");
        int n = 2500;
        String poisoned = prefix + "-1777";
        try (java.sql.Connection c = ServiceDatabase.connect(); java.sql.Statement st = c.createStatement()) {
            st.execute("insert into claims (claim_id, account_id, instance_id, month, incident_start, incidents, source, "
                    + "state, received_at) select md5('" + prefix + "' || g)::uuid, '" + prefix + "-' || g, '" + prefix
                    + "-' || g || '-prod', '2019-09', timestamptz '2019-09-14 10:00Z', '[]', 'api', 'CONFIRMED', "
                    + "timestamptz '2019-10-02 10:00Z' from generate_series(1, " + n + ") g");
            st.execute("insert into credit_decisions (decision_id, account_id, instance_id, month, source_version, kind, "
                    + "amount, currency, rule, explanation, claim_id, confirmed_month, state) select gen_random_uuid(), '"
                    + prefix + "-' || g, '" + prefix + "-' || g || '-prod', '2019-09', 1, 'CREDIT', 100.00, 'USD', "
                    + "'QNT-CRD-1', 'crash test', md5('" + prefix + "' || g)::uuid, '2019-10', 'PENDING' "
                    + "from generate_series(1, " + n + ") g");
            // The crash: the chunk holding this account fails in the database, after other chunks committed.
            st.execute("create function crash_once() returns trigger language plpgsql as $$ begin "
                    + "if new.account_id = '" + poisoned + "' then raise exception 'simulated crash'; end if; "
                    + "return new; end $$");
            st.execute("create trigger crash_once before insert on ledger_entries for each row execute function crash_once()");
        }
        String cycle = "2019-11";
        String issuedSql = "select count(*) from ledger_entries where account_id like '" + prefix + "-%'";
        try {
            given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/settlements/" + cycle).then().statusCode(500);
            assertThat(ServiceDatabase.count(issuedSql)).isLessThan(n);
        } finally {
            try (java.sql.Connection c = ServiceDatabase.connect(); java.sql.Statement st = c.createStatement()) {
                st.execute("drop trigger crash_once on ledger_entries");
                st.execute("drop function crash_once()");
            }
        }
        long before = ServiceDatabase.count(issuedSql);
        // Two settlers of the same cycle at once (two instances, or an impatient operator).
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> settle(cycle));
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> settle(cycle));
        assertThat(first.get(120, java.util.concurrent.TimeUnit.SECONDS) + second.get(120, java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo((int) (n - before));
        assertThat(settle(cycle)).isZero();
        assertThat(ServiceDatabase.count(issuedSql)).isEqualTo(n);
        assertThat(ServiceDatabase.count("select count(distinct (account_id, month, instance_id, source_version)) from "
                + "ledger_entries where account_id like '" + prefix + "-%'")).isEqualTo(n);
        assertThat(ServiceDatabase.count("select count(*) from credit_decisions where account_id like '" + prefix
                + "-%' and state = 'ISSUED' and ledger_entry_id is not null")).isEqualTo(n);
        assertThat(ServiceDatabase.count("select count(*) from claims where account_id like '" + prefix
                + "-%' and state = 'CREDITED' and ledger_entry_id is not null")).isEqualTo(n);
        assertThat(ServiceDatabase.count("select count(*) from outbox where record_key like '" + prefix
                + "-%' and type = '" + EventTypes.CREDIT_ISSUED.type() + "'")).isEqualTo(n);
        assertThat(ServiceDatabase.count("select count(*) from outbox where record_key like '" + prefix
                + "-%' and type = '" + EventTypes.CREDIT_CLAIM_DECIDED.type() + "'")).isEqualTo(n);
        List<ConsumerRecord<String, byte[]>> events = credits(poisoned, EventTypes.CREDIT_ISSUED.type(), 1);
        assertThat(new String(events.get(0).value(), StandardCharsets.UTF_8)).contains("\"claimId\"", "\"amount\":100.00");
    }

    @TestHTTPResource("/api/v1/claims")
    URI claimsUri;

    @Test
    @DisplayName("QNT-CRD-2 eight identical claims for the same incident filed at the same moment: exactly one 201 CONFIRMED, seven 409 application/problem+json naming the duplicate, one claim, one decision and one CONFIRMED event stored")
    void concurrentDuplicatesRefused() throws Exception {
        String account = unique("qnt");
        String instance = account + "-prod";
        contract(account, "quantive", "Enterprise", "1000.00", instance);
        sendAndAwait(month(account, instance, "quantive", "Enterprise", LAST_MONTH.toString(), 1, "99.94", 26), instance,
                LAST_MONTH.toString(), 1);
        String body = "{\"subject\": \"SLA Credit Request\", \"description\": \"Unavailable " + incident(LAST_MONTH)
                + "\", \"instanceId\": \"" + instance + "\"}";
        HttpRequest request = HttpRequest.newBuilder(claimsUri).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.customer(account))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        int n = 8;
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(n)).build();
        CyclicBarrier together = new CyclicBarrier(n);
        List<CompletableFuture<HttpResponse<String>>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, Executors.newSingleThreadExecutor()));
        }
        List<HttpResponse<String>> responses = new java.util.ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            responses.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(201, 409);
        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(1)
                .allSatisfy(r -> assertThat(r.body()).contains("\"state\":\"CONFIRMED\""));
        assertThat(responses).filteredOn(r -> r.statusCode() == 409).hasSize(n - 1).allSatisfy(r -> {
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(r.body()).contains("\"status\":409", "already names instance " + instance);
        });
        assertThat(ServiceDatabase.count("select count(*) from claims where account_id = '" + account + "'")).isEqualTo(1);
        assertThat(ServiceDatabase.count("select count(*) from credit_decisions where account_id = '" + account + "'"))
                .isEqualTo(1);
        assertThat(ServiceDatabase.count("select count(*) from outbox where record_key = '" + account
                + "' and payload like '%\"state\":\"CONFIRMED\"%'")).isEqualTo(1);
    }

    @Test
    @DisplayName("IS-CRD-5 98.50 % in January and 98.70 % in April (two months below 99 % in a rolling four) publish one termination right, whatever the redeliveries")
    void terminationRight() {
        String account = unique("is");
        String instance = account + "-prod";
        contract(account, "infostretch", "Maintenance", "3000.00", instance);
        sendAndAwait(month(account, instance, "infostretch", "Maintenance", "2026-01", 1, "98.50", 669), instance,
                "2026-01", 1);
        ProducerRecord<String, byte[]> april = month(account, instance, "infostretch", "Maintenance", "2026-04", 1,
                "98.70", 561);
        sendAndAwait(april, instance, "2026-04", 1);
        KafkaTestClient.send(april);
        var rights = credits(account, EventTypes.TERMINATION_RIGHT_GRANTED.type(), 2);
        assertThat(rights).hasSize(1);
        assertThat(new String(rights.get(0).value(), StandardCharsets.UTF_8))
                .contains("\"monthsBelow\":[\"2026-01\",\"2026-04\"]", "IS-CRD-5");
    }

    @Test
    @DisplayName("IS-CRD-5 the Service Level is the account's: two instances each at 98.50 % in January, down at"
            + " unknown (so added) minutes, make the account's 97.0026 %, below 98 %: one termination right of the"
            + " account, naming no instance; judged per instance there would be none")
    void terminationRightOfTheAccount() {
        String account = unique("is");
        contract(account, "infostretch", "Maintenance", "3000.00", account + "-a", account + "-b");
        // January: 44,640 minutes; 669 down on each: (44,640 - 1,338) x 100 / 44,640 = 97.0026 (4 places, down)
        sendAndAwait(month(account, account + "-a", "infostretch", "Maintenance", "2026-01", 1, "98.50", 669),
                account + "-a", "2026-01", 1);
        sendAndAwait(month(account, account + "-b", "infostretch", "Maintenance", "2026-01", 1, "98.50", 669),
                account + "-b", "2026-01", 1);
        var rights = credits(account, EventTypes.TERMINATION_RIGHT_GRANTED.type(), 2); // waits: a second must not come
        assertThat(rights).hasSize(1);
        String right = new String(rights.get(0).value(), StandardCharsets.UTF_8);
        assertThat(right).contains("\"monthsBelow\":[\"2026-01\"]", "2026-01 at 97.0026 %", "below 98")
                .doesNotContain("instanceId");
    }

    @Test
    @DisplayName("CRD-6 admin adjustments are exact money with a reason: negative, zero, too many decimals, another currency, more than a year of charges, absurd (1e400, 1e-400, not a number, absent), no reason and unknown account refused precisely with nothing written; 50.00 USD accepted")
    void adminAdjustments() {
        String account = unique("qnt");
        contract(account, "quantive", "Enterprise", "1000.00", account + "-prod");
        adjust(account, "-10.00", "USD", "goodwill").statusCode(400).body("detail", containsString("amount: must be positive"));
        adjust(account, "0", "USD", "goodwill").statusCode(400).body("detail", containsString("must be positive"));
        adjust(account, "10.005", "USD", "goodwill").statusCode(400).body("detail", containsString("more than 2 decimal"));
        adjust(account, "10.00", "EUR", "goodwill").statusCode(400).body("detail", containsString("currency: must be"));
        adjust(account, "12000.01", "USD", "goodwill").statusCode(400)
                .body("detail", containsString("exceeds a year of the account's recurring charges (12000.00 USD)"));
        adjust(account, "10.00", "USD", " ").statusCode(400).body("detail", containsString("reason"));
        // Absurd amounts: astronomically large, vanishingly small, not a number, absent.
        adjust(account, "1e400", "USD", "goodwill").statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("exceeds a year of the account's recurring charges"));
        adjust(account, "1e999999999", "USD", "goodwill").statusCode(400)
                .body("detail", containsString("1E+999999999 USD exceeds a year"));
        adjust(account, "99999999999999999999999999.99", "USD", "goodwill").statusCode(400)
                .body("detail", containsString("exceeds a year"));
        adjust(account, "1e-400", "USD", "goodwill").statusCode(400).body("detail", containsString("more than 2 decimal"));
        adjust(account, "-1e400", "USD", "goodwill").statusCode(400).body("detail", containsString("must be positive"));
        adjust(account, "\"ten\"", "USD", "goodwill").statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("amount"));
        adjust(account, "null", "USD", "goodwill").statusCode(400).body("detail", containsString("amount: is required"));
        adjust(unique("nobody"), "10.00", "USD", "goodwill").statusCode(404).contentType("application/problem+json");
        assertThat(ServiceDatabase.count("select count(*) from ledger_entries where account_id = '" + account + "'"))
                .isZero();
        given().auth().oauth2(TestTokens.customer(account)).contentType(ContentType.JSON)
                .body(Map.of("amount", 10, "currency", "USD", "reason", "x"))
                .when().post("/api/v1/accounts/" + account + "/credits/adjustments").then().statusCode(403);
        adjust(account, "50.00", "USD", "goodwill for ticket 42").statusCode(201);
        credits(TestTokens.customer(account), account).body("balance", equalTo(50.00f))
                .body("entries[0].kind", equalTo("MANUAL"));
    }

    static ValidatableResponse adjust(String account, String amount, String currency, String reason) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"amount\": " + amount + ", \"currency\": \"" + currency + "\", \"reason\": \"" + reason + "\"}")
                .when().post("/api/v1/accounts/" + account + "/credits/adjustments").then();
    }
}
