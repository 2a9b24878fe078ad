package org.slaplatform.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.availability.MaintenanceAnnounced;
import org.slaplatform.events.availability.MonthlyAvailability;
import org.slaplatform.events.availability.OutageChanged;
import org.slaplatform.events.claim.CreditClaimFiled;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.credit.CreditClaimDecided;
import org.slaplatform.events.credit.CreditIssued;
import org.slaplatform.events.ticket.TicketCreated;

import io.restassured.path.json.JsonPath;

/**
 * QNT (Quantive Results uptime policy): a customer's March 2027 from contract to money.
 *
 * <p>Northwind runs two instances under the Enterprise plan (99.95 %) in Europe/Berlin, 2,400.00 EUR a
 * month plus a 5,000.00 EUR one-time onboarding fee. March 2027 in Berlin has 31 x 1,440 - 60 = 44,580
 * minutes (summer time starts on Sunday the 28th). What happens to qnt-nw-prod, worked out by hand:
 * <pre>
 *  9 Mar 13:00-13:40Z  fra + ams down, lon up (2 of 3)            40 Unavailable, counted
 *  9 Mar 14:00-14:20Z  fra down, ams + lon up (1 of 3)             0 (no quorum, AVL-1)
 * 16 Mar 01:00-02:00Z  all down, planned maintenance announced    60 excluded (planned-maintenance)
 *                      on 5 Mar (before it started)
 * 23 Mar 01:00-01:30Z  all down, planned maintenance announced    30 counted: announced at 01:10,
 *                      for 01:00-02:00 at 01:10 (after it started)   after it started (AVL-3)
 * 25 Mar 08:00-10:00Z  explicit outage, force majeure            120 excluded (force-majeure)
 * 30 Mar 10:00-10:25Z  explicit outage, ours                      25 counted
 * counted 40 + 30 + 25 = 95, excluded 60 + 120 = 180
 * uptime (44,580 - 95) x 100 / 44,580 = 99.78689995.. -> 99.7868 (4 places, rounded down)
 * below 99.95, at least 97: tier 10 % of 2,400.00 EUR = 240.00 EUR (one-time fee excluded)
 * </pre>
 * month-closed.v1 carries these five runs as unavailableIntervals (275 minutes = 95 + 180), and the
 * claim's two incidents (9 Mar 13:00-13:40Z, 30 Mar 10:00-10:25Z) are each matched by all their
 * minutes (QNT-CRD-2).
 * A claim filed on 2 April is confirmed at the month close on 3 April (Berlin), so the credit is
 * issued by the settlement of the May cycle (not April's). A claim for a January incident filed on
 * 3 April is late: January's deadline is the end of the second monthly cycle after it, 31 March
 * 24:00 Berlin = 2027-03-31T22:00Z.
 */
