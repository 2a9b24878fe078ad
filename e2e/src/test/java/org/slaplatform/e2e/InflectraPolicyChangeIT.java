package org.slaplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

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
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.sla.SlaBreached;
import org.slaplatform.events.sla.SlaEscalated;
import org.slaplatform.events.ticket.TicketCreated;

import io.restassured.path.json.JsonPath;

/**
 * INF, POL-3: an Inflectra customer's plan and policy version change mid-life, June to July 2028.
 *
 * <p>Umbrella, America/New_York, plan {@code standard} from 1 June 2028 under version 1 (the version in
 * force on the contract's first day). Version 2 ({@code e2e/src/test/resources/policy-folder/inflectra.v2.yaml},
 * a test version) is in force from 2028-07-01: a Critical ticket is answered within 4 hours of 24x5
 * coverage (v1: 1 business day, the same clock time the next business day, i.e. 24 hours of coverage),
 * the account manager hears of a breach 2 hours after it (v1: 4 hours), and a new plan, Premium, is the
 * only one taking feature requests (v1's Standard took them). Coverage is Monday 00:00 to Friday 24:00
 * Eastern (EDT, UTC-4, all through the scenario; no holidays). Worked out by hand:
 * <pre>
 * A  Critical, filed Friday 30 June 10:00 EDT (14:00Z), version 1:
 *    14 h left on Friday, 10 h more from Monday 00:00: due Monday 3 July 10:00 EDT = 2028-07-03T14:00Z
 *    (under version 2 it would be Friday 14:00 EDT). Unanswered: breached at 14:00Z, SUPPORT at once,
 *    ACCOUNT_MANAGER 4 h later (18:00Z, version 1; not 16:00Z), EXECUTIVE 24 h later (2028-07-04T14:00Z).
 * C  High, filed Friday 30 June 11:00 EDT (15:00Z), version 1: due Monday 3 July 11:00 EDT = 15:00Z.
 *    Raised to Critical on Saturday 1 July (version 2 in force): recomputed from its start under its own
 *    version 1 (SLA-4), still 24 h of coverage: due 2028-07-03T15:00Z (version 2's 4 h would make it
 *    Friday 15:00 EDT = 2028-06-30T19:00Z). Acknowledged on Saturday: met, no breach.
 * F1 a feature request on Standard under version 1: accepted.
 * Plan change, Saturday 1 July 15:00Z: Premium exists only in version 2; a contract update naming the
 *    plan without the version is refused (400 contract.plan: the version in force on the contract's
 *    first day is 1); naming version 2 is accepted: revision 2, premium, version 2. A, C and F1 keep
 *    version 1 (and the plan standard their ticket.created.v1 recorded).
 * B  Critical, filed Wednesday 5 July 10:00 EDT (14:00Z), version 2, premium: 4 h of coverage, due
 *    14:00 EDT = 18:00Z; breached then, SUPPORT at once, ACCOUNT_MANAGER 2 h later (20:00Z).
 * F2 a feature request on Premium under version 2: accepted. Stark, a second account on Standard from
 *    1 July (version 2 in force on its first day): its feature request is refused (422
 *    not-entitled/feature-requests-not-on-plan).
 * </pre>
 * Due and escalation times are asserted to the second, shifted by the seconds the ticket was actually
 * filed after the scenario clock's jump.
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(7)
@DisplayName("INF, POL-3: Inflectra customer, June-July 2028: plan standard -> premium and policy version 2 mid-life")
class InflectraPolicyChangeIT extends Scenario {

    static final String ACCOUNT = "inf-pc-umbrella";
    static final String OTHER = "inf-pc-stark";
    static final String INSTANCE = "inf-umb-prod";
    static final String MANAGER = "am.umbrella@inflectra.example";
    static final String EXECUTIVE = "exec.umbrella@inflectra.example";
    static final Map<String, Object> CONTRACT = new LinkedHashMap<>();

    String customer;
    UUID ticketA;
    UUID ticketC;
    UUID ticketB;
    Duration driftA;
    Duration driftC;
    Duration driftB;

    @BeforeAll
    void tokens() {
        customer = platform.token("customer", ACCOUNT);
    }

    @Test
    @Order(1)
    @DisplayName("POL-2, POL-3: the contract starts on plan standard under version 1 (in force on its first day)")
    void contract() {
        platform.travelTo(Instant.parse("2028-06-01T14:00:00Z"));
        CONTRACT.putAll(contract("inflectra", "standard", "America/New_York", "USD", "1500.00", "MONTHLY", "2028-06-01"));
        CONTRACT.put("instances", List.of(Map.of("instanceId", INSTANCE, "productId", "spira", "version", "7.0.0.0",
                "environment", "production")));
        CONTRACT.put("contacts", List.of(contact("ACCOUNT_MANAGER", "Alex Account", MANAGER),
                contact("EXECUTIVE", "Eve Executive", EXECUTIVE)));
        ContractChanged published = writeContract(platform, admin, ACCOUNT, "Umbrella", CONTRACT, admin, List.of(INSTANCE));
        assertThat(published.revision()).isEqualTo(1);
        assertThat(published.policyVersion()).isEqualTo(1);
        assertThat(published.plan()).isEqualTo("standard");
    }

    @Test
    @Order(2)
    @DisplayName("CAL-2, IS-TKT-9: under version 1 a Critical filed Friday 10:00 EDT is due Monday 10:00 EDT; Standard takes a feature request")
    void underVersion1() {
        Instant nominalA = Instant.parse("2028-06-30T14:00:00Z");
        platform.travelTo(nominalA);
        JsonPath a = file(Map.of("subject", "Test runs lost after upgrade", "severity", 1));
        ticketA = UUID.fromString(a.getString("id"));
        driftA = Duration.between(nominalA, Instant.parse(a.getString("createdAt")));
        assertThat(a.getInt("policyVersion")).isEqualTo(1);
        JsonPath slaA = tracked(ticketA, 1);
        assertTarget(slaA, "2028-07-03T14:00:00Z", driftA, "PT24H", 1);

        JsonPath f1 = file(Map.of("subject", "Export to ReqIF", "severity", 4, "category", "FEATURE_REQUEST"));
        assertThat(f1.getInt("policyVersion")).isEqualTo(1);
        assertCreated(UUID.fromString(f1.getString("id")), 1, "standard");
        assertCreated(ticketA, 1, "standard");

        Instant nominalC = Instant.parse("2028-06-30T15:00:00Z");
        platform.travelTo(nominalC);
        JsonPath c = file(Map.of("subject", "Dashboard widget slow", "severity", 2));
        ticketC = UUID.fromString(c.getString("id"));
        driftC = Duration.between(nominalC, Instant.parse(c.getString("createdAt")));
        assertTarget(tracked(ticketC, 2), "2028-07-03T15:00:00Z", driftC, "PT24H", 1);
    }

    @Test
    @Order(3)
    @DisplayName("POL-2, POL-3: on 1 July the contract moves to Premium, which only version 2 has; open tickets keep version 1 and standard")
    void planChange() {
        platform.travelTo(Instant.parse("2028-07-01T15:00:00Z"));
        Map<String, Object> premium = new LinkedHashMap<>(CONTRACT);
        premium.put("plan", "premium");
        // the version left out is the one in force on the contract's first day, 1, which has no Premium
        as(platform, "ticket-service", admin).body(Map.of("name", "Umbrella", "contract", premium))
                .put("/api/v1/accounts/" + ACCOUNT).then().statusCode(400)
                .body("violations[0].field", equalTo("contract.plan"));
        premium.put("policyVersion", 2);
        as(platform, "ticket-service", admin).body(Map.of("name", "Umbrella", "contract", premium))
                .put("/api/v1/accounts/" + ACCOUNT).then().statusCode(200)
                .body("contract.policyVersion", equalTo(2)).body("contract.plan", equalTo("premium"));
        ContractChanged revised = platform.events().awaitOne(EventTypes.CONTRACT_CHANGED,
                e -> e.accountId().equals(ACCOUNT) && e.revision() == 2, EVENTUALLY);
        assertThat(revised.plan()).isEqualTo("premium");
        assertThat(revised.policyVersion()).isEqualTo(2);

        for (UUID open : List.of(ticketA, ticketC)) {
            as(platform, "ticket-service", agent).get("/api/v1/tickets/" + open).then().statusCode(200)
                    .body("policyVersion", equalTo(1));
        }
    }

    @Test
    @Order(4)
    @DisplayName("SLA-4, POL-3: C raised to Critical after version 2 took effect is recomputed under its own version 1: still due Monday 11:00 EDT")
    void severityChangeKeepsVersion1() {
        as(platform, "ticket-service", agent).body(Map.of("severity", 1, "reason", "blocks their release"))
                .put("/api/v1/tickets/" + ticketC + "/severity").then().statusCode(200)
                .body("severity", equalTo(1)).body("policyVersion", equalTo(1));
        JsonPath sla = tracked(ticketC, 1);
        assertTarget(sla, "2028-07-03T15:00:00Z", driftC, "PT24H", 1);
        assertThat(sla.getString("targets[0].state")).isEqualTo("running");
        as(platform, "ticket-service", agent).body(Map.of("to", "ACKNOWLEDGED", "note", "looking into it"))
                .post("/api/v1/tickets/" + ticketC + "/transitions").then().statusCode(200);
        eventually("C's first response met", () -> {
            JsonPath met = sla(ticketC);
            return "met".equals(met.getString("targets[0].state")) ? met : null;
        });
    }

    @Test
    @Order(5)
    @DisplayName("INF-TKT-7, NTF-1, POL-3: A breaches Monday 10:00 EDT and climbs on version 1's delays: account manager 4 h later, executive 24 h later")
    void version1Escalation() {
        Instant breach = Instant.parse("2028-07-03T14:00:00Z").plus(driftA);
        platform.travelTo(Instant.parse("2028-07-03T14:30:00Z"));
        SlaBreached breached = platform.events().awaitOne(EventTypes.SLA_BREACHED, b -> b.ticketId().equals(ticketA),
                EVENTUALLY);
        assertThat(breached.target()).isEqualTo("FIRST_RESPONSE");
        assertThat(breached.policyVersion()).isEqualTo(1);
        assertThat(breached.dueAt()).isCloseTo(breach, within(1, ChronoUnit.SECONDS));
        platform.events().awaitOne(EventTypes.SLA_ESCALATED, e -> e.ticketId().equals(ticketA) && e.level().equals("SUPPORT"),
                EVENTUALLY);

        // version 2 would climb to the account manager at 16:00Z: under version 1 nothing happens then
        platform.travelTo(Instant.parse("2028-07-03T16:30:00Z"));
        EventLog.sleep(3_000);
        assertThat(platform.events().all(EventTypes.SLA_ESCALATED, e -> e.ticketId().equals(ticketA)))
                .extracting(SlaEscalated::level).containsExactly("SUPPORT");

        platform.travelTo(Instant.parse("2028-07-04T14:30:00Z"));
        List<SlaEscalated> climbed = platform.events().await(EventTypes.SLA_ESCALATED, e -> e.ticketId().equals(ticketA),
                3, EVENTUALLY);
        assertThat(climbed).extracting(SlaEscalated::level).containsExactly("SUPPORT", "ACCOUNT_MANAGER", "EXECUTIVE");
        assertThat(climbed).extracting(SlaEscalated::policyVersion).containsOnly(1);
        assertThat(climbed.get(0).escalatedAt()).isCloseTo(breach, within(1, ChronoUnit.SECONDS));
        assertThat(climbed.get(1).escalatedAt()).isCloseTo(breach.plus(Duration.ofHours(4)), within(1, ChronoUnit.SECONDS));
        assertThat(climbed.get(2).escalatedAt()).isCloseTo(breach.plus(Duration.ofHours(24)), within(1, ChronoUnit.SECONDS));
        // C was answered in time: no breach
        assertThat(platform.events().all(EventTypes.SLA_BREACHED, b -> b.ticketId().equals(ticketC))).isEmpty();
    }

    @Test
    @Order(6)
    @DisplayName("CAL-2, INF-TKT-7, POL-3: under version 2 a Critical filed Wednesday 10:00 EDT is due 14:00 EDT and reaches the account manager 2 h after the breach")
    void underVersion2() {
        Instant nominalB = Instant.parse("2028-07-05T14:00:00Z");
        platform.travelTo(nominalB);
        JsonPath b = file(Map.of("subject", "Login fails for all users", "severity", 1));
        ticketB = UUID.fromString(b.getString("id"));
        driftB = Duration.between(nominalB, Instant.parse(b.getString("createdAt")));
        assertThat(b.getInt("policyVersion")).isEqualTo(2);
        assertCreated(ticketB, 2, "premium");
        assertTarget(tracked(ticketB, 1), "2028-07-05T18:00:00Z", driftB, "PT4H", 2);

        Instant breach = Instant.parse("2028-07-05T18:00:00Z").plus(driftB);
        platform.travelTo(Instant.parse("2028-07-05T18:30:00Z"));
        SlaBreached breached = platform.events().awaitOne(EventTypes.SLA_BREACHED, x -> x.ticketId().equals(ticketB),
                EVENTUALLY);
        assertThat(breached.policyVersion()).isEqualTo(2);
        assertThat(breached.dueAt()).isCloseTo(breach, within(1, ChronoUnit.SECONDS));
        platform.travelTo(Instant.parse("2028-07-05T20:30:00Z"));
        List<SlaEscalated> climbed = platform.events().await(EventTypes.SLA_ESCALATED, e -> e.ticketId().equals(ticketB),
                2, EVENTUALLY);
        assertThat(climbed).extracting(SlaEscalated::level).containsExactly("SUPPORT", "ACCOUNT_MANAGER");
        assertThat(climbed).extracting(SlaEscalated::policyVersion).containsOnly(2);
        assertThat(climbed.get(1).escalatedAt()).isCloseTo(breach.plus(Duration.ofHours(2)), within(1, ChronoUnit.SECONDS));
    }

    @Test
    @Order(7)
    @DisplayName("IS-TKT-9, POL-3: under version 2 Premium takes a feature request and Standard refuses one")
    void featureRequestsByPlan() {
        JsonPath f2 = file(Map.of("subject", "Jira two-way sync", "severity", 4, "category", "FEATURE_REQUEST"));
        assertThat(f2.getInt("policyVersion")).isEqualTo(2);
        assertCreated(UUID.fromString(f2.getString("id")), 2, "premium");

        Map<String, Object> stark = new LinkedHashMap<>(CONTRACT);
        stark.put("startsOn", "2028-07-01");
        stark.put("instances", List.of());
        as(platform, "ticket-service", admin).body(Map.of("name", "Stark", "contract", stark))
                .put("/api/v1/accounts/" + OTHER).then().statusCode(200)
                .body("contract.policyVersion", equalTo(2)).body("contract.plan", equalTo("standard"));
        as(platform, "ticket-service", platform.token("customer", OTHER))
                .body(Map.of("subject", "Dark mode", "severity", 4, "category", "FEATURE_REQUEST"))
                .post("/api/v1/tickets").then().statusCode(422)
                .body("type", containsString("not-entitled/feature-requests-not-on-plan"));
    }

    private JsonPath file(Map<String, Object> body) {
        return as(platform, "ticket-service", customer).body(body).post("/api/v1/tickets").then().statusCode(201)
                .extract().jsonPath();
    }

    /** ticket.created.v1 records the version and plan the ticket lives under (POL-3). */
    private void assertCreated(UUID ticket, int policyVersion, String plan) {
        TicketCreated created = platform.events().awaitOne(EventTypes.TICKET_CREATED, t -> t.ticketId().equals(ticket),
                EVENTUALLY);
        assertThat(created.policy()).isEqualTo("inflectra");
        assertThat(created.policyVersion()).isEqualTo(policyVersion);
        assertThat(created.plan()).isEqualTo(plan);
    }

    private JsonPath sla(UUID ticket) {
        var response = as(platform, "sla-timer-service", agent).get("/api/v1/tickets/" + ticket + "/sla");
        return response.statusCode() == 200 ? response.jsonPath() : null;
    }

    /** The ticket's SLA once sla-timer-service tracks it at {@code severity}, with its one target. */
    private JsonPath tracked(UUID ticket, int severity) {
        return eventually("SLA of " + ticket + " at severity " + severity, () -> {
            JsonPath sla = sla(ticket);
            return sla != null && sla.getInt("severity") == severity && sla.getList("targets").size() == 1
                    && sla.getInt("targets[0].severity") == severity ? sla : null;
        });
    }

    private static void assertTarget(JsonPath sla, String due, Duration drift, String allowance, int policyVersion) {
        assertThat(sla.getInt("policyVersion")).isEqualTo(policyVersion);
        assertThat(sla.getString("targets[0].target")).isEqualTo("FIRST_RESPONSE");
        assertThat(sla.getString("targets[0].calendar")).isEqualTo("coverage");
        // a business day's allowance is the business time from the start to the same clock time a business day
        // later, whose due instant the calendar gives to the whole second: a filing at 14:00:00.4 allows
        // PT23H59M59.6S; hours are allowed exactly
        assertThat(Duration.parse(sla.getString("targets[0].allowance")))
                .isBetween(Duration.parse(allowance).minusSeconds(1), Duration.parse(allowance));
        assertThat(Instant.parse(sla.getString("targets[0].dueAt")))
                .isCloseTo(Instant.parse(due).plus(drift), within(1, ChronoUnit.SECONDS));
    }
}
