package org.slaplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.events.claim.CreditClaimFiled;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.credit.CreditClaimDecided;
import org.slaplatform.events.credit.CreditIssued;
import org.slaplatform.events.ticket.TicketCreated;

import io.restassured.path.json.JsonPath;

/**
 * QNT, POL-3: a Quantive customer's plan and policy version change mid-life, May to September 2028.
 *
 * <p>Fabrikam runs one instance, qnt-fab-prod, in Europe/Berlin (no summer-time change between May and
 * September 2028), 1,000.00 EUR a month, billed monthly, from 1 May 2028. Policy {@code quantive}:
 * version 1 as shipped; version 2 ({@code e2e/src/test/resources/policy-folder/quantive.v2.yaml}, a test
 * version) is in force from 2028-07-01 and changes two figures: Enterprise commits to 99.99 % (v1: 99.95 %)
 * and the first tier credits 15 % (v1: 10 %). The plan moves from {@code other} (99.9 % in both versions)
 * to {@code enterprise} on 15 June 2028 10:00Z by a contract update (charges unchanged; the update leaves
 * the version out, so the contract names the version in force on its first day, 1). Worked out by hand:
 * <pre>
 * May 2028    31 x 1,440 = 44,640 minutes; version 1 (in force on 1 May), plan other: 99.9 %
 *             10 May 10:00-11:00Z outage of ours                           60 counted
 *             (44,640 - 60) x 100 / 44,640 = 99.86559.. -> 99.8655 (rounded down): below 99.9, at least 97
 *             tier 10 % of 1,000.00 = 100.00 EUR; claim filed 1 June, confirmed at the close on 3 June
 * June 2028   30 x 1,440 = 43,200 minutes; version 1 (in force on 1 June)
 *             plans in force: other until 15 June 10:00Z, enterprise after: the month is held to the highest
 *             commitment, enterprise's 99.95 (QNT-CRD-1, POL-3; docs/policies.md)
 *             5 June 08:00-08:30Z outage of ours                           30 counted
 *             (43,200 - 30) x 100 / 43,200 = 99.93055.. -> 99.9305: below 99.95 (other's 99.9 would be met)
 *             tier 10 % (version 1, not version 2's 15 %, although the claim is judged in July) = 100.00 EUR
 *             closed on 3 July under version 1; claim filed 4 July (version 2 in force), confirmed at once
 * May again   a late outage of ours, 20 May 08:00-08:10Z, posted on 2 July (version 2 in force, plan
 *             enterprise; within the 45 days late data is taken): a correction of the closed month (AVL-7)
 *             that keeps May's terms (other, 99.9, version 1):
 *             (44,640 - 70) x 100 / 44,640 = 99.84318.. -> 99.8431, still the 10 % tier: 100.00, no adjustment
 *             (re-priced on enterprise under version 2 it would be 15 % = 150.00)
 * July 2028   31 x 1,440 = 44,640 minutes; version 2 (in force on 1 July), plan enterprise: 99.99 %
 *             12 July 10:00-10:20Z outage of ours                          20 counted
 *             (44,640 - 20) x 100 / 44,640 = 99.95519.. -> 99.9551: below 99.99 (version 1's 99.95 met)
 *             tier 15 % of 1,000.00 = 150.00 EUR; claim filed 20 July, confirmed at the close on 3 August
 * Settlement  a credit confirmed in month M is issued in M+1's cycle (QNT-CRD-3): cycle 2028-07 issues May's
 *             100.00 (run on 4 July), 2028-08 June's 100.00,
 *             2028-09 July's 150.00; ledger 100.00 + 100.00 + 150.00 = 350.00 EUR
 * Tickets     each claim ticket records the version in force on its filing day (POL-3, docs/policies.md):
 *             1 on 1 June, 2 on 4 and 20 July (although the contract was never revised to name 2); credit-service
 *             judges each claim's rules under the version in force the day it arrived (1 in June, 2 in July;
 *             both versions' claim rules are the same) and prices each month under the version it closed under
 * </pre>
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(6)
@DisplayName("QNT, POL-3: Quantive customer, May-September 2028: plan other -> enterprise and policy version 2 mid-life")
class QuantivePolicyChangeIT extends Scenario {

    static final String ACCOUNT = "qnt-pc-fabrikam";
    static final String PROD = "qnt-fab-prod";
    static final Map<String, Object> CONTRACT = new LinkedHashMap<>();

    String customer;
    UUID mayClaim;
    UUID juneClaim;
    UUID julyClaim;

    @BeforeAll
    void tokens() {
        customer = platform.token("customer", ACCOUNT);
    }

    @Test
    @Order(1)
    @DisplayName("POL-2, POL-3: the contract starts on plan other under version 1 (the version in force on its first day)")
    void contract() {
        platform.travelTo(Instant.parse("2028-05-02T08:00:00Z"));
        CONTRACT.putAll(contract("quantive", "other", "Europe/Berlin", "EUR", "1000.00", "MONTHLY", "2028-05-01"));
        CONTRACT.put("instances", List.of(instance(PROD, "quantive-results", "1.0.0.0")));
        CONTRACT.put("contacts", List.of(contact("SUPPORT", "Fabrikam Ops", "ops@fabrikam.example")));
        ContractChanged published = writeContract(platform, admin, ACCOUNT, "Fabrikam", CONTRACT, customer, List.of(PROD));
        assertThat(published.revision()).isEqualTo(1);
        assertThat(published.policyVersion()).isEqualTo(1);
        assertThat(published.plan()).isEqualTo("other");
    }

    @Test
    @Order(2)
    @DisplayName("QNT-AVL-2, QNT-CRD-1, QNT-CRD-2: May on other (99.9 %) under version 1: 99.8655 %, claim confirmed at 10 % = 100.00 EUR")
    void may() {
        platform.travelTo(Instant.parse("2028-05-10T12:00:00Z"));
        outage("2028-05-10T10:00:00Z", "2028-05-10T11:00:00Z");

        platform.travelTo(Instant.parse("2028-06-01T09:00:00Z"));
        mayClaim = claim("SLA Credit Request: May outage", "2028-05-10T10:00Z to 2028-05-10T11:00Z", 1);
        CreditClaimDecided received = platform.events().awaitOne(EventTypes.CREDIT_CLAIM_DECIDED,
                d -> d.claimId().equals(mayClaim), EVENTUALLY);
        assertThat(received.state()).isEqualTo("RECEIVED");
        assertThat(received.month()).isEqualTo("2028-05");

        platform.travelTo(Instant.parse("2028-06-03T06:00:00Z"));
        closeMonths();
        MonthlyAvailability may = month("2028-05", 1);
        assertMonth(may, 44_640, 60, "99.8655", 1, "other", "99.9", false);
        CreditClaimDecided confirmed = confirmed(mayClaim);
        assertThat(confirmed.month()).isEqualTo("2028-05");
        assertThat(confirmed.detail()).contains("99.8655", "10 %", "100.00");
    }

    @Test
    @Order(3)
    @DisplayName("POL-2, QNT-CRD-1: mid-June the contract moves to enterprise; availability-service learns it, closed May keeps other")
    void planChange() {
        platform.travelTo(Instant.parse("2028-06-05T09:00:00Z"));
        outage("2028-06-05T08:00:00Z", "2028-06-05T08:30:00Z");

        platform.travelTo(Instant.parse("2028-06-15T10:00:00Z"));
        Map<String, Object> enterprise = new LinkedHashMap<>(CONTRACT);
        enterprise.put("plan", "enterprise");
        as(platform, "ticket-service", admin).body(Map.of("name", "Fabrikam", "contract", enterprise))
                .put("/api/v1/accounts/" + ACCOUNT).then().statusCode(200);
        ContractChanged revised = platform.events().awaitOne(EventTypes.CONTRACT_CHANGED,
                c -> c.accountId().equals(ACCOUNT) && c.revision() == 2, EVENTUALLY);
        assertThat(revised.plan()).isEqualTo("enterprise");
        assertThat(revised.policyVersion()).as("left out: the version in force on the contract's first day").isEqualTo(1);
        // the running month is held to enterprise from now on (the highest commitment in force during June)
        eventually("June held to enterprise's 99.95", () -> {
            JsonPath june = uptime("2028-06");
            return "enterprise".equals(june.getString("plan"))
                    && new BigDecimal(june.getString("commitment")).compareTo(new BigDecimal("99.95")) == 0 ? june : null;
        });
        // the closed May keeps its terms
        JsonPath may = uptime("2028-05");
        assertThat(may.getString("plan")).isEqualTo("other");
        assertThat(new BigDecimal(may.getString("commitment"))).isEqualByComparingTo("99.9");
        assertThat(may.getInt("policyVersion")).isEqualTo(1);
    }

    @Test
    @Order(4)
    @DisplayName("AVL-7, POL-3: a late May outage corrects the closed month on its own terms (other, 99.9 %, version 1): 99.8431 %, credit unchanged")
    void mayCorrection() {
        platform.travelTo(Instant.parse("2028-07-02T09:00:00Z"));
        outage("2028-05-20T08:00:00Z", "2028-05-20T08:10:00Z");
        closeMonths();
        MonthlyAvailability corrected = month("2028-05", 2);
        assertMonth(corrected, 44_640, 70, "99.8431", 1, "other", "99.9", false);
        JsonPath may = uptime("2028-05");
        assertThat(new BigDecimal(may.getString("uptimePercent"))).isEqualByComparingTo("99.8431");
        assertThat(may.getString("plan")).isEqualTo("other");
        // June is not due yet (2 July 22:00Z): this run only recomputed May. Still the 10 % tier of version 1:
        // no correction of May's 100.00
        EventLog.sleep(2_000);
        assertThat(platform.events().all(EventTypes.CREDIT_ADJUSTED, a -> a.accountId().equals(ACCOUNT))).isEmpty();
    }

    @Test
    @Order(5)
    @DisplayName("POL-3, QNT-CRD-1: June closes under version 1 at enterprise's 99.95 %; a claim judged in July (version 2) gets version 1's 10 % = 100.00 EUR")
    void june() {
        platform.travelTo(Instant.parse("2028-07-03T06:00:00Z"));
        closeMonths();
        MonthlyAvailability june = month("2028-06", 1);
        assertMonth(june, 43_200, 30, "99.9305", 1, "enterprise", "99.95", false);

        platform.travelTo(Instant.parse("2028-07-04T09:00:00Z"));
        juneClaim = claim("SLA Credit Request: June outage", "2028-06-05T08:00Z to 2028-06-05T08:30Z", 2);
        CreditClaimDecided confirmed = confirmed(juneClaim);
        assertThat(confirmed.month()).isEqualTo("2028-06");
        assertThat(confirmed.detail()).contains("99.9305", "99.95", "10 %", "100.00")
                .doesNotContain("99.99", "15 %", "150.00");

        // QNT-CRD-3: July's cycle issues May's credit (confirmed in June), not June's (confirmed in July)
        as(platform, "credit-service", admin).post("/api/v1/settlements/2028-07").then().statusCode(200);
        CreditIssued mayCredit = platform.events().awaitOne(EventTypes.CREDIT_ISSUED,
                c -> c.accountId().equals(ACCOUNT) && c.month().equals("2028-05"), EVENTUALLY);
        assertThat(mayCredit.cycle()).isEqualTo("2028-07");
        assertThat(mayCredit.claimId()).isEqualTo(mayClaim);
        assertThat(mayCredit.amount()).isEqualByComparingTo("100.00");
        assertThat(mayCredit.explanation()).contains("44640 minutes", "99.9 %", "10 %", "100.00 EUR");
        EventLog.sleep(1_000);
        assertThat(platform.events().all(EventTypes.CREDIT_ISSUED, c -> c.accountId().equals(ACCOUNT))).hasSize(1);
    }

    @Test
    @Order(6)
    @DisplayName("POL-3, QNT-CRD-1: July under version 2 on enterprise (99.99 %): 99.9551 % earns the 15 % tier = 150.00 EUR")
    void july() {
        platform.travelTo(Instant.parse("2028-07-12T11:00:00Z"));
        outage("2028-07-12T10:00:00Z", "2028-07-12T10:20:00Z");
        JsonPath running = uptime("2028-07");
        assertThat(running.getInt("policyVersion")).isEqualTo(2);
        assertThat(new BigDecimal(running.getString("commitment"))).isEqualByComparingTo("99.99");

        platform.travelTo(Instant.parse("2028-07-20T09:00:00Z"));
        julyClaim = claim("SLA Credit Request: July outage", "2028-07-12T10:00Z to 2028-07-12T10:20Z", 2);
        assertThat(platform.events().awaitOne(EventTypes.CREDIT_CLAIM_DECIDED, d -> d.claimId().equals(julyClaim),
                EVENTUALLY).state()).isEqualTo("RECEIVED");

        platform.travelTo(Instant.parse("2028-08-03T06:00:00Z"));
        closeMonths();
        MonthlyAvailability july = month("2028-07", 1);
        assertMonth(july, 44_640, 20, "99.9551", 2, "enterprise", "99.99", false);
        CreditClaimDecided confirmed = confirmed(julyClaim);
        assertThat(confirmed.detail()).contains("99.9551", "99.99", "15 %", "150.00");
    }

    @Test
    @Order(7)
    @DisplayName("QNT-CRD-3, CRD-6, CRD-7: each credit issued in the cycle after its confirmation, once: 100.00 + 100.00 + 150.00 = 350.00 EUR")
    void settlement() {
        platform.travelTo(Instant.parse("2028-08-04T06:00:00Z"));
        as(platform, "credit-service", admin).post("/api/v1/settlements/2028-08").then().statusCode(200);
        platform.travelTo(Instant.parse("2028-09-01T06:00:00Z"));
        as(platform, "credit-service", admin).post("/api/v1/settlements/2028-09").then().statusCode(200);

        List<CreditIssued> issued = platform.events().await(EventTypes.CREDIT_ISSUED, c -> c.accountId().equals(ACCOUNT),
                3, EVENTUALLY);
        assertThat(issued).extracting(CreditIssued::month, CreditIssued::cycle, CreditIssued::claimId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2028-05", "2028-07", mayClaim),
                        org.assertj.core.groups.Tuple.tuple("2028-06", "2028-08", juneClaim),
                        org.assertj.core.groups.Tuple.tuple("2028-07", "2028-09", julyClaim));
        assertThat(issued).extracting(CreditIssued::amount).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("100.00"), new BigDecimal("100.00"), new BigDecimal("150.00"));
        assertThat(issued.get(1).explanation()).contains("43200 minutes", "30 Unavailable", "99.95 %", "10 %",
                "100.00 EUR");
        assertThat(issued.get(2).explanation()).contains("44640 minutes", "20 Unavailable", "99.99 %", "15 %",
                "150.00 EUR");
        issued.forEach(c -> {
            assertThat(c.currency()).isEqualTo("EUR");
            assertThat(c.rule()).isEqualTo("QNT-CRD-1");
        });

        // a second run of each cycle issues nothing twice
        as(platform, "credit-service", admin).post("/api/v1/settlements/2028-09").then().statusCode(200);
        JsonPath ledger = as(platform, "credit-service", customer).get("/api/v1/accounts/" + ACCOUNT + "/credits")
                .then().statusCode(200).extract().jsonPath();
        assertThat(new BigDecimal(ledger.getString("balance"))).isEqualByComparingTo("350.00");
        assertThat(ledger.getList("entries.kind", String.class)).containsOnly("CREDIT").hasSize(3);
        EventLog.sleep(1_000);
        assertThat(platform.events().all(EventTypes.CREDIT_ISSUED, c -> c.accountId().equals(ACCOUNT))).hasSize(3);
        assertThat(platform.events().all(EventTypes.CREDIT_ADJUSTED, a -> a.accountId().equals(ACCOUNT))).isEmpty();
    }

    private void outage(String startedAt, String endedAt) {
        as(platform, "availability-service", agent)
                .body(Map.of("instanceId", PROD, "cause", "OURS", "startedAt", startedAt, "endedAt", endedAt))
                .post("/api/v1/outages").then().statusCode(201).body("excluded", equalTo(false));
    }

    private void closeMonths() {
        as(platform, "availability-service", admin).post("/api/v1/month-closes/run").then().statusCode(200);
    }

    /**
     * Files a claim ticket; the ticket and its claim event record the version in force on the filing day
     * (POL-3, docs/policies.md): 1 before 2028-07-01, 2 from then on, although the contract names 1. The
     * month a claim is about is priced under the version that month closed under, whatever the claim's.
     */
    private UUID claim(String subject, String incident, int version) {
        JsonPath ticket = as(platform, "ticket-service", customer)
                .body(Map.of("subject", subject, "severity", 3,
                        "description", "Instance " + PROD + " was unavailable " + incident + "."))
                .post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
        assertThat(ticket.getString("category")).isEqualTo("CREDIT_CLAIM");
        UUID id = UUID.fromString(ticket.getString("id"));
        TicketCreated created = platform.events().awaitOne(EventTypes.TICKET_CREATED, t -> t.ticketId().equals(id),
                EVENTUALLY);
        assertThat(created.policyVersion()).as("the version in force on the filing day").isEqualTo(version);
        CreditClaimFiled filed = platform.events().awaitOne(EventTypes.CREDIT_CLAIM_FILED, c -> c.claimId().equals(id),
                EVENTUALLY);
        assertThat(filed.policyVersion()).isEqualTo(version);
        return id;
    }

    private CreditClaimDecided confirmed(UUID claim) {
        CreditClaimDecided decided = platform.events().awaitOne(EventTypes.CREDIT_CLAIM_DECIDED,
                d -> d.claimId().equals(claim) && !d.state().equals("RECEIVED"), EVENTUALLY);
        assertThat(decided.state()).as(decided.detail()).isEqualTo("CONFIRMED");
        return decided;
    }

    private MonthlyAvailability month(String month, int version) {
        return platform.events().awaitOne(EventTypes.MONTH_CLOSED,
                m -> m.instanceId().equals(PROD) && m.month().equals(month) && m.version() == version, EVENTUALLY);
    }

    private JsonPath uptime(String month) {
        return as(platform, "availability-service", customer).get("/api/v1/instances/" + PROD + "/uptime?month=" + month)
                .then().statusCode(200).extract().jsonPath();
    }

    private static void assertMonth(MonthlyAvailability m, long total, long unavailable, String uptime, int policyVersion,
            String plan, String commitment, boolean met) {
        assertThat(m.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(m.totalMinutes()).isEqualTo(total);
        assertThat(m.unavailableMinutes()).isEqualTo(unavailable);
        assertThat(m.excludedMinutes()).isZero();
        assertThat(m.uptimePercent()).isEqualByComparingTo(uptime);
        assertThat(m.policy()).isEqualTo("quantive");
        assertThat(m.policyVersion()).isEqualTo(policyVersion);
        assertThat(m.plan()).isEqualTo(plan);
        assertThat(m.commitment()).isEqualByComparingTo(commitment);
        assertThat(m.met()).isEqualTo(met);
    }
}