@ExtendWith(PlatformExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(1)
@DisplayName("QNT: Quantive customer, March 2027, from contract to ledger credit")
class QuantiveScenarioIT extends Scenario {

    static final String ACCOUNT = "qnt-northwind";
    static final String PROD = "qnt-nw-prod";
    static final String SANDBOX = "qnt-nw-sandbox";
    static final String OPS = "ops@northwind.example";
    static final Map<String, Boolean> QUORUM_DOWN = ordered("fra", false, "ams", false, "lon", true);
    static final Map<String, Boolean> ONE_DOWN = ordered("fra", false, "ams", true, "lon", true);
    static final Map<String, Boolean> ALL_DOWN = ordered("fra", false, "ams", false, "lon", false);
    static final Map<String, Boolean> ALL_UP = ordered("fra", true, "ams", true, "lon", true);

    String customer;
    String probe;
    UUID claim;
    UUID lateClaim;

    @BeforeAll
    void tokens() {
        probe = platform.token("probe", null);
        customer = platform.token("customer", ACCOUNT);
    }

    @Test
    @Order(1)
    @DisplayName("POL-2: the admin writes the contract; every service learns it from contracts.v1")
    void contract() {
        platform.travelTo(Instant.parse("2027-03-01T08:00:00Z"));
        Map<String, Object> contract = contract("quantive", "enterprise", "Europe/Berlin", "EUR", "2400.00", "MONTHLY", "2027-01-01");
        contract.put("oneTimeFees", List.of(Map.of("description", "Onboarding", "amount", new BigDecimal("5000.00"),
                "chargedOn", "2027-01-04")));
        contract.put("instances", List.of(
                instance(PROD, "quantive-results", "1.0.0.0"),
                instance(SANDBOX, "quantive-results", "1.0.0.0", "sandbox")));
        contract.put("contacts", List.of(contact("SUPPORT", "Northwind Ops", OPS)));
        // availability-service registers both instances (the customer may read their uptime)
        ContractChanged published = writeContract(platform, admin, ACCOUNT, "Northwind", contract, customer,
                List.of(PROD, SANDBOX));
        assertThat(published.policy()).isEqualTo("quantive");
        assertThat(published.plan()).isEqualTo("enterprise");
        assertThat(published.monthlyCharges()).isEqualByComparingTo("2400.00");
        assertThat(published.instances()).extracting(ContractChanged.ServiceInstance::instanceId)
                .containsExactly(PROD, SANDBOX);

        // the customer subscribes to new tickets by email (NTF-5)
        as(platform, "notification-service", customer)
                .body(Map.of("eventType", EventTypes.TICKET_CREATED.type(), "channel", "EMAIL", "email", OPS))
                .post("/api/v1/subscriptions").then().statusCode(201);
    }

    @Test
    @Order(2)
    @DisplayName("AVL-1, AVL-3: probes, maintenance with and without notice, explicit outages across March")
    void march() {
        platform.travelTo(Instant.parse("2027-03-05T09:00:00Z"));
        JsonPath announced = as(platform, "availability-service", agent)
                .body(Map.of("accountId", ACCOUNT, "instanceId", PROD, "kind", "PLANNED",
                        "startsAt", "2027-03-16T01:00:00Z", "endsAt", "2027-03-16T02:00:00Z",
                        "description", "database upgrade"))
                .post("/api/v1/maintenance").then().statusCode(201).extract().jsonPath();
        assertThat(announced.getBoolean("excluded")).as("announced 11 days ahead: excluded").isTrue();

        platform.travelTo(Instant.parse("2027-03-09T15:00:00Z"));
        List<Map<String, Object>> ninth = new java.util.ArrayList<>();
        ninth.addAll(probes(PROD, Instant.parse("2027-03-09T12:50:00Z"), 10, ALL_UP));
        ninth.addAll(probes(PROD, Instant.parse("2027-03-09T13:00:00Z"), 40, QUORUM_DOWN));
        ninth.addAll(probes(PROD, Instant.parse("2027-03-09T13:40:00Z"), 20, ALL_UP));
        ninth.addAll(probes(PROD, Instant.parse("2027-03-09T14:00:00Z"), 20, ONE_DOWN));
        postProbes("qnt-2027-03-09", ninth, 90);

        platform.travelTo(Instant.parse("2027-03-16T03:00:00Z"));
        postProbes("qnt-2027-03-16", probes(PROD, Instant.parse("2027-03-16T01:00:00Z"), 60, ALL_DOWN), 60);

        platform.travelTo(Instant.parse("2027-03-23T01:10:00Z"));
        JsonPath late = as(platform, "availability-service", agent)
                .body(Map.of("accountId", ACCOUNT, "instanceId", PROD, "kind", "PLANNED",
                        "startsAt", "2027-03-23T01:00:00Z", "endsAt", "2027-03-23T02:00:00Z",
                        "description", "emergency patch, announced late"))
                .post("/api/v1/maintenance").then().statusCode(201).extract().jsonPath();
        assertThat(late.getBoolean("excluded")).as("announced after it started: counted").isFalse();
        assertThat(late.getList("reasons", String.class)).isNotEmpty();
        platform.travelTo(Instant.parse("2027-03-23T02:30:00Z"));
        postProbes("qnt-2027-03-23", probes(PROD, Instant.parse("2027-03-23T01:00:00Z"), 30, ALL_DOWN), 30);

        platform.travelTo(Instant.parse("2027-03-25T12:00:00Z"));
        as(platform, "availability-service", agent)
                .body(Map.of("instanceId", PROD, "cause", "FORCE_MAJEURE", "startedAt", "2027-03-25T08:00:00Z",
                        "endedAt", "2027-03-25T10:00:00Z", "note", "regional power failure",
                        "reason", "regional power failure (an excluding cause needs a reason)"))
                .post("/api/v1/outages").then().statusCode(201).body("excluded", equalTo(true));

        platform.travelTo(Instant.parse("2027-03-30T10:05:00Z"));
        String ours = as(platform, "availability-service", probe)
                .body(Map.of("instanceId", PROD, "cause", "OURS", "startedAt", "2027-03-30T10:00:00Z"))
                .post("/api/v1/outages").then().statusCode(201).body("excluded", equalTo(false))
                .extract().path("id");
        platform.travelTo(Instant.parse("2027-03-30T10:30:00Z"));
        as(platform, "availability-service", probe).body(Map.of("endedAt", "2027-03-30T10:25:00Z"))
                .post("/api/v1/outages/" + ours + "/end").then().statusCode(200);

        List<MaintenanceAnnounced> maintenance = platform.events().await(EventTypes.MAINTENANCE_ANNOUNCED,
                m -> m.accountId().equals(ACCOUNT), 2, EVENTUALLY);
        assertThat(maintenance).extracting(MaintenanceAnnounced::excluded).containsExactly(true, false);
        List<OutageChanged> outages = platform.events().await(EventTypes.OUTAGE_CHANGED,
                o -> o.accountId().equals(ACCOUNT), 3, EVENTUALLY);
        assertThat(outages).extracting(OutageChanged::cause, OutageChanged::excluded, OutageChanged::endedAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("FORCE_MAJEURE", true, Instant.parse("2027-03-25T10:00:00Z")),
                        org.assertj.core.groups.Tuple.tuple("OURS", false, null),
                        org.assertj.core.groups.Tuple.tuple("OURS", false, Instant.parse("2027-03-30T10:25:00Z")));
    }

    @Test
    @Order(3)
    @DisplayName("QNT-TKT-10, QNT-CRD-2: an SLA Credit Request ticket reaches credit-service and waits for the month")
    void claimFiled() {
        platform.travelTo(Instant.parse("2027-04-02T09:00:00Z"));
        JsonPath ticket = as(platform, "ticket-service", customer)
                .body(Map.of("subject", "SLA Credit Request: March outages", "severity", 3,
                        "description", "Instance " + PROD + " was unavailable 2027-03-09T13:00Z to 2027-03-09T13:40Z "
                                + "and 2027-03-30T10:00Z to 2027-03-30T10:25Z."))
                .post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
        assertThat(ticket.getString("category")).isEqualTo("CREDIT_CLAIM");
        claim = UUID.fromString(ticket.getString("id"));

        CreditClaimFiled filed = platform.events().awaitOne(EventTypes.CREDIT_CLAIM_FILED,
                c -> c.claimId().equals(claim), EVENTUALLY);
        assertThat(filed.accountId()).isEqualTo(ACCOUNT);
        assertThat(filed.filedAt()).isBetween(Instant.parse("2027-04-02T09:00:00Z"), Instant.parse("2027-04-02T09:10:00Z"));
        CreditClaimDecided received = platform.events().awaitOne(EventTypes.CREDIT_CLAIM_DECIDED,
                d -> d.claimId().equals(claim), EVENTUALLY);
        assertThat(received.state()).isEqualTo("RECEIVED");
        assertThat(received.instanceId()).isEqualTo(PROD);
        assertThat(received.month()).isEqualTo("2027-03");
        as(platform, "credit-service", customer).get("/api/v1/claims/" + claim).then().statusCode(200)
                .body("state", equalTo("RECEIVED"));
    }

    @Test
    @Order(4)
    @DisplayName("QNT-AVL-2, AVL-7, QNT-CRD-1: the month close measures 99.7868 % and confirms the claim at the 10 % tier")
    void monthClose() {
        // due at the month's start in Berlin plus the 2-day grace: 2027-04-02T22:00Z
        platform.travelTo(Instant.parse("2027-04-03T06:00:00Z"));
        as(platform, "availability-service", admin).post("/api/v1/month-closes/run").then().statusCode(200);

        MonthlyAvailability prod = platform.events().awaitOne(EventTypes.MONTH_CLOSED,
                m -> m.instanceId().equals(PROD) && m.month().equals("2027-03"), EVENTUALLY);
        assertThat(prod.version()).isEqualTo(1);
        assertThat(prod.timeZone()).isEqualTo("Europe/Berlin");
        assertThat(prod.totalMinutes()).isEqualTo(44_580);
        assertThat(prod.unavailableMinutes()).isEqualTo(95);
        assertThat(prod.excludedMinutes()).isEqualTo(180);
        assertThat(prod.excludedByCause()).containsOnly(Map.entry("PLANNED_MAINTENANCE", 60L),
                Map.entry("FORCE_MAJEURE", 120L));
        assertThat(prod.uptimePercent()).isEqualByComparingTo("99.7868");
        assertThat(prod.commitment()).isEqualByComparingTo("99.95");
        assertThat(prod.met()).isFalse();
        // QNT-CRD-2: the runs of Unavailable minutes the claim is confirmed against, 95 + 180 = 275 minutes
        assertThat(prod.unavailableIntervals()).extracting(i -> i.start(), i -> i.end(), i -> i.source(), i -> i.cause(),
                i -> i.exclusion()).containsExactly(
                interval("2027-03-09T13:00:00Z", "2027-03-09T13:40:00Z", "PROBES", null, null),
                interval("2027-03-16T01:00:00Z", "2027-03-16T02:00:00Z", "PROBES", null, "PLANNED_MAINTENANCE"),
                interval("2027-03-23T01:00:00Z", "2027-03-23T01:30:00Z", "PROBES", null, null),
                interval("2027-03-25T08:00:00Z", "2027-03-25T10:00:00Z", "OUTAGE", "FORCE_MAJEURE", "FORCE_MAJEURE"),
                interval("2027-03-30T10:00:00Z", "2027-03-30T10:25:00Z", "OUTAGE", "OURS", null));
        assertThat(prod.intervalMinutes()).isEqualTo(95 + 180);
        MonthlyAvailability sandbox = platform.events().awaitOne(EventTypes.MONTH_CLOSED,
                m -> m.instanceId().equals(SANDBOX) && m.month().equals("2027-03"), EVENTUALLY);
        assertThat(sandbox.uptimePercent()).isEqualByComparingTo("100");
        assertThat(sandbox.met()).isTrue();

        // the customer reads the same figures with their explanation
        JsonPath uptime = as(platform, "availability-service", customer)
                .get("/api/v1/instances/" + PROD + "/uptime?month=2027-03").then().statusCode(200).extract().jsonPath();
        assertThat(uptime.getLong("unavailableMinutes")).isEqualTo(95);
        assertThat(uptime.getLong("excludedMinutes")).isEqualTo(180);
        assertThat(new BigDecimal(uptime.getString("uptimePercent"))).isEqualByComparingTo("99.7868");
        assertThat(uptime.getList("explanation.minutes", Integer.class)).containsExactlyInAnyOrder(40, 60, 30, 120, 25);

        CreditClaimDecided confirmed = platform.events().awaitOne(EventTypes.CREDIT_CLAIM_DECIDED,
                d -> d.claimId().equals(claim) && d.state().equals("CONFIRMED"), EVENTUALLY);
        assertThat(confirmed.detail()).contains("99.7868", "10 %", "2400.00", "240.00",
                // QNT-CRD-2: each claimed incident matched by measured minutes, none unshown
                "incident 2027-03-09T13:00:00Z to 2027-03-09T13:40:00Z: 40 of its 40 minutes measured Unavailable",
                "incident 2027-03-30T10:00:00Z to 2027-03-30T10:25:00Z: 25 of its 25 minutes measured Unavailable")
                .doesNotContain("not shown by measurement");
        as(platform, "credit-service", customer).get("/api/v1/claims/" + claim).then().statusCode(200)
                .body("state", equalTo("CONFIRMED"));
    }

    @Test
    @Order(5)
    @DisplayName("QNT-CRD-2: a claim for a January incident filed on 3 April is disqualified as late")
    void lateClaim() {
        JsonPath ticket = as(platform, "ticket-service", customer)
                .body(Map.of("subject", "SLA Credit Request: January", "severity", 4,
                        "description", PROD + " was down 2027-01-20T10:00Z to 2027-01-20T11:00Z"))
                .post("/api/v1/tickets").then().statusCode(201).extract().jsonPath();
        lateClaim = UUID.fromString(ticket.getString("id"));
        CreditClaimDecided disqualified = platform.events().awaitOne(EventTypes.CREDIT_CLAIM_DECIDED,
                d -> d.claimId().equals(lateClaim) && d.state().equals("DISQUALIFIED"), EVENTUALLY);
        assertThat(disqualified.reason()).isEqualTo("RECEIVED_TOO_LATE");
        assertThat(disqualified.detail()).contains("deadline 2027-03-31T22:00:00Z");
        as(platform, "credit-service", customer).get("/api/v1/claims/" + lateClaim).then().statusCode(200)
                .body("state", equalTo("DISQUALIFIED")).body("reason", equalTo("RECEIVED_TOO_LATE"));
    }

    @Test
    @Order(6)
    @DisplayName("QNT-CRD-3, CRD-6, CRD-7: settled in the cycle after confirmation, 240.00 EUR in the ledger, once")
    void settlement() {
        // confirmed in April: April's own cycle issues nothing for it
        platform.travelTo(Instant.parse("2027-04-05T08:00:00Z"));
        as(platform, "credit-service", admin).post("/api/v1/settlements/2027-04").then().statusCode(200);
        as(platform, "credit-service", customer).get("/api/v1/accounts/" + ACCOUNT + "/credits").then().statusCode(200)
                .body("entries.size()", equalTo(0));

        platform.travelTo(Instant.parse("2027-05-01T06:00:00Z"));
        as(platform, "credit-service", admin).post("/api/v1/settlements/2027-05").then().statusCode(200);
        CreditIssued issued = platform.events().awaitOne(EventTypes.CREDIT_ISSUED, c -> c.accountId().equals(ACCOUNT),
                EVENTUALLY);
        assertThat(issued.amount()).isEqualByComparingTo("240.00");
        assertThat(issued.currency()).isEqualTo("EUR");
        assertThat(issued.rule()).isEqualTo("QNT-CRD-1");
        assertThat(issued.cycle()).isEqualTo("2027-05");
        assertThat(issued.month()).isEqualTo("2027-03");
        // money once (QNT-CRD-1, docs/policies.md): the credit is the account's month, not one instance's
        assertThat(issued.instanceId()).isNull();
        assertThat(issued.claimId()).isEqualTo(claim);
        assertThat(issued.explanation()).contains("44580 minutes", "95 Unavailable", "180 excluded", "10 %",
                "one-time fees excluded", "240.00 EUR");
        platform.events().awaitOne(EventTypes.CREDIT_CLAIM_DECIDED,
                d -> d.claimId().equals(claim) && d.state().equals("CREDITED"), EVENTUALLY);

        // a second run of the same cycle issues nothing twice
        as(platform, "credit-service", admin).post("/api/v1/settlements/2027-05").then().statusCode(200);
        JsonPath ledger = as(platform, "credit-service", customer).get("/api/v1/accounts/" + ACCOUNT + "/credits")
                .then().statusCode(200).extract().jsonPath();
        assertThat(new BigDecimal(ledger.getString("balance"))).isEqualByComparingTo("240.00");
        assertThat(ledger.getString("currency")).isEqualTo("EUR");
        assertThat(ledger.getList("entries")).hasSize(1);
        assertThat(ledger.getString("entries[0].kind")).isEqualTo("CREDIT");
        assertThat(ledger.getString("entries[0].month")).isEqualTo("2027-03");
        EventLog.sleep(1_000);
        assertThat(platform.events().all(EventTypes.CREDIT_ISSUED, c -> c.accountId().equals(ACCOUNT))).hasSize(1);
        // the sandbox met its commitment: no claim, no credit
        assertThat(platform.events().all(EventTypes.CREDIT_ISSUED, c -> SANDBOX.equals(c.instanceId()))).isEmpty();
    }

    @Test
    @Order(7)
    @DisplayName("NTF-2, NTF-4, NTF-5: the support contact got each notice once over real SMTP: tickets, maintenance, claims, credit")
    void emails() throws Exception {
        List<TicketCreated> tickets = platform.events().await(EventTypes.TICKET_CREATED,
                t -> t.accountId().equals(ACCOUNT), 2, EVENTUALLY);
        assertThat(tickets).extracting(TicketCreated::category).containsOnly("CREDIT_CLAIM");
        String prefix = "[" + ACCOUNT + "] ";
        List<String> expected = List.of(
                // the email subscription to ticket.created.v1 (NTF-5)
                prefix + "New Sev3 ticket: SLA Credit Request: March outages",
                prefix + "New Sev4 ticket: SLA Credit Request: January",
                // NTF-2: announced 11 days ahead; announced after it started (AVL-3: counted, short notice)
                prefix + "Maintenance ANNOUNCED: 2027-03-16T01:00:00Z to 2027-03-16T02:00:00Z",
                prefix + "Short-notice maintenance: 2027-03-23T01:00:00Z to 2027-03-23T02:00:00Z, less notice than the policy requires",
                // NTF-4: the claims' decisions (RECEIVED is not a notice)
                prefix + "Credit claim CONFIRMED",
                prefix + "Credit claim DISQUALIFIED");
        String credit = prefix + "Service credit of 240.00 EUR for ";
        eventually("every notice to " + OPS, () -> {
            List<String> to = Mails.subjects(platform.smtp(), OPS);
            return to.containsAll(expected) && to.stream().anyMatch(subject -> subject.startsWith(credit)) ? to : null;
        });
        EventLog.sleep(1_000);
        // nothing twice, nothing else: a redelivered event or a retried send would show here
        assertThat(Mails.subjects(platform.smtp(), OPS)).hasSize(expected.size() + 1).doesNotHaveDuplicates()
                .containsAll(expected).anyMatch(subject -> subject.startsWith(credit));
        for (MimeMessage mail : Mails.to(platform.smtp(), OPS)) {
            assertThat(mail.getHeader("X-Sla-Delivery-Id")).hasSize(1);
        }
    }

    @Test
    @Order(8)
    @DisplayName("QNT-AVL-6: the public status page shows both instances without a token")
    void statusPage() {
        // Public only once the account publishes it; the customer chooses its id as the slug.
        as(platform, "availability-service", customer).body(Map.of("slug", ACCOUNT))
                .put("/api/v1/accounts/" + ACCOUNT + "/status-page").then().statusCode(200);
        String html = io.restassured.RestAssured.given().baseUri(platform.uri("availability-service"))
                .get("/status/" + ACCOUNT).then().statusCode(200).extract().asString();
        assertThat(html).contains(PROD, SANDBOX);
    }

    private void postProbes(String key, List<Map<String, Object>> results, int minutes) {
        as(platform, "availability-service", probe).header("Idempotency-Key", key).body(Map.of("results", results))
                .post("/api/v1/probe-results/batches").then().statusCode(200)
                .body("accepted", equalTo(results.size())).body("minutes", equalTo(minutes));
    }

    private static Map<String, Boolean> ordered(String a, boolean upA, String b, boolean upB, String c, boolean upC) {
        Map<String, Boolean> map = new LinkedHashMap<>();
        map.put(a, upA);
        map.put(b, upB);
        map.put(c, upC);
        return map;
    }

    static org.assertj.core.groups.Tuple interval(String start, String end, String source, String cause, String exclusion) {
        return org.assertj.core.groups.Tuple.tuple(Instant.parse(start), Instant.parse(end), source, cause, exclusion);
    }
}
