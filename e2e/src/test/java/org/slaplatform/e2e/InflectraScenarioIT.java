package org.slaplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.slaplatform.events.sla.SlaBreached;
import org.slaplatform.events.sla.SlaEscalated;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.events.ticket.TicketEscalated;

import io.restassured.path.json.JsonPath;

/**
 * INF (Inflectra general support guidelines): Globex, November 2027, America/New_York, Standard plan,
 * served through its partner Initech. Worked out by hand:
 * <pre>
 * A ticket filed by the partner Friday 5 November 20:00 EDT (2027-11-06T00:00Z): coverage is 24x5,
 *   Monday 00:00 to Friday 24:00 Eastern (CAL-2); 4 h are left on Friday, 20 h more from Monday 00:00
 *   (now EST: summer time ended on Sunday 7 November): due Monday 20:00 EST = 2027-11-09T01:00Z.
 *   Unanswered: breached then, SUPPORT at once, ACCOUNT_MANAGER 4 h later (05:00Z), EXECUTIVE 24 h
 *   later (2027-11-10T01:00Z).
 * Maintenance on the second Saturday, 13 November 09:00-11:00 EST (14:00-16:00Z), is inside the
 *   policy window and excluded (120 down minutes); the same on the third Saturday (20 November) is
 *   outside it and counted (30 down minutes).
 * November in New York has 30 x 1,440 + 60 = 43,260 minutes: (43,260 - 30) x 100 / 43,260 = 99.9306 %.
 *   The Standard plan sets no uptime commitment: met, no credit.
 * </pre>
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(3)
@DisplayName("INF: Inflectra customer with a partner, November 2027: 24x5, escalation tiers, the second-Saturday window")
class InflectraScenarioIT extends Scenario {

    static final String ACCOUNT = "inf-globex";
    static final String PARTNER = "inf-initech";
    static final String INSTANCE = "inf-globex-prod";
    static final String MANAGER = "am@inflectra.example";
    static final String EXECUTIVE = "ceo@inflectra.example";
    static final Map<String, Boolean> ALL_DOWN = Map.of("nyc", false, "chi", false, "sfo", false);

    String partner;
    String probe;
    UUID ticket;
    Instant filed;

    @BeforeAll
    void tokens() {
        probe = platform.token("probe", null);
        partner = platform.token("partner", PARTNER);
    }

    @Test
    @Order(1)
    @DisplayName("POL-2, INF-TKT-8: the contract names the partner allowed to file for the customer")
    void contract() {
        platform.travelTo(Instant.parse("2027-11-01T14:00:00Z"));
        Map<String, Object> contract = contract("inflectra", "standard", "America/New_York", "USD", "1500.00", "MONTHLY", "2027-01-01");
        contract.put("instances", List.of(Map.of("instanceId", INSTANCE, "productId", "spira", "version", "7.0.0.0",
                "environment", "production")));
        contract.put("contacts", List.of(contact("ACCOUNT_MANAGER", "Alex Account", MANAGER),
                contact("EXECUTIVE", "Eve Executive", EXECUTIVE)));
        contract.put("partners", List.of(PARTNER));
        writeContract(platform, admin, ACCOUNT, "Globex", contract, admin, List.of(INSTANCE));
    }

    @Test
    @Order(2)
    @DisplayName("INF-TKT-8, INF-TKT-3, CAL-2: the partner files Friday 20:00 EDT; due Monday 20:00 EST (24x5, across the DST change)")
    void partnerFiles() {
        Instant nominal = Instant.parse("2027-11-06T00:00:00Z");
        platform.travelTo(nominal);
        JsonPath created = as(platform, "ticket-service", partner)
                .body(Map.of("accountId", ACCOUNT, "subject", "Requirements matrix export fails", "severity", 2,
                        "priority", "HIGH", "risk", "WIDE"))
                .post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
        ticket = UUID.fromString(created.getString("id"));
        filed = Instant.parse(created.getString("createdAt"));
        assertThat(created.getString("accountId")).isEqualTo(ACCOUNT);
        assertThat(created.getString("priority")).isEqualTo("HIGH");
        assertThat(created.getString("risk")).isEqualTo("WIDE");
        // the partner follows it; another partner organisation may not file for Globex
        as(platform, "ticket-service", partner).get("/api/v1/tickets/" + ticket).then().statusCode(200);
        as(platform, "ticket-service", platform.token("partner", "inf-other-partner"))
                .body(Map.of("accountId", ACCOUNT, "subject", "not ours", "severity", 4))
                .post("/api/v1/tickets").then().statusCode(403);

        Duration drift = Duration.between(nominal, filed);
        JsonPath sla = eventually("tracked", () -> {
            var r = as(platform, "sla-timer-service", agent).get("/api/v1/tickets/" + ticket + "/sla");
            return r.statusCode() == 200 && r.jsonPath().getList("targets").size() == 1 ? r.jsonPath() : null;
        });
        assertThat(sla.getString("targets[0].calendar")).isEqualTo("coverage");
        assertThat(Instant.parse(sla.getString("targets[0].dueAt")))
                .isCloseTo(Instant.parse("2027-11-09T01:00:00Z").plus(drift), within(1, ChronoUnit.SECONDS));
    }

    @Test
    @Order(3)
    @DisplayName("INF-TKT-7, NTF-1: unanswered, the breach climbs support, account manager (+4 h), executive (+24 h)")
    void escalationTiers() {
        platform.travelTo(Instant.parse("2027-11-09T01:30:00Z"));
        SlaBreached breached = platform.events().awaitOne(EventTypes.SLA_BREACHED, b -> b.ticketId().equals(ticket),
                EVENTUALLY);
        assertThat(breached.target()).isEqualTo("FIRST_RESPONSE");
        platform.events().awaitOne(EventTypes.SLA_ESCALATED, e -> e.ticketId().equals(ticket) && e.level().equals("SUPPORT"),
                EVENTUALLY);
        EventLog.sleep(2_000);
        assertThat(platform.events().all(EventTypes.SLA_ESCALATED, e -> e.ticketId().equals(ticket))).hasSize(1);

        platform.travelTo(Instant.parse("2027-11-09T05:30:00Z"));
        platform.events().awaitOne(EventTypes.SLA_ESCALATED,
                e -> e.ticketId().equals(ticket) && e.level().equals("ACCOUNT_MANAGER"), EVENTUALLY);
        platform.travelTo(Instant.parse("2027-11-10T01:30:00Z"));
        List<SlaEscalated> all = platform.events().await(EventTypes.SLA_ESCALATED, e -> e.ticketId().equals(ticket), 3,
                EVENTUALLY);
        assertThat(all).extracting(SlaEscalated::level).containsExactly("SUPPORT", "ACCOUNT_MANAGER", "EXECUTIVE");
        Duration drift = Duration.between(Instant.parse("2027-11-06T00:00:00Z"), filed);
        assertThat(all.get(2).escalatedAt()).isCloseTo(Instant.parse("2027-11-10T01:00:00Z").plus(drift),
                within(1, ChronoUnit.SECONDS));

        // the partner escalates by request too: each tier's contact is mailed
        as(platform, "ticket-service", partner).body(Map.of("reason", "still no answer"))
                .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(200)
                .body("escalationLevel", equalTo("ACCOUNT_MANAGER"));
        as(platform, "ticket-service", partner).body(Map.of("reason", "blocking our audit"))
                .post("/api/v1/tickets/" + ticket + "/escalations").then().statusCode(200)
                .body("escalationLevel", equalTo("EXECUTIVE"));
        List<TicketEscalated> requested = platform.events().await(EventTypes.TICKET_ESCALATED,
                e -> e.ticketId().equals(ticket), 2, EVENTUALLY);
        assertThat(requested).extracting(TicketEscalated::level, TicketEscalated::contactEmail).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ACCOUNT_MANAGER", MANAGER),
                org.assertj.core.groups.Tuple.tuple("EXECUTIVE", EXECUTIVE));
        // each tier's contact hears twice of the ticket, once each: the breach climbing the chain (NTF-1,
        // sla.escalated.v1) and the partner's request (INF-TKT-7, ticket.escalated.v1)
        for (String[] tier : new String[][] { { MANAGER, "ACCOUNT_MANAGER" }, { EXECUTIVE, "EXECUTIVE" } }) {
            List<String> expected = List.of("[" + ACCOUNT + "] Breach of ticket " + ticket + " escalated to " + tier[1],
                    "[" + ACCOUNT + "] Ticket " + ticket + " escalated to " + tier[1]);
            eventually("escalation mails to " + tier[0],
                    () -> Mails.subjects(platform.smtp(), tier[0]).containsAll(expected) ? true : null);
            EventLog.sleep(500);
            assertThat(Mails.subjects(platform.smtp(), tier[0])).doesNotHaveDuplicates().containsAll(expected);
        }
    }

    @Test
    @Order(4)
    @DisplayName("AVL-3, QNT-AVL-2: the second-Saturday window is excluded, the third Saturday is not: 99.9306 % in a 43,260-minute November")
    void maintenanceWindow() {
        platform.travelTo(Instant.parse("2027-11-10T15:00:00Z"));
        as(platform, "availability-service", agent)
                .body(Map.of("accountId", ACCOUNT, "kind", "PLANNED", "startsAt", "2027-11-13T14:00:00Z",
                        "endsAt", "2027-11-13T16:00:00Z", "description", "SpiraPlan upgrade"))
                .post("/api/v1/maintenance").then().statusCode(201).body("excluded", equalTo(true));
        platform.travelTo(Instant.parse("2027-11-13T16:30:00Z"));
        postProbes("inf-2027-11-13", probes(INSTANCE, Instant.parse("2027-11-13T14:00:00Z"), 120, ALL_DOWN));
        platform.travelTo(Instant.parse("2027-11-17T15:00:00Z"));
        as(platform, "availability-service", agent)
                .body(Map.of("accountId", ACCOUNT, "kind", "PLANNED", "startsAt", "2027-11-20T14:00:00Z",
                        "endsAt", "2027-11-20T15:00:00Z", "description", "database move"))
                .post("/api/v1/maintenance").then().statusCode(201).body("excluded", equalTo(false));
        platform.travelTo(Instant.parse("2027-11-20T15:30:00Z"));
        postProbes("inf-2027-11-20", probes(INSTANCE, Instant.parse("2027-11-20T14:00:00Z"), 30, ALL_DOWN));

        platform.travelTo(Instant.parse("2027-12-03T12:00:00Z"));
        as(platform, "availability-service", admin).post("/api/v1/month-closes/run").then().statusCode(200);
        MonthlyAvailability november = platform.events().awaitOne(EventTypes.MONTH_CLOSED,
                m -> m.instanceId().equals(INSTANCE) && m.month().equals("2027-11"), EVENTUALLY);
        assertThat(november.timeZone()).isEqualTo("America/New_York");
        assertThat(november.totalMinutes()).isEqualTo(43_260);
        assertThat(november.unavailableMinutes()).isEqualTo(30);
        assertThat(november.excludedMinutes()).isEqualTo(120);
        assertThat(november.excludedByCause()).containsOnly(Map.entry("PLANNED_MAINTENANCE", 120L));
        assertThat(november.uptimePercent()).isEqualByComparingTo("99.9306");
        assertThat(november.met()).isTrue();
        EventLog.sleep(2_000);
        assertThat(platform.events().all(EventTypes.CREDIT_ISSUED, c -> c.accountId().equals(ACCOUNT))).isEmpty();
        List<TicketCreated> created = platform.events().all(EventTypes.TICKET_CREATED, t -> t.accountId().equals(ACCOUNT));
        assertThat(created).hasSize(1);
    }

    private void postProbes(String key, List<Map<String, Object>> results) {
        as(platform, "availability-service", probe).header("Idempotency-Key", key).body(Map.of("results", results))
                .post("/api/v1/probe-results/batches").then().statusCode(200);
    }

}
