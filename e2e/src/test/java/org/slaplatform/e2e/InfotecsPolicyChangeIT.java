package org.slaplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.ticket.TicketCreated;

import io.restassured.path.json.JsonPath;

/**
 * ITC with a policy change (issue 18, POL-3): Vostok, contract from 1 May 2028, Europe/Moscow, licence
 * price 500,000.00 RUB, Basic; moved to Premium on 15 June 2028 (a contract revision); version 2 of the
 * policy (the e2e policy folder, {@code infotecs.v2.yaml}) takes effect on 2028-07-01: Premium's quota
 * is 60 resolved tickets a contract year (version 1: 40; Basic keeps 40), every later contract year's
 * support fee is 25 % of the licence price (version 1: 20 %) and an upgrade to the next major version
 * 35 % (version 1: 30 %). Worked out by hand:
 * <pre>
 * Contract years: 1 = 2028-05-01 .. 2029-04-30 (began under version 1, Basic),
 *                 2 = 2029-05-01 .. 2030-04-30 (begins under version 2, Premium).
 * Support fees (ITC-CRD-8): year 1 12 % x 500,000.00 = 60,000.00 RUB; year 2, a later year under
 *   version 2, 25 % x 500,000.00 = 125,000.00 RUB (version 1 would say 20 % = 100,000.00), already so
 *   when asked on 2 May 2028; an upgrade to the next major version, priced under the version in force
 *   on the day asked: 30 % = 150,000.00 RUB on 2 May 2028 (version 1), 35 % = 175,000.00 RUB on
 *   2 May 2029 (version 2).
 * Feature requests (IS-TKT-9 ITC): refused on Basic (2 May), accepted on Premium (after 15 June).
 * Quota (ITC-TKT-6, counted at resolution): year 1's units are its first resolution's terms,
 *   version 1 Basic: 40.
 *   5 June: 38 questions filed and resolved (v1, Basic): 38 of 40; P filed (v1, Basic) and left open.
 *   15 June: Premium; FR, a feature request, filed (v1, Premium).
 *   10 July (version 2 in force): Q filed (v2, Premium). Resolved in this order: P = 39th, FR = 40th,
 *   Q = 41st: CHARGEABLE, although Q lives under version 2's Premium (60): the contract year began
 *   under version 1 and keeps its 40 units.
 *   Year 2: carried in 40 + 0 - 40 = 0; its units are version 2 Premium's 60: 61 questions filed and
 *   resolved on 2 May 2029: the first 60 free, the 61st CHARGEABLE (version 1 would charge the 41st).
 * Filing takes nothing: none of the 102 ticket.created.v1 carries CHARGEABLE.
 * </pre>
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(8)
@DisplayName("ITC + POL-3: Infotecs customer, May 2028 to May 2029: Basic to Premium and policy version 2 mid-life")
class InfotecsPolicyChangeIT extends Scenario {

    static final String ACCOUNT = "itc-pc-vostok";

    String customer;
    Map<String, Object> contract;
    String leftOpen;
    String featureRequest;

    @BeforeAll
    void tokens() {
        customer = platform.token("customer", ACCOUNT);
    }

    @Test
    @Order(1)
    @DisplayName("POL-2, POL-3, ITC-CRD-8, IS-TKT-9: a Basic contract under version 1: fees 60,000.00 RUB in year 1, 125,000.00 in year 2 (begins under version 2), upgrade 30 % = 150,000.00 today; no feature requests")
    void basicContract() {
        platform.travelTo(Instant.parse("2028-05-02T09:00:00Z"));
        contract = contract("infotecs", "basic", "Europe/Moscow", "RUB", "25000.00", "ANNUAL", "2028-05-01");
        contract.put("licencePrice", Map.of("amount", new BigDecimal("500000.00"), "currency", "RUB"));
        ContractChanged first = writeContract(platform, admin, ACCOUNT, "Vostok", contract, admin, List.of());
        assertThat(first.policyVersion()).isEqualTo(1);
        assertThat(first.plan()).isEqualTo("basic");

        as(platform, "ticket-service", customer).body(Map.of("subject", "Export to PDF", "severity", 3,
                "category", "FEATURE_REQUEST")).post("/api/v1/tickets").then().statusCode(422)
                .body("type", endsWith("not-entitled/feature-requests-not-on-plan"));

        JsonPath fees = eventually("support fees of " + ACCOUNT, () -> {
            var r = as(platform, "credit-service", customer).get("/api/v1/accounts/" + ACCOUNT + "/support-fees");
            return r.statusCode() == 200 ? r.jsonPath() : null;
        });
        assertThat(fees.getInt("currentContractYear")).isEqualTo(1);
        assertThat(fees.getList("years")).hasSize(1);
        assertThat(fees.getString("years[0].from")).isEqualTo("2028-05-01");
        assertThat(fees.getString("years[0].to")).isEqualTo("2029-04-30");
        assertThat(new BigDecimal(fees.getString("years[0].percent"))).isEqualByComparingTo("12");
        assertThat(new BigDecimal(fees.getString("years[0].amount"))).isEqualByComparingTo("60000.00");
        assertThat(fees.getString("years[0].currency")).isEqualTo("RUB");
        assertThat(new BigDecimal(fees.getString("majorUpgrade.percent"))).isEqualByComparingTo("30");
        assertThat(new BigDecimal(fees.getString("majorUpgrade.amount"))).isEqualByComparingTo("150000.00");
        // year 2 begins on 2029-05-01 under version 2, whatever day it is asked for
        JsonPath yearTwo = as(platform, "credit-service", customer)
                .get("/api/v1/accounts/" + ACCOUNT + "/support-fees/2").then().statusCode(200).extract().jsonPath();
        assertThat(new BigDecimal(yearTwo.getString("percent"))).isEqualByComparingTo("25");
        assertThat(new BigDecimal(yearTwo.getString("amount"))).isEqualByComparingTo("125000.00");
    }

    @Test
    @Order(2)
    @DisplayName("ITC-TKT-6: 38 tickets resolved in June under version 1 and Basic take 38 of the year's 40; one more is left open")
    void yearOneUnderBasic() {
        platform.travelTo(Instant.parse("2028-06-05T09:00:00Z"));
        for (int i = 1; i <= 38; i++) {
            assertThat(resolve(file("June question " + i, "QUESTION", 1))).doesNotContain("CHARGEABLE");
        }
        leftOpen = file("Left open across the changes", "QUESTION", 1);
        as(platform, "ticket-service", agent).body(Map.of("to", "ACKNOWLEDGED"))
                .post("/api/v1/tickets/" + leftOpen + "/transitions").then().statusCode(200);
    }

    @Test
    @Order(3)
    @DisplayName("POL-2, IS-TKT-9: on 15 June the admin moves the contract to Premium (revision 2, still version 1): a feature request is accepted")
    void premium() {
        platform.travelTo(Instant.parse("2028-06-15T09:00:00Z"));
        Map<String, Object> premium = new LinkedHashMap<>(contract);
        premium.put("plan", "premium");
        as(platform, "ticket-service", admin).body(Map.of("name", "Vostok", "contract", premium))
                .put("/api/v1/accounts/" + ACCOUNT).then().statusCode(200).body("contract.revision", equalTo(2))
                .body("contract.plan", equalTo("premium")).body("contract.policyVersion", equalTo(1));
        ContractChanged revised = platform.events().awaitOne(EventTypes.CONTRACT_CHANGED,
                c -> c.accountId().equals(ACCOUNT) && c.revision() == 2, EVENTUALLY);
        assertThat(revised.plan()).isEqualTo("premium");
        featureRequest = file("Export to PDF", "FEATURE_REQUEST", 1);
        // the ticket filed on Basic stays a Basic ticket (a plan change changes new items only)
        JsonPath open = as(platform, "ticket-service", customer).get("/api/v1/tickets/" + leftOpen).then()
                .statusCode(200).extract().jsonPath();
        assertThat(open.getInt("policyVersion")).isEqualTo(1);
    }

    @Test
    @Order(4)
    @DisplayName("POL-3, ITC-TKT-6: after version 2 took effect a new ticket is under version 2 and Premium (60), yet the year begun under version 1 keeps 40: the 41st resolution is CHARGEABLE")
    void versionTwoInTheYearBegunUnderVersionOne() {
        platform.travelTo(Instant.parse("2028-07-10T09:00:00Z"));
        String q = file("Tunnel setup question", "QUESTION", 2);
        assertThat(resolve(leftOpen)).doesNotContain("CHARGEABLE"); // 39th
        assertThat(resolve(featureRequest)).doesNotContain("CHARGEABLE"); // 40th
        assertThat(resolve(q)).contains("CHARGEABLE"); // 41st
        assertThat(as(platform, "ticket-service", customer).get("/api/v1/tickets/" + q).then().statusCode(200)
                .extract().jsonPath().getList("flags", String.class)).contains("CHARGEABLE");

        TicketCreated p = platform.events().awaitOne(EventTypes.TICKET_CREATED,
                t -> t.ticketId().toString().equals(leftOpen), EVENTUALLY);
        TicketCreated fr = platform.events().awaitOne(EventTypes.TICKET_CREATED,
                t -> t.ticketId().toString().equals(featureRequest), EVENTUALLY);
        TicketCreated later = platform.events().awaitOne(EventTypes.TICKET_CREATED,
                t -> t.ticketId().toString().equals(q), EVENTUALLY);
        assertThat(List.of(p, fr, later)).extracting(TicketCreated::policyVersion, TicketCreated::plan).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, "basic"), org.assertj.core.groups.Tuple.tuple(1, "premium"),
                org.assertj.core.groups.Tuple.tuple(2, "premium"));
    }

    @Test
    @Order(5)
    @DisplayName("POL-3, ITC-TKT-6, ITC-CRD-8: contract year 2 begins under version 2 and Premium: 60 units (nothing carried), the 61st is CHARGEABLE; its fee is 25 % = 125,000.00 RUB, an upgrade now 35 % = 175,000.00 RUB")
    void yearTwoUnderVersionTwo() {
        platform.travelTo(Instant.parse("2029-05-02T09:00:00Z"));
        List<String> tickets = new ArrayList<>();
        for (int i = 1; i <= 61; i++) {
            tickets.add(file("Year two question " + i, "QUESTION", 2));
        }
        List<List<String>> flags = new ArrayList<>();
        for (String id : tickets) {
            flags.add(resolve(id));
        }
        assertThat(flags.subList(0, 60)).allSatisfy(f -> assertThat(f).doesNotContain("CHARGEABLE"));
        assertThat(flags.get(60)).contains("CHARGEABLE");

        List<TicketCreated> created = platform.events().await(EventTypes.TICKET_CREATED,
                t -> t.accountId().equals(ACCOUNT), 102, EVENTUALLY);
        assertThat(created).hasSize(102);
        assertThat(created.stream().filter(t -> t.flags().contains("CHARGEABLE"))).isEmpty();
        assertThat(created.stream().map(TicketCreated::policy).distinct()).containsExactly("infotecs");
        assertThat(created.stream().map(TicketCreated::policyVersion).collect(java.util.stream.Collectors.toSet()))
                .isEqualTo(Set.of(1, 2));

        JsonPath fees = as(platform, "credit-service", customer).get("/api/v1/accounts/" + ACCOUNT + "/support-fees")
                .then().statusCode(200).extract().jsonPath();
        assertThat(fees.getInt("currentContractYear")).isEqualTo(2);
        assertThat(fees.getString("plan")).isEqualToIgnoringCase("premium");
        assertThat(fees.getList("years")).hasSize(2);
        assertThat(new BigDecimal(fees.getString("years[0].amount"))).isEqualByComparingTo("60000.00");
        assertThat(fees.getString("years[1].from")).isEqualTo("2029-05-01");
        assertThat(fees.getString("years[1].to")).isEqualTo("2030-04-30");
        assertThat(new BigDecimal(fees.getString("years[1].percent"))).isEqualByComparingTo("25");
        assertThat(new BigDecimal(fees.getString("years[1].amount"))).isEqualByComparingTo("125000.00");
        assertThat(new BigDecimal(fees.getString("majorUpgrade.percent"))).isEqualByComparingTo("35");
        assertThat(new BigDecimal(fees.getString("majorUpgrade.amount"))).isEqualByComparingTo("175000.00");
    }

    /** Files a ticket as the customer and checks the version and plan it begins under; never flagged CHARGEABLE at filing. */
    private String file(String subject, String category, int policyVersion) {
        JsonPath ticket = as(platform, "ticket-service", customer).body(Map.of("subject", subject, "severity", 3,
                "category", category)).post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
        assertThat(ticket.getList("flags", String.class)).doesNotContain("CHARGEABLE");
        assertThat(ticket.getInt("policyVersion")).as(subject + " policy version").isEqualTo(policyVersion);
        return ticket.getString("id");
    }

    /** Support answers and resolves the ticket (TKT-4: NEW -> ACKNOWLEDGED -> RESOLVED); the flags after resolution. */
    private List<String> resolve(String ticketId) {
        JsonPath now = as(platform, "ticket-service", agent).get("/api/v1/tickets/" + ticketId).then().statusCode(200)
                .extract().jsonPath();
        if ("NEW".equals(now.getString("state"))) {
            as(platform, "ticket-service", agent).body(Map.of("to", "ACKNOWLEDGED"))
                    .post("/api/v1/tickets/" + ticketId + "/transitions").then().statusCode(200);
        }
        return as(platform, "ticket-service", agent).body(Map.of("to", "RESOLVED", "note", "answered"))
                .post("/api/v1/tickets/" + ticketId + "/transitions").then().statusCode(200)
                .body("state", equalTo("RESOLVED")).extract().jsonPath().getList("flags", String.class);
    }
}
