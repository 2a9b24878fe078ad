package org.slaplatform.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slaplatform.events.EventTypes;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The subscriptions API with the operator's defaults: https only, public targets only. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class SubscriptionApiTest {

    /** A secret of the subscriber's own, in the Standard Webhooks form: whsec_ + base64 of 32 bytes. */
    private static final String OWN_SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("my-own-secret-of-32-characters!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private static final String TICKET_CREATED = EventTypes.TICKET_CREATED.type();
    private static final String PUBLIC_URL = "https://93.184.216.34/hooks/sla";

    private static long subscriptions() {
        return ServiceDatabase.count("select count(*) from subscriptions");
    }

    @Test
    @DisplayName("NTF-5 a customer subscribes a webhook for its own account; the generated secret is shown once")
    void aCustomerSubscribesAWebhook() {
        String id = given().auth().oauth2(TestTokens.customer("initech")).contentType(ContentType.JSON)
                .body(Map.of("eventType", TICKET_CREATED, "channel", "WEBHOOK", "url", PUBLIC_URL))
                .when().post("/api/v1/subscriptions")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/subscriptions/"))
                .body("accountId", equalTo("initech"))
                .body("url", equalTo(PUBLIC_URL))
                .body("secret", startsWith("whsec_"))
                .extract().path("id");

        given().auth().oauth2(TestTokens.customer("initech")).when().get("/api/v1/subscriptions/" + id)
                .then().statusCode(200).body("secret", nullValue()).body("eventType", equalTo(TICKET_CREATED));
        given().auth().oauth2(TestTokens.customer("initech")).when().get("/api/v1/subscriptions")
                .then().statusCode(200).body("$", hasSize(1)).body("[0].secret", nullValue());
        given().auth().oauth2(TestTokens.customer("globex")).when().get("/api/v1/subscriptions/" + id)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.customer("globex")).when().delete("/api/v1/subscriptions/" + id)
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.customer("initech")).when().delete("/api/v1/subscriptions/" + id)
                .then().statusCode(204);
        given().auth().oauth2(TestTokens.customer("initech")).when().get("/api/v1/subscriptions/" + id)
                .then().statusCode(404);
    }

    @Test
    @DisplayName("NTF-5 an admin subscribes any account, naming it; a customer may not name another account")
    void adminsNameTheAccountCustomersOnlyTheirOwn() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("accountId", "hooli", "eventType", TICKET_CREATED, "channel", "EMAIL",
                        "email", "Support@Hooli.example"))
                .when().post("/api/v1/subscriptions")
                .then().statusCode(201).body("accountId", equalTo("hooli")).body("email", equalTo("support@hooli.example"))
                .body("secret", nullValue());
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("eventType", TICKET_CREATED, "channel", "EMAIL", "email", "ops@hooli.example"))
                .when().post("/api/v1/subscriptions")
                .then().statusCode(400).body("violations[0].field", equalTo("accountId"));
        given().auth().oauth2(TestTokens.customer("globex")).contentType(ContentType.JSON)
                .body(Map.of("accountId", "hooli", "eventType", TICKET_CREATED, "channel", "EMAIL",
                        "email", "mallory@globex.example"))
                .when().post("/api/v1/subscriptions")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.agent()).contentType(ContentType.JSON)
                .body(Map.of("accountId", "hooli", "eventType", TICKET_CREATED, "channel", "EMAIL",
                        "email", "agent@hooli.example"))
                .when().post("/api/v1/subscriptions")
                .then().statusCode(403);
        given().when().get("/api/v1/subscriptions").then().statusCode(401);
    }

    @Test
    @DisplayName("DESIGN-6 input is taken as written: a number where a text belongs is a 400 problem naming the field, nothing stored")
    void aNumberIsNotAText() {
        given().auth().oauth2(TestTokens.customer("strictco")).contentType(ContentType.JSON)
                .body("{\"eventType\": \"" + TICKET_CREATED + "\", \"channel\": \"EMAIL\", \"email\": 12345}")
                .when().post("/api/v1/subscriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("email"));
        given().auth().oauth2(TestTokens.customer("strictco")).when().get("/api/v1/subscriptions")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    @DisplayName("NTF-5 the same subscription twice is a 409, and a supplied secret is kept")
    void theSameSubscriptionTwiceIsAConflict() {
        Map<String, String> body = Map.of("eventType", TICKET_CREATED, "channel", "WEBHOOK",
                "url", "https://93.184.216.34/dup", "secret", OWN_SECRET);
        given().auth().oauth2(TestTokens.customer("umbrella")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/subscriptions").then().statusCode(201)
                .body("secret", equalTo(OWN_SECRET));
        given().auth().oauth2(TestTokens.customer("umbrella")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/subscriptions").then().statusCode(409)
                .contentType("application/problem+json");
    }

    private static int subscribe(String account, int n) {
        return given().auth().oauth2(TestTokens.customer(account)).contentType(ContentType.JSON)
                .body(Map.of("eventType", TICKET_CREATED, "channel", "EMAIL", "email", "ops" + n + "@" + account + ".example"))
                .when().post("/api/v1/subscriptions").then().extract().statusCode();
    }

    @Test
    @DisplayName("subscription flood: the 51st subscription of an account is 422 problem+json naming the limit, nothing stored")
    void subscriptionFloodIsCappedPerAccount() {
        for (int n = 0; n < 50; n++) {
            assertThat(subscribe("floodco", n)).as("subscription %d", n).isEqualTo(201);
        }
        long before = subscriptions();
        given().auth().oauth2(TestTokens.customer("floodco")).contentType(ContentType.JSON)
                .body(Map.of("eventType", TICKET_CREATED, "channel", "EMAIL", "email", "one-more@floodco.example"))
                .when().post("/api/v1/subscriptions")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("maximum of 50 subscriptions"))
                .body("detail", containsString("notification.max-subscriptions-per-account"));
        assertThat(subscriptions()).isEqualTo(before);
        // another account is not affected by floodco's count
        assertThat(subscribe("calmco", 0)).isEqualTo(201);
    }

    @Test
    @DisplayName("subscription flood in parallel: concurrent creates cannot pass the cap together")
    void parallelSubscriptionFloodStopsAtTheCap() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int n = 0; n < 60; n++) {
                int i = n;
                answers.add(pool.submit(() -> subscribe("rushco", i)));
            }
            int created = 0;
            int refused = 0;
            for (var answer : answers) {
                int status = answer.get();
                created += status == 201 ? 1 : 0;
                refused += status == 422 ? 1 : 0;
            }
            assertThat(created).isEqualTo(50);
            assertThat(refused).isEqualTo(10);
            assertThat(ServiceDatabase.count("select count(*) from subscriptions where account_id = 'rushco'")).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0} {1}={2} -> {3}")
    @DisplayName("NTF-5 bad subscriptions are refused with 400 problem+json naming the field, and nothing is written")
    @CsvSource(delimiter = '|', value = {
            "WEBHOOK | url   | not a url                                | url       | is not a valid URL",
            "WEBHOOK | url   | /relative/path                           | url       | must be an absolute https URL",
            "WEBHOOK | url   | ftp://93.184.216.34/hook                 | url       | must be an absolute https URL",
            "WEBHOOK | url   | http://93.184.216.34/hook                | url       | must be an absolute https URL",
            "WEBHOOK | url   | https://127.0.0.1/hook                   | url       | not globally reachable",
            "WEBHOOK | url   | https://localhost:8443/hook              | url       | not globally reachable",
            "WEBHOOK | url   | https://[::1]/hook                       | url       | not globally reachable",
            "WEBHOOK | url   | https://10.1.2.3/hook                    | url       | not globally reachable",
            "WEBHOOK | url   | https://192.168.0.10/hook                | url       | not globally reachable",
            "WEBHOOK | url   | https://172.16.5.4/hook                  | url       | not globally reachable",
            "WEBHOOK | url   | https://169.254.169.254/latest/meta-data | url       | not globally reachable",
            "WEBHOOK | url   | https://100.64.0.1/hook                  | url       | not globally reachable",
            "WEBHOOK | url   | https://[fd00::1]/hook                   | url       | not globally reachable",
            "WEBHOOK | url   | https://0.0.0.0/hook                     | url       | not globally reachable",
            "WEBHOOK | url   | https://198.18.0.1/hook                  | url       | 198.18.0.0/15 (benchmarking)",
            "WEBHOOK | url   | https://[64:ff9b::a9fe:a9fe]/hook        | url       | NAT64 well-known prefix",
            "WEBHOOK | url   | https://[2002:7f00:1::1]/hook            | url       | 6to4",
            "WEBHOOK | url   | https://[::127.0.0.1]/hook               | url       | IPv4-compatible",
            "WEBHOOK | url   | https://[2001:0:4136:e378::1]/hook       | url       | Teredo",
            "WEBHOOK | url   | https://user:pw@93.184.216.34/hook       | url       | must not carry credentials",
            "WEBHOOK | url   | ''                                       | url       | must not be blank",
            "WEBHOOK | email | ops@initech.example                      | email     | is for EMAIL subscriptions",
            "EMAIL   | email | not-an-email                             | email     | is not a valid email address",
            "EMAIL   | email | ops@localhost                            | email     | is not a valid email address",
            "EMAIL   | email | two words@initech.example                | email     | is not a valid email address",
            "EMAIL   | email | ops@@initech.example                      | email     | is not a valid email address",
            "EMAIL   | email | ''                                       | email     | must not be blank",
            "EMAIL   | url   | https://93.184.216.34/hook               | url       | is for WEBHOOK subscriptions",
    })
    void badInputIsRefused(String channel, String field, String value, String badField, String reason) {
        long before = subscriptions();
        Map<String, String> body = new java.util.HashMap<>(Map.of("eventType", TICKET_CREATED, "channel", channel));
        body.put(field, value);
        if (channel.equals("EMAIL") && !field.equals("email")) {
            body.put("email", "ops@initech.example");
        }
        if (channel.equals("WEBHOOK") && !field.equals("url")) {
            body.put("url", PUBLIC_URL);
        }
        given().auth().oauth2(TestTokens.customer("initech")).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/subscriptions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo(badField))
                .body("violations[0].message", containsString(reason));
        assertThat(subscriptions()).isEqualTo(before);
    }

    @ParameterizedTest(name = "eventType={0}")
    @DisplayName("NTF-5 event types must exist in the contract and have a notice")
    @CsvSource(delimiter = '|', value = {
            "org.slaplatform.ticket.teleported.v1       | unknown event type org.slaplatform.ticket.teleported.v1",
            "org.slaplatform.notification.delivery-failed.v1 | org.slaplatform.notification.delivery-failed.v1 cannot be subscribed to",
            "org.slaplatform.notification.email-reply-requested.v1 | cannot be subscribed to; subscribable types: org.slaplatform.availability.maintenance-announced.v1, org.slaplatform.availability.maintenance-window-changed.v1, org.slaplatform.credit.adjusted.v1, org.slaplatform.credit.claim-decided.v1, org.slaplatform.credit.issued.v1, org.slaplatform.credit.termination-right.v1, org.slaplatform.notification.lifecycle-milestone.v1, org.slaplatform.sla.breached.v1, org.slaplatform.sla.escalated.v1, org.slaplatform.sla.warning.v1, org.slaplatform.ticket.created.v1, org.slaplatform.ticket.escalated.v1",
            "''                                          | must not be blank",
    })
    void unknownEventTypesAreRefused(String eventType, String reason) {
        long before = subscriptions();
        given().auth().oauth2(TestTokens.customer("initech")).contentType(ContentType.JSON)
                .body(Map.of("eventType", eventType, "channel", "EMAIL", "email", "ops@initech.example"))
                .when().post("/api/v1/subscriptions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("eventType"))
                .body("violations[0].message", containsString(reason));
        assertThat(subscriptions()).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("DESIGN-6 a field out of its bounds (Bean Validation on the request) is a 400 naming it, nothing stored")
    @CsvSource(delimiter = '|', value = {
            "accountId | Not An Id | must be an id",
            "eventType | 201       | size must be between",
            "secret    | 201       | size must be between",
    })
    void fieldsOutOfBoundsAreRefused(String field, String value, String reason) {
        long before = subscriptions();
        Map<String, String> body = new java.util.HashMap<>(Map.of("accountId", "hooli", "eventType", TICKET_CREATED,
                "channel", "WEBHOOK", "url", PUBLIC_URL));
        body.put(field, value.chars().allMatch(Character::isDigit) ? "x".repeat(Integer.parseInt(value)) : value);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/subscriptions")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo(field))
                .body("violations[0].message", containsString(reason));
        assertThat(subscriptions()).isEqualTo(before);
    }

    @Test
    @DisplayName("NTF-5 a missing or unknown channel, a secret not in the whsec_ form and unknown fields are refused by name")
    void structuralErrorsNameTheField() {
        given().auth().oauth2(TestTokens.customer("initech")).contentType(ContentType.JSON)
                .body(Map.of("eventType", TICKET_CREATED, "email", "ops@initech.example"))
                .when().post("/api/v1/subscriptions")
                .then().statusCode(400).body("violations[0].field", equalTo("channel"));
        given().auth().oauth2(TestTokens.customer("initech")).contentType(ContentType.JSON)
                .body(Map.of("eventType", TICKET_CREATED, "channel", "PIGEON", "email", "ops@initech.example"))
                .when().post("/api/v1/subscriptions")
                .then().statusCode(400).body("violations[0].field", equalTo("channel"));
        given().auth().oauth2(TestTokens.customer("initech")).contentType(ContentType.JSON)
                .body(Map.of("eventType", TICKET_CREATED, "channel", "WEBHOOK", "url", PUBLIC_URL, "secret", "short"))
                .when().post("/api/v1/subscriptions")
                .then().statusCode(400).body("violations[0].field", equalTo("secret"));
        // a secret that is not in the Standard Webhooks form, and one whose key is too short (16 bytes)
        for (String secret : List.of("printable-but-not-standard-webhooks-form!", "whsec_AAAAAAAAAAAAAAAAAAAAAA==")) {
            given().auth().oauth2(TestTokens.customer("initech")).contentType(ContentType.JSON)
                    .body(Map.of("eventType", TICKET_CREATED, "channel", "WEBHOOK", "url", PUBLIC_URL, "secret", secret))
                    .when().post("/api/v1/subscriptions")
                    .then().statusCode(400).body("violations[0].field", equalTo("secret"))
                    .body("violations[0].message", containsString("Standard Webhooks"));
        }
        given().auth().oauth2(TestTokens.customer("initech")).contentType(ContentType.JSON)
                .body(Map.of("eventType", TICKET_CREATED, "channel", "EMAIL", "email", "ops@initech.example",
                        "cc", "boss@initech.example"))
                .when().post("/api/v1/subscriptions")
                .then().statusCode(400).body("violations[0].field", equalTo("cc"));
        given().auth().oauth2(TestTokens.customer("initech")).when().get("/api/v1/deliveries?limit=0")
                .then().statusCode(400).body("violations[0].field", equalTo("limit"));
    }
}
