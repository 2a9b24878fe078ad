package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.Topics;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The first vertical slice at its source: a ticket filed by API becomes a CloudEvent on tickets.v1. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class TicketIntakeTest {

    private static final String PROBLEM = "application/problem+json";

    @org.junit.jupiter.api.BeforeEach
    void contracts() {
        for (String account : List.of("acme", "globex", "initech")) {
            Fixtures.account(account, "infostretch", "maintenance");
        }
    }

    @Test
    @DisplayName("IS-TKT-1 a customer files a ticket by API; ticket.created reaches Kafka as a CloudEvent")
    void aFiledTicketIsPublished() {
        String id = given().auth().oauth2(TestTokens.customer("acme"))
                .contentType(ContentType.JSON)
                .body("""
                        {"subject": "Login fails", "description": "SSO loops", "severity": 2}""")
                .when().post("/api/v1/tickets")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/tickets/"))
                .body("accountId", equalTo("acme"))
                .body("state", equalTo("NEW"))
                .body("channel", equalTo("API"))
                .extract().path("id");

        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.await(Topics.TICKETS.name(),
                r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(CloudEventCodec.header(record.headers(), "ce_type")).isEqualTo("org.slaplatform.ticket.created.v1");
        assertThat(CloudEventCodec.header(record.headers(), "ce_source")).isEqualTo("/ticket-service");
        assertThat(CloudEventCodec.header(record.headers(), "ce_subject")).isEqualTo(id);
        assertThat(CloudEventCodec.header(record.headers(), "ce_id")).isNotBlank();
        assertThat(CloudEventCodec.header(record.headers(), "ce_time")).isNotBlank();
        EventEnvelope<?> event = CloudEventCodec.fromRecord(record);
        TicketCreated created = (TicketCreated) event.data();
        assertThat(created.accountId()).isEqualTo("acme");
        assertThat(created.severity()).isEqualTo(2);
        assertThat(created.subject()).isEqualTo("Login fails");
        assertThat(created.channel()).isEqualTo("API");
        assertThat(created.policy()).as("POL-3 the policy in force at creation").isEqualTo("infostretch");
        assertThat(created.policyVersion()).isEqualTo(1);
        assertThat(created.category()).isEqualTo("DEFECT");
    }

    @Test
    @DisplayName("W3C Trace Context: the traceparent of the filing request is the trace of ticket.created on Kafka (ce_traceparent), in the service's own span")
    void theRequestsTraceTravelsWithItsEvent() {
        String caller = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String id = given().auth().oauth2(TestTokens.customer("acme")).header("traceparent", caller)
                .contentType(ContentType.JSON)
                .body("""
                        {"subject": "Traced", "severity": 3}""")
                .when().post("/api/v1/tickets")
                .then().statusCode(201).extract().path("id");
        String untraced = given().auth().oauth2(TestTokens.customer("acme")).contentType(ContentType.JSON)
                .body("""
                        {"subject": "Not traced by the caller", "severity": 3}""")
                .when().post("/api/v1/tickets")
                .then().statusCode(201).extract().path("id");

        String traced = CloudEventCodec.header(KafkaTestClient.await(Topics.TICKETS.name(), r -> id.equals(r.key()), 1,
                Duration.ofSeconds(20)).get(0).headers(), "ce_traceparent");
        assertThat(traced).startsWith("00-0af7651916cd43dd8448eb211c80319c-").endsWith("-01")
                .isNotEqualTo(caller).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String started = CloudEventCodec.header(KafkaTestClient.await(Topics.TICKETS.name(), r -> untraced.equals(r.key()),
                1, Duration.ofSeconds(20)).get(0).headers(), "ce_traceparent");
        assertThat(started).as("a request without a traceparent starts a trace").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .doesNotContain("0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    @DisplayName("IS-TKT-1 an agent files for a named account; agent and customer read it")
    void anAgentFilesForANamedAccountAndReadsIt() {
        String id = given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON)
                .body("""
                        {"accountId": "globex", "subject": "Report export", "severity": 4}""")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.agent()).when().get("/api/v1/tickets/" + id)
                .then().statusCode(200).body("accountId", equalTo("globex")).body("severity", equalTo(4));
        given().auth().oauth2(TestTokens.customer("globex")).when().get("/api/v1/tickets/" + id)
                .then().statusCode(200);
    }

    @Test
    @DisplayName("DESIGN-7 a customer token reading another account's ticket gets 404")
    void aCustomerReadingAnotherAccountsTicketGets404() {
        String id = given().auth().oauth2(TestTokens.customer("initech")).contentType(ContentType.JSON)
                .body("""
                        {"subject": "TPS reports", "severity": 3}""")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.customer("acme")).when().get("/api/v1/tickets/" + id)
                .then().statusCode(404).contentType(PROBLEM).body("status", equalTo(404));
    }

    @Test
    @DisplayName("DESIGN-7 a customer cannot file for another account: 403, nothing written")
    void aCustomerCannotFileForAnotherAccount() {
        long before = ServiceDatabase.count("select count(*) from tickets");
        given().auth().oauth2(TestTokens.customer("acme")).contentType(ContentType.JSON)
                .body("""
                        {"accountId": "globex", "subject": "x", "severity": 3}""")
                .when().post("/api/v1/tickets").then().statusCode(403).contentType(PROBLEM);
        assertThat(ServiceDatabase.count("select count(*) from tickets")).isEqualTo(before);
    }

    @Test
    @DisplayName("IS-TKT-1 no anonymous tickets: no token is a 401")
    void anUnauthenticatedWriteGets401() {
        given().contentType(ContentType.JSON).body("""
                {"subject": "x", "severity": 3}""")
                .when().post("/api/v1/tickets").then().statusCode(401);
    }

    @Test
    @DisplayName("DESIGN-7 a token signed by an untrusted key is a 401")
    void aTokenFromAnUntrustedKeyGets401() {
        given().auth().oauth2(TestTokens.forged("admin", null)).contentType(ContentType.JSON)
                .body("""
                        {"accountId": "acme", "subject": "x", "severity": 3}""")
                .when().post("/api/v1/tickets").then().statusCode(401);
    }

    @Test
    @DisplayName("DESIGN-7 a probe token can do nothing here: 403 problem+json")
    void aProbeTokenGets403AsProblemJson() {
        given().auth().oauth2(TestTokens.probe()).contentType(ContentType.JSON).body("""
                {"subject": "x", "severity": 3}""")
                .when().post("/api/v1/tickets")
                .then().statusCode(403).contentType(PROBLEM).body("status", equalTo(403));
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"subject\": \"x\", \"severity\": \"high\"}                  | severity",
            "{\"subject\": \"x\", \"severity\": 7}                         | severity",
            "{\"subject\": \"x\", \"severity\": 0}                         | severity",
            "{\"subject\": \"x\"}                                          | severity",
            "{\"subject\": \"\", \"severity\": 2}                          | subject",
            "{\"severity\": 2}                                             | subject",
            "{\"subject\": \"x\", \"severity\": 2, \"colour\": \"red\"}    | colour",
            "{\"subject\": [1], \"severity\": 2}                           | subject",
            "{\"accountId\": \"ACME; drop table\", \"subject\": \"x\", \"severity\": 2} | accountId",
    })
    @DisplayName("DESIGN-6 malformed bodies get 400 problem+json naming the field, and nothing is written")
    void malformedBodiesAreRefusedNamingTheField(String body, String field) {
        long before = ServiceDatabase.count("select count(*) from tickets");
        long outboxBefore = ServiceDatabase.count("select count(*) from outbox");
        given().auth().oauth2(TestTokens.customer("acme")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM)
                .body("status", equalTo(400))
                .body("violations.field", hasItem(field));
        assertThat(ServiceDatabase.count("select count(*) from tickets")).isEqualTo(before);
        assertThat(ServiceDatabase.count("select count(*) from outbox")).isEqualTo(outboxBefore);
    }

    @Test
    @DisplayName("DESIGN-6 a body that is not JSON is a 400 problem+json")
    void aBodyThatIsNotJsonGets400() {
        given().auth().oauth2(TestTokens.customer("acme")).contentType(ContentType.JSON)
                .body("{not json".getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM).body("title", equalTo("Invalid input"));
    }

    @Test
    @DisplayName("IS-TKT-1 the Feedback button (offered by InfoStretch) files a ticket with the instance's id, version and environment attached")
    void feedbackAttachesTheInstance() {
        Fixtures.account("feedco", "infostretch", "maintenance", """
                "instances": [{"instanceId": "prod-us", "productId": "qmetry-feed", "version": "7.1.0.12", "environment": "production"}],
                "products": [{"productId": "qmetry-feed"}]""");
        String id = given().auth().oauth2(TestTokens.customer("feedco")).contentType(ContentType.JSON)
                .body("{\"instanceId\": \"prod-us\", \"subject\": \"Button does nothing\"}")
                .when().post("/api/v1/feedback").then().statusCode(201)
                .body("channel", equalTo("FEEDBACK")).body("instanceId", equalTo("prod-us"))
                .body("productId", equalTo("qmetry-feed")).body("version", equalTo("7.1.0.12"))
                .body("environment", equalTo("production")).body("severity", equalTo(3))
                .extract().path("id");
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.await(Topics.TICKETS.name(),
                r -> id.equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(((TicketCreated) CloudEventCodec.fromRecord(records.get(0)).data()).channel()).isEqualTo("FEEDBACK");
        given().auth().oauth2(TestTokens.customer("feedco")).contentType(ContentType.JSON)
                .body("{\"instanceId\": \"someone-elses\", \"subject\": \"x\"}")
                .when().post("/api/v1/feedback").then().statusCode(400).contentType(PROBLEM)
                .body("violations.field", hasItem("instanceId"));
    }

    @Test
    @DisplayName("IS-TKT-1 the policy's channels decide: Inflectra and Infotecs offer no Feedback button, so feedback is a 422"
            + " naming the channels offered, and nothing is written")
    void feedbackIsRefusedWhereThePolicyDoesNotOfferIt() {
        Fixtures.account("nofeedback", "inflectra", "standard", """
                "instances": [{"instanceId": "prod-us", "productId": "spira", "version": "7.1.0.12", "environment": "production"}],
                "products": [{"productId": "spira"}]""");
        long before = ServiceDatabase.count("select count(*) from tickets");
        given().auth().oauth2(TestTokens.customer("nofeedback")).contentType(ContentType.JSON)
                .body("{\"instanceId\": \"prod-us\", \"subject\": \"Button does nothing\"}")
                .when().post("/api/v1/feedback").then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://slaplatform.org/problems/not-entitled/channel-not-offered"))
                .body("detail", containsString("does not offer the feedback channel"))
                .body("detail", containsString("portal, api, email, phone"));
        assertThat(ServiceDatabase.count("select count(*) from tickets")).isEqualTo(before);
    }

    @Test
    @DisplayName("IS-TKT-2 the severity scale is the policy's: Infotecs has three levels, so 4 is a 400 naming the field;"
            + " InfoStretch has four")
    void severityScaleIsThePolicys() {
        Fixtures.account("itc-scale", "infotecs", "premium");
        given().auth().oauth2(TestTokens.customer("itc-scale")).contentType(ContentType.JSON)
                .body("{\"subject\": \"x\", \"severity\": 4}").when().post("/api/v1/tickets")
                .then().statusCode(400).contentType(PROBLEM).body("violations.field", hasItem("severity"))
                .body("detail", containsString("[1, 2, 3]"));
        given().auth().oauth2(TestTokens.customer("itc-scale")).contentType(ContentType.JSON)
                .body("{\"subject\": \"Vulnerability\", \"severity\": 1}").when().post("/api/v1/tickets")
                .then().statusCode(201);
        given().auth().oauth2(TestTokens.customer("acme")).contentType(ContentType.JSON)
                .body("{\"subject\": \"Minor\", \"severity\": 4}").when().post("/api/v1/tickets")
                .then().statusCode(201);
    }
}
