package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.Topics;
import org.slaplatform.events.ticket.FeatureRequestAnswered;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.events.ticket.TicketEscalated;
import org.slaplatform.events.ticket.TicketSeverityChanged;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** TKT-4 states with an audit trail and one event per change, in order on the ticket's key. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class TicketWorkflowTest {

    private static final String CONTACTS = """
            "contacts": [{"role": "ACCOUNT_MANAGER", "name": "Bob Sales", "email": "bob@vendor.example"},
                         {"role": "EXECUTIVE", "name": "Cat Chief", "email": "cat@vendor.example"}]""";

    @BeforeEach
    void accounts() {
        Fixtures.account("acme", "inflectra", "standard", CONTACTS);
        Fixtures.account("wayne", "infotecs", "basic");
    }

    private static ValidatableResponse move(String token, String id, String to) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"to\": \"" + to + "\", \"note\": \"n\"}")
                .when().post("/api/v1/tickets/" + id + "/transitions").then();
    }

    private static List<EventEnvelope<?>> events(String id, int wanted) {
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.await(Topics.TICKETS.name(),
                r -> id.equals(r.key()), wanted, Duration.ofSeconds(20));
        return records.stream().<EventEnvelope<?>>map(CloudEventCodec::fromRecord).toList();
    }

    @Test
    @DisplayName("TKT-4 a ticket goes new -> acknowledged -> waiting -> in progress -> resolved -> reopened -> closed; each move is an event with from/to, policy and time")
    void aTicketsLifeIsItsEventHistory() {
        String id = Fixtures.fileTicket(TestTokens.customer("acme"), """
                {"subject": "Export hangs", "severity": 2}""");
        move(TestTokens.agent(), id, "ACKNOWLEDGED").statusCode(200).body("state", equalTo("ACKNOWLEDGED"));
        move(TestTokens.agent(), id, "WAITING_ON_CUSTOMER").statusCode(200);
        move(TestTokens.customer("acme"), id, "IN_PROGRESS").statusCode(200);
        move(TestTokens.agent(), id, "RESOLVED").statusCode(200);
        move(TestTokens.customer("acme"), id, "IN_PROGRESS").statusCode(200);
        move(TestTokens.customer("acme"), id, "CLOSED").statusCode(200);

        List<EventEnvelope<?>> events = events(id, 7);
        assertThat(events).hasSize(7);
        assertThat(events.get(0).data()).isInstanceOf(TicketCreated.class);
        List<TicketStateChanged> moves = events.subList(1, 7).stream().map(e -> (TicketStateChanged) e.data()).toList();
        assertThat(moves).extracting(TicketStateChanged::fromState, TicketStateChanged::toState).containsExactly(
                org.assertj.core.groups.Tuple.tuple("NEW", "ACKNOWLEDGED"),
                org.assertj.core.groups.Tuple.tuple("ACKNOWLEDGED", "WAITING_ON_CUSTOMER"),
                org.assertj.core.groups.Tuple.tuple("WAITING_ON_CUSTOMER", "IN_PROGRESS"),
                org.assertj.core.groups.Tuple.tuple("IN_PROGRESS", "RESOLVED"),
                org.assertj.core.groups.Tuple.tuple("RESOLVED", "IN_PROGRESS"),
                org.assertj.core.groups.Tuple.tuple("IN_PROGRESS", "CLOSED"));
        assertThat(moves).extracting(TicketStateChanged::reopened).containsExactly(false, false, false, false, true, false);
        assertThat(moves).allSatisfy(m -> {
            assertThat(m.accountId()).isEqualTo("acme");
            assertThat(m.policy()).isEqualTo("inflectra");
            assertThat(m.policyVersion()).isEqualTo(1);
            assertThat(m.severity()).isEqualTo(2);
            assertThat(m.occurredAt()).isNotNull();
        });

        given().auth().oauth2(TestTokens.customer("acme")).when().get("/api/v1/tickets/" + id + "/history")
                .then().statusCode(200)
                .body("kind", org.hamcrest.Matchers.contains("CREATED", "STATE", "STATE", "STATE", "STATE", "STATE", "STATE"))
                .body("[1].to", equalTo("ACKNOWLEDGED")).body("[1].actor", equalTo("agent-user"));
    }

    @Test
    @DisplayName("TKT-4 an illegal transition is a 409 problem+json naming the current state; nothing changes")
    void illegalTransitionsAre409() {
        String id = Fixtures.fileTicket(TestTokens.customer("acme"), """
                {"subject": "Illegal", "severity": 3}""");
        long history = ServiceDatabase.count("select count(*) from ticket_history");
        move(TestTokens.agent(), id, "RESOLVED").statusCode(409).contentType(Fixtures.PROBLEM)
                .body("status", equalTo(409)).body("detail", containsString("is in state NEW"));
        move(TestTokens.agent(), id, "NEW").statusCode(409).body("detail", containsString("is in state NEW"));
        assertThat(ServiceDatabase.count("select count(*) from ticket_history")).isEqualTo(history);
    }

    @Test
    @DisplayName("TKT-4 a customer may not make support's moves (403); another account's ticket is a 404")
    void customersMakeOnlyTheirMoves() {
        String id = Fixtures.fileTicket(TestTokens.customer("acme"), """
                {"subject": "Mine", "severity": 3}""");
        move(TestTokens.customer("acme"), id, "ACKNOWLEDGED").statusCode(403).contentType(Fixtures.PROBLEM);
        move(TestTokens.customer("wayne"), id, "CLOSED").statusCode(404);
        move(TestTokens.probe(), id, "CLOSED").statusCode(403);
    }

    @Test
    @DisplayName("IS-TKT-2 support changes the severity with a reason: recorded and published for SLA-4; a customer may not")
    void supportChangesSeverity() {
        String id = Fixtures.fileTicket(TestTokens.customer("acme"), """
                {"subject": "Slow", "severity": 3}""");
        given().auth().oauth2(TestTokens.customer("acme")).contentType(ContentType.JSON)
                .body("{\"severity\": 1, \"reason\": \"please\"}").when().put("/api/v1/tickets/" + id + "/severity")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON)
                .body("{\"severity\": 1, \"reason\": \"production is down\"}").when().put("/api/v1/tickets/" + id + "/severity")
                .then().statusCode(200).body("severity", equalTo(1));
        TicketSeverityChanged changed = (TicketSeverityChanged) events(id, 2).get(1).data();
        assertThat(changed.fromSeverity()).isEqualTo(3);
        assertThat(changed.toSeverity()).isEqualTo(1);
        assertThat(changed.reason()).isEqualTo("production is down");
        assertThat(changed.policy()).isEqualTo("inflectra");
    }

    @Test
    @DisplayName("INF-TKT-7 escalation on request climbs support -> account manager -> executive, naming the contact; no tier above")
    void escalationClimbsTheChain() {
        String id = Fixtures.fileTicket(TestTokens.customer("acme"), """
                {"subject": "Nobody answers", "severity": 2}""");
        String escalate = "{\"reason\": \"no answer for a day\"}";
        given().auth().oauth2(TestTokens.customer("acme")).contentType(ContentType.JSON).body(escalate)
                .when().post("/api/v1/tickets/" + id + "/escalations").then().statusCode(200)
                .body("escalationLevel", equalTo("ACCOUNT_MANAGER"));
        given().auth().oauth2(TestTokens.customer("acme")).contentType(ContentType.JSON).body(escalate)
                .when().post("/api/v1/tickets/" + id + "/escalations").then().statusCode(200)
                .body("escalationLevel", equalTo("EXECUTIVE"));
        given().auth().oauth2(TestTokens.customer("acme")).contentType(ContentType.JSON).body(escalate)
                .when().post("/api/v1/tickets/" + id + "/escalations").then().statusCode(409)
                .body("detail", containsString("EXECUTIVE"));
        List<EventEnvelope<?>> events = events(id, 3);
        assertThat(events.subList(1, 3)).extracting(e -> (TicketEscalated) e.data())
                .extracting(TicketEscalated::level, TicketEscalated::contactEmail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ACCOUNT_MANAGER", "bob@vendor.example"),
                        org.assertj.core.groups.Tuple.tuple("EXECUTIVE", "cat@vendor.example"));
    }

    @Test
    @DisplayName("IS-TKT-9 a feature request gets one of four answers: a timeline for ADDED_TO_ROADMAP, a reason for DENIED")
    void featureRequestsAreAnswered() {
        String id = Fixtures.fileTicket(TestTokens.customer("acme"), """
                {"subject": "Dark mode", "severity": 4, "category": "FEATURE_REQUEST"}""");
        String path = "/api/v1/tickets/" + id + "/feature-answer";
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"answer\": \"DENIED\"}")
                .when().put(path).then().statusCode(400).body("violations[0].field", equalTo("reason"));
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"answer\": \"ADDED_TO_ROADMAP\"}")
                .when().put(path).then().statusCode(400).body("violations[0].field", equalTo("timeline"));
        given().auth().oauth2(TestTokens.customer("acme")).contentType(ContentType.JSON)
                .body("{\"answer\": \"ON_ROADMAP\"}").when().put(path).then().statusCode(403);
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON)
                .body("{\"answer\": \"ADDED_TO_ROADMAP\", \"timeline\": \"2027 Q2\"}")
                .when().put(path).then().statusCode(200).body("featureAnswer", equalTo("ADDED_TO_ROADMAP"))
                .body("featureTimeline", equalTo("2027 Q2"));
        FeatureRequestAnswered answered = (FeatureRequestAnswered) events(id, 2).get(1).data();
        assertThat(answered.answer()).isEqualTo("ADDED_TO_ROADMAP");
        assertThat(answered.timeline()).isEqualTo("2027 Q2");

        String defect = Fixtures.fileTicket(TestTokens.customer("acme"), """
                {"subject": "Crash", "severity": 2}""");
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"answer\": \"ON_ROADMAP\"}")
                .when().put("/api/v1/tickets/" + defect + "/feature-answer").then().statusCode(409);
    }

    @Test
    @DisplayName("IS-TKT-9 InfoStretch: the policy's reasonRequiredFor and timelineRequiredFor decide; a missing one is a 400 and nothing is written")
    void featureAnswerRequirementsComeFromThePolicy() {
        Fixtures.account("qmetry-user", "infostretch", "maintenance");
        String id = Fixtures.fileTicket(TestTokens.customer("qmetry-user"), """
                {"subject": "Bulk export", "severity": 4, "category": "FEATURE_REQUEST"}""");
        String path = "/api/v1/tickets/" + id + "/feature-answer";
        long history = ServiceDatabase.count("select count(*) from ticket_history where ticket_id = '" + id + "'");
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"answer\": \"DENIED\", \"reason\": \" \"}")
                .when().put(path).then().statusCode(400).contentType(Fixtures.PROBLEM)
                .body("violations[0].field", equalTo("reason"))
                .body("violations[0].message", containsString("policy infostretch"));
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"answer\": \"ADDED_TO_ROADMAP\", \"reason\": \"r\"}")
                .when().put(path).then().statusCode(400).body("violations[0].field", equalTo("timeline"));
        assertThat(ServiceDatabase.count("select count(*) from ticket_history where ticket_id = '" + id + "'")).isEqualTo(history);
        assertThat(ServiceDatabase.count("select count(*) from tickets where id = '" + id + "' and feature_answer is null")).isEqualTo(1);
        // NOT_ON_ROADMAP needs neither under InfoStretch
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON).body("{\"answer\": \"NOT_ON_ROADMAP\"}")
                .when().put(path).then().statusCode(200).body("featureAnswer", equalTo("NOT_ON_ROADMAP"));
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON)
                .body("{\"answer\": \"DENIED\", \"reason\": \"conflicts with the audit trail\"}")
                .when().put(path).then().statusCode(200).body("featureReason", equalTo("conflicts with the audit trail"));
        FeatureRequestAnswered denied = (FeatureRequestAnswered) events(id, 3).get(2).data();
        assertThat(denied.answer()).isEqualTo("DENIED");
        assertThat(denied.reason()).isEqualTo("conflicts with the audit trail");
    }

    @Test
    @DisplayName("IS-TKT-9 ITC accepts feature requests on Premium only: a Basic account is refused with the reason")
    void itcBasicRefusesFeatureRequests() {
        long before = ServiceDatabase.count("select count(*) from tickets");
        given().auth().oauth2(TestTokens.customer("wayne")).contentType(ContentType.JSON)
                .body("{\"subject\": \"New cipher\", \"severity\": 3, \"category\": \"FEATURE_REQUEST\"}")
                .when().post("/api/v1/tickets").then().statusCode(422).contentType(Fixtures.PROBLEM)
                .body("type", equalTo("https://slaplatform.org/problems/not-entitled/feature-requests-not-on-plan"));
        assertThat(ServiceDatabase.count("select count(*) from tickets")).isEqualTo(before);
        Fixtures.account("wayne", "infotecs", "premium");
        Fixtures.fileTicket(TestTokens.customer("wayne"), """
                {"subject": "New cipher", "severity": 3, "category": "FEATURE_REQUEST"}""");
    }

    @Test
    @DisplayName("INF-TKT-3 defects carry priority and risk from the policy's scales; values off the scale are a 400")
    void defectsCarryPriorityAndRisk() {
        given().auth().oauth2(TestTokens.customer("acme")).contentType(ContentType.JSON)
                .body("{\"subject\": \"Data loss\", \"severity\": 1, \"priority\": \"CRITICAL\", \"risk\": \"DEEP_AND_WIDE\"}")
                .when().post("/api/v1/tickets").then().statusCode(201)
                .body("priority", equalTo("CRITICAL")).body("risk", equalTo("DEEP_AND_WIDE"));
        given().auth().oauth2(TestTokens.customer("acme")).contentType(ContentType.JSON)
                .body("{\"subject\": \"x\", \"severity\": 1, \"risk\": \"GALACTIC\"}")
                .when().post("/api/v1/tickets").then().statusCode(400).body("violations[0].field", equalTo("risk"));
        given().auth().oauth2(TestTokens.customer("acme")).contentType(ContentType.JSON)
                .body("{\"subject\": \"x\", \"severity\": 4, \"category\": \"QUESTION\", \"priority\": \"HIGH\"}")
                .when().post("/api/v1/tickets").then().statusCode(400).body("violations[0].field", equalTo("priority"));
        given().auth().oauth2(TestTokens.customer("wayne")).contentType(ContentType.JSON)
                .body("{\"subject\": \"x\", \"severity\": 1, \"priority\": \"HIGH\"}")
                .when().post("/api/v1/tickets").then().statusCode(400).body("detail", containsString("rates no priority"));
    }
}
