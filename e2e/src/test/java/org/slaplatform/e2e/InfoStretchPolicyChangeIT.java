package org.slaplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.credit.CreditIssued;
import org.slaplatform.events.ticket.TicketCreated;

import io.restassured.path.json.JsonPath;

/**
 * IS with a policy change (issue 18, POL-3): Globex, June to October 2028, America/Los_Angeles,
 * 3,100.00 USD a month, plan Maintenance; version 2 of the policy (the e2e policy folder,
 * {@code infostretch.v2.yaml}) takes effect on 2028-07-01: a Sev2 workaround is due within 3 business
 * days (version 1: 2) and a plan Premium commits to 99.95 % (Maintenance: 99.9 %). On 15 August the
 * admin moves Globex to Premium (a contract revision naming version 2). Worked out by hand, the
 * standard calendar being 09:00-18:00 Pacific (PDT, UTC-7, all through), Monday-Friday, with US and
 * California holidays (Tuesday 4 July 2028 is one), a business day 9 business hours:
 * <pre>
 * A  Sev2 filed Tuesday 27 June 10:00 PDT (17:00Z), version 1:
 *      first response 4 h: 14:00 PDT = 2028-06-27T21:00Z;
 *      workaround 2 business days = 18 h: Tue 8 + Wed 9 + Thu 1 = Thursday 29 June 10:00 PDT = 2028-06-29T17:00Z.
 * B  Sev3 filed Friday 30 June 16:00 PDT (23:00Z), version 1:
 *      first response 1 business day = 9 h: Fri 2 + Mon 7 = Monday 3 July 16:00 PDT = 2028-07-03T23:00Z;
 *      workaround 5 business days = 45 h: Fri 2, Mon 9, (Tue 4 July holiday), Wed 9, Thu 9, Fri 9, Mon 7
 *      = Monday 10 July 16:00 PDT = 2028-07-10T23:00Z.
 *    Raised to Sev2 on Monday 3 July 09:30 PDT (version 2 in force since Saturday): SLA-4 recomputes from
 *    the ticket's start under the ticket's version 1: first response 4 h: Fri 2 + Mon 2 = Monday 11:00 PDT
 *    = 2028-07-03T18:00Z; workaround 18 h: Fri 2 + Mon 9 + Wed 7 = Wednesday 5 July 16:00 PDT =
 *    2028-07-05T23:00Z (under version 2 it would be Thursday 6 July 16:00 PDT).
 * C  Sev2 filed Wednesday 12 July 10:00 PDT (17:00Z) on the unchanged contract, version 2 (in force when filed):
 *      first response 4 h: 14:00 PDT = 2028-07-12T21:00Z;
 *      workaround 3 business days = 27 h: Wed 8 + Thu 9 + Fri 9 + Mon 1 = Monday 17 July 10:00 PDT =
 *      2028-07-17T17:00Z (version 1 would say Friday 14 July 10:00 PDT).
 * June (version 1, Maintenance 99.9 %): 100 minutes down of 43,200: 43,100 / 43,200 = 99.76851.. = 99.7685 %;
 *   2 started hours x 3,100.00 / 30 = 206.666.. = 206.67 USD (IS-CRD-4), issued in August's cycle.
 * August (version 2 in force at its first minute; Maintenance to 14 August, Premium from 15 August: the
 *   month is held to the highest commitment, 99.95 %): 30 minutes down on 20 August of 44,640:
 *   44,610 / 44,640 = 99.93279.. = 99.9327 % (rounded down): met under Maintenance's 99.9 %, missed under
 *   Premium's 99.95 %: 1 started hour x 3,100.00 / 31 = 100.00 USD, issued in October's cycle.
 *   Ledger: 206.67 + 100.00 = 306.67 USD. No month below 99 %: no termination right (IS-CRD-5).
 * </pre>
 * Due times are checked to the second, shifted by the second each ticket was actually filed at.
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(9)
@DisplayName("IS + POL-3: InfoStretch customer, June to October 2028: policy version 2 and a plan change mid-life")
class InfoStretchPolicyChangeIT extends Scenario {

    static final String ACCOUNT = "is-pc-globex";
    static final String SUPPORT_INSTANCE = "is-pc-globex-support";

    String customer;
    Map<String, Object> contract;

    @BeforeAll
    void tokens() {
        customer = platform.token("customer", ACCOUNT);
    }

    @Test
    @Order(1)
    @DisplayName("POL-2, POL-3: a Maintenance contract from 1 June 2028 is under version 1, in force on its first day")
    void contract() {
        platform.travelTo(Instant.parse("2028-06-01T16:00:00Z"));
        contract = contract("infostretch", "maintenance", "America/Los_Angeles", "USD", "3100.00", "MONTHLY", "2028-06-01");
        contract.put("instances", List.of(instance(SUPPORT_INSTANCE, "qmetry-support", "1.0.0.0")));
        contract.put("contacts", List.of(contact("SUPPORT", "Globex IT", "it@globex-is.example")));
        ContractChanged first = writeContract(platform, admin, ACCOUNT, "Globex", contract, customer,
                List.of(SUPPORT_INSTANCE));
        assertThat(first.policyVersion()).isEqualTo(1);
        assertThat(first.plan()).isEqualTo("maintenance");
    }

    @Test
    @Order(2)
    @DisplayName("IS-SLA-1, POL-3: a Sev2 filed Tuesday 27 June 10:00 PDT under version 1: response 14:00, workaround Thursday 10:00 PDT")
    void sev2UnderVersionOne() {
        Filed a = file(Instant.parse("2028-06-27T17:00:00Z"), 2, "Test plans do not load");
        assertThat(a.policyVersion).isEqualTo(1);
        JsonPath sla = sla(a.id, 2);
        assertThat(sla.getInt("policyVersion")).isEqualTo(1);
        assertDue(sla, "FIRST_RESPONSE", "2028-06-27T21:00:00Z", a.drift);
        assertDue(sla, "WORKAROUND", "2028-06-29T17:00:00Z", a.drift);
        assertThat(sla.getString("targets.find { it.target == 'WORKAROUND' }.allowance")).isEqualTo("PT18H");
    }

    @Test
    @Order(3)
    @DisplayName("POL-3, SLA-4, CAL-1: a Sev3 filed under version 1 and raised to Sev2 after version 2 took effect keeps version 1: workaround Wednesday 5 July 16:00 PDT, across 4 July")
    void severityChangeKeepsTheTicketsVersion() {
        // a June outage of ours, posted while it is still June: 100 minutes on the support instance
        platform.travelTo(Instant.parse("2028-06-28T16:00:00Z"));
        as(platform, "availability-service", agent)
                .body(Map.of("instanceId", SUPPORT_INSTANCE, "cause", "OURS", "startedAt", "2028-06-20T16:00:00Z",
                        "endedAt", "2028-06-20T17:40:00Z", "note", "support portal unreachable"))
                .post("/api/v1/outages").then().statusCode(201);

        Filed b = file(Instant.parse("2028-06-30T23:00:00Z"), 3, "Dashboard widgets show stale counts");
        assertThat(b.policyVersion).isEqualTo(1);
        JsonPath sev3 = sla(b.id, 2);
        assertDue(sev3, "FIRST_RESPONSE", "2028-07-03T23:00:00Z", b.drift);
        assertDue(sev3, "WORKAROUND", "2028-07-10T23:00:00Z", b.drift);

        platform.travelTo(Instant.parse("2028-07-03T16:30:00Z")); // Monday 09:30 PDT, version 2 in force
        as(platform, "ticket-service", agent).body(Map.of("severity", 2, "reason", "blocks the release report"))
                .put("/api/v1/tickets/" + b.id + "/severity").then().statusCode(200).body("severity", equalTo(2))
                .body("policyVersion", equalTo(1));
        JsonPath sev2 = eventually("Sev2 targets of the raised ticket", () -> {
            JsonPath s = as(platform, "sla-timer-service", customer).get("/api/v1/tickets/" + b.id + "/sla").jsonPath();
            return s.getInt("severity") == 2 ? s : null;
        });
        assertThat(sev2.getInt("policyVersion")).isEqualTo(1);
        assertDue(sev2, "FIRST_RESPONSE", "2028-07-03T18:00:00Z", b.drift);
        assertDue(sev2, "WORKAROUND", "2028-07-05T23:00:00Z", b.drift);
    }

    @Test
    @Order(4)
    @DisplayName("AVL-7, IS-AVL-5: June closes under version 1 and Maintenance: 100 minutes, 99.7685 %, commitment 99.9 %")
    void juneCloses() {
        as(platform, "availability-service", admin).post("/api/v1/month-closes/run").then().statusCode(200);
        MonthlyAvailability june = platform.events().awaitOne(EventTypes.MONTH_CLOSED,
                m -> m.instanceId().equals(SUPPORT_INSTANCE) && m.month().equals("2028-06"), EVENTUALLY);
        assertThat(june.policyVersion()).isEqualTo(1);
        assertThat(june.plan()).isEqualToIgnoringCase("maintenance");
        assertThat(june.totalMinutes()).isEqualTo(43_200);
        assertThat(june.unavailableMinutes()).isEqualTo(100);
        assertThat(june.uptimePercent()).isEqualByComparingTo("99.7685");
        assertThat(june.commitment()).isEqualByComparingTo("99.9");
        assertThat(june.met()).isFalse();
        // IS credits need no claim: wait until credit-service has read the month, still in July
        platform.awaitConsumed("credit-service", "availability.v1");
    }

    @Test
    @Order(5)
    @DisplayName("POL-3, IS-SLA-1: a Sev2 filed Wednesday 12 July on the unchanged contract begins under version 2: workaround 3 business days, Monday 17 July 10:00 PDT")
    void sev2UnderVersionTwo() {
        Filed c = file(Instant.parse("2028-07-12T17:00:00Z"), 2, "Import of requirements fails");
        assertThat(c.policyVersion).isEqualTo(2);
        JsonPath sla = sla(c.id, 2);
        assertThat(sla.getInt("policyVersion")).isEqualTo(2);
        assertDue(sla, "FIRST_RESPONSE", "2028-07-12T21:00:00Z", c.drift);
        assertDue(sla, "WORKAROUND", "2028-07-17T17:00:00Z", c.drift);
        assertThat(sla.getString("targets.find { it.target == 'WORKAROUND' }.allowance")).isEqualTo("PT27H");
        TicketCreated created = platform.events().awaitOne(EventTypes.TICKET_CREATED, t -> t.ticketId().equals(c.id),
                EVENTUALLY);
        assertThat(created.policyVersion()).isEqualTo(2);
        assertThat(created.plan()).isEqualTo("maintenance");
    }

    @Test
    @Order(6)
    @DisplayName("IS-CRD-4, CRD-7: June's 2 started hours are settled in August's cycle: 2 x 3,100.00 / 30 = 206.67 USD")
    void juneCredit() {
        platform.travelTo(Instant.parse("2028-08-01T16:00:00Z"));
        as(platform, "credit-service", admin).post("/api/v1/settlements/2028-08").then().statusCode(200);
        CreditIssued issued = platform.events().awaitOne(EventTypes.CREDIT_ISSUED,
                c -> c.accountId().equals(ACCOUNT) && c.month().equals("2028-06"), EVENTUALLY);
        assertThat(issued.amount()).isEqualByComparingTo("206.67");
        assertThat(issued.currency()).isEqualTo("USD");
        assertThat(issued.rule()).isEqualTo("IS-CRD-4");
        assertThat(issued.explanation()).contains("2 hour(s)", "3100.00 / 30 days", "206.67 USD");
    }

    @Test
    @Order(7)
    @DisplayName("POL-2, POL-3: on 15 August the admin moves the contract to Premium under version 2 (revision 2); earlier tickets keep their version")
    void planChange() {
        platform.travelTo(Instant.parse("2028-08-15T16:00:00Z"));
        Map<String, Object> premium = new LinkedHashMap<>(contract);
        premium.put("plan", "premium");
        premium.put("policyVersion", 2); // version 1 has no Premium plan
        as(platform, "ticket-service", admin).body(Map.of("name", "Globex", "contract", premium))
                .put("/api/v1/accounts/" + ACCOUNT).then().statusCode(200).body("contract.revision", equalTo(2))
                .body("contract.plan", equalTo("premium")).body("contract.policyVersion", equalTo(2));
        ContractChanged revised = platform.events().awaitOne(EventTypes.CONTRACT_CHANGED,
                c -> c.accountId().equals(ACCOUNT) && c.revision() == 2, EVENTUALLY);
        assertThat(revised.plan()).isEqualTo("premium");
        assertThat(revised.policyVersion()).isEqualTo(2);
        // the tickets filed before keep what they began under
        List<TicketCreated> created = platform.events().await(EventTypes.TICKET_CREATED,
                t -> t.accountId().equals(ACCOUNT), 3, EVENTUALLY);
        assertThat(created).extracting(TicketCreated::policyVersion).containsExactlyInAnyOrder(1, 1, 2);
        assertThat(created).extracting(TicketCreated::plan).containsOnly("maintenance");
    }

    @Test
    @Order(8)
    @DisplayName("POL-3, QNT-CRD-1 reading, IS-CRD-4: August (Maintenance then Premium) is held to 99.95 %: 30 minutes, 99.9327 %, 1 hour = 100.00 USD; ledger 306.67 USD")
    void augustUnderPremium() {
        platform.travelTo(Instant.parse("2028-08-21T16:00:00Z"));
        as(platform, "availability-service", agent)
                .body(Map.of("instanceId", SUPPORT_INSTANCE, "cause", "OURS", "startedAt", "2028-08-20T16:00:00Z",
                        "endedAt", "2028-08-20T16:30:00Z", "note", "ticket portal down"))
                .post("/api/v1/outages").then().statusCode(201);
        platform.travelTo(Instant.parse("2028-09-03T16:00:00Z"));
        as(platform, "availability-service", admin).post("/api/v1/month-closes/run").then().statusCode(200);
        MonthlyAvailability august = platform.events().awaitOne(EventTypes.MONTH_CLOSED,
                m -> m.instanceId().equals(SUPPORT_INSTANCE) && m.month().equals("2028-08"), EVENTUALLY);
        assertThat(august.policyVersion()).isEqualTo(2);
        assertThat(august.plan()).isEqualToIgnoringCase("premium");
        assertThat(august.totalMinutes()).isEqualTo(44_640);
        assertThat(august.unavailableMinutes()).isEqualTo(30);
        assertThat(august.uptimePercent()).isEqualByComparingTo("99.9327");
        assertThat(august.commitment()).isEqualByComparingTo("99.95");
        assertThat(august.met()).isFalse();
        platform.awaitConsumed("credit-service", "availability.v1");

        platform.travelTo(Instant.parse("2028-10-01T16:00:00Z"));
        as(platform, "credit-service", admin).post("/api/v1/settlements/2028-10").then().statusCode(200);
        CreditIssued issued = platform.events().awaitOne(EventTypes.CREDIT_ISSUED,
                c -> c.accountId().equals(ACCOUNT) && c.month().equals("2028-08"), EVENTUALLY);
        assertThat(issued.amount()).isEqualByComparingTo("100.00");
        assertThat(issued.rule()).isEqualTo("IS-CRD-4");
        assertThat(issued.explanation()).contains("1 hour(s)", "3100.00 / 31 days", "100.00 USD");
        JsonPath ledger = as(platform, "credit-service", customer).get("/api/v1/accounts/" + ACCOUNT + "/credits")
                .then().statusCode(200).extract().jsonPath();
        assertThat(new BigDecimal(ledger.getString("balance"))).isEqualByComparingTo("306.67");
        assertThat(ledger.getList("entries")).hasSize(2);
        assertThat(platform.events().all(EventTypes.TERMINATION_RIGHT_GRANTED, t -> t.accountId().equals(ACCOUNT)))
                .isEmpty();
    }

    /** A ticket filed by the customer at {@code nominal}, with the seconds time flowed before it was filed. */
    private record Filed(UUID id, Duration drift, int policyVersion) {
    }

    private Filed file(Instant nominal, int severity, String subject) {
        platform.travelTo(nominal);
        JsonPath ticket = as(platform, "ticket-service", customer)
                .body(Map.of("subject", subject, "severity", severity)).post("/api/v1/tickets").then().statusCode(201)
                .extract().jsonPath();
        Duration drift = Duration.between(nominal, Instant.parse(ticket.getString("createdAt")));
        assertThat(drift).isBetween(Duration.ZERO, Duration.ofMinutes(2));
        return new Filed(UUID.fromString(ticket.getString("id")), drift, ticket.getInt("policyVersion"));
    }

    private JsonPath sla(UUID ticket, int targets) {
        return eventually("sla-timer-service tracks " + ticket, () -> {
            var r = as(platform, "sla-timer-service", customer).get("/api/v1/tickets/" + ticket + "/sla");
            return r.statusCode() == 200 && r.jsonPath().getList("targets").size() == targets ? r.jsonPath() : null;
        });
    }

    private static void assertDue(JsonPath sla, String target, String due, Duration drift) {
        assertThat(Instant.parse(sla.getString("targets.find { it.target == '" + target + "' }.dueAt")))
                .as(target).isCloseTo(Instant.parse(due).plus(drift), within(1, ChronoUnit.SECONDS));
    }
}
