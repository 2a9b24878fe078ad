package org.slaplatform.notification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Issue 17, double opt-in: an account may not have notices mailed to an address that never agreed.
 * Addresses that are contacts of the account's contract are trusted; any other confirms first.
 */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(GreenMailResource.class)
class DoubleOptInTest {

    private static final String TICKET_CREATED = EventTypes.TICKET_CREATED.type();

    private static String subscribe(String account, String email, String expectedStatus) {
        return given().auth().oauth2(TestTokens.customer(account)).contentType(ContentType.JSON)
                .body(Map.of("eventType", TICKET_CREATED, "channel", "EMAIL", "email", email))
                .when().post("/api/v1/subscriptions")
                .then().statusCode(201).body("status", equalTo(expectedStatus)).extract().path("id");
    }

    private static EventEnvelope<TicketCreated> ticketProcessed(String account, String subject) {
        EventEnvelope<TicketCreated> event = Notices.ticketCreated(account, 2, subject);
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceDatabase.count(
                "select count(*) from inbox where event_id = '" + event.id() + "'") == 1);
        return event;
    }

    private static long deliveriesOf(EventEnvelope<?> event) {
        return ServiceDatabase.count("select count(*) from deliveries where event_id = '" + event.id() + "'");
    }

    private static long pending(String id) {
        return ServiceDatabase.count("select count(*) from subscriptions where id = '" + id
                + "' and confirmed_at is null and confirm_token_hash is not null");
    }

    private static void confirm(String account, String id, String token, int status) {
        given().auth().oauth2(TestTokens.customer(account)).contentType(ContentType.JSON).body(Map.of("token", token))
                .when().post("/api/v1/subscriptions/" + id + "/confirm").then().statusCode(status);
    }

    @Test
    @DisplayName("subscription spam: an address that is not a contact gets one confirmation mail and no notice until it confirms with its token")
    void anUnconfirmedAddressGetsNoNoticeUntilItConfirms() throws Exception {
        String stranger = "stranger@elsewhere-optin.example";
        String id = subscribe("optin-a", stranger, "PENDING_CONFIRMATION");
        given().auth().oauth2(TestTokens.customer("optin-a")).when().get("/api/v1/subscriptions/" + id)
                .then().statusCode(200).body("status", equalTo("PENDING_CONFIRMATION"))
                .body("confirmationExpiresAt", notNullValue());
        String token = Notices.confirmationToken(stranger, id);
        assertThat(Notices.confirmationsTo(stranger).get(0).getSubject())
                .isEqualTo("Confirm SLA platform notices to " + stranger + " (account optin-a)");
        // stored hashed: the token is nowhere in the database in plain text
        assertThat(ServiceDatabase.count("select count(*) from deliveries where payload like '%" + token + "%'")).isZero();
        assertThat(ServiceDatabase.count("select count(*) from subscriptions where id = '" + id
                + "' and confirm_token_hash = sha256(convert_to('" + token + "', 'UTF8'))")).isEqualTo(1);

        EventEnvelope<TicketCreated> before = ticketProcessed("optin-a", "Before the confirmation");
        assertThat(deliveriesOf(before)).as("deliveries planned to an unconfirmed address").isZero();

        confirm("optin-b", id, token, 404); // another account's customer, even with the token
        confirm("optin-a", id, token, 200);
        confirm("optin-a", id, token, 409); // single use
        given().auth().oauth2(TestTokens.customer("optin-a")).when().get("/api/v1/subscriptions/" + id)
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("confirmationExpiresAt", nullValue());
        assertThat(ServiceDatabase.count("select count(*) from subscriptions where id = '" + id
                + "' and confirm_token_hash is null and confirmed_at is not null")).isEqualTo(1);

        EventEnvelope<TicketCreated> after = ticketProcessed("optin-a", "After the confirmation");
        await().atMost(Duration.ofSeconds(30)).until(() -> Notices.mailsTo(stranger).size() == 1);
        assertThat(Notices.mailsTo(stranger).get(0).getSubject()).contains("After the confirmation");
        assertThat(deliveriesOf(after)).isEqualTo(1);
        assertThat(Notices.confirmationsTo(stranger)).as("confirmation mails, once").hasSize(1);
    }

    @Test
    @DisplayName("subscription spam: a wrong or missing token is refused with 400 problem+json naming token, and nothing changes")
    void aWrongTokenIsRefusedAndChangesNothing() {
        String address = "someone@elsewhere-wrong.example";
        String id = subscribe("optin-wrong", address, "PENDING_CONFIRMATION");
        String token = Notices.confirmationToken(address, id);
        for (String wrong : List.of(token.substring(1) + "A", "not-the-token", "x".repeat(500), " ")) {
            given().auth().oauth2(TestTokens.customer("optin-wrong")).contentType(ContentType.JSON)
                    .body(Map.of("token", wrong))
                    .when().post("/api/v1/subscriptions/" + id + "/confirm")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("token"));
        }
        given().auth().oauth2(TestTokens.customer("optin-wrong")).contentType(ContentType.JSON).body(Map.of())
                .when().post("/api/v1/subscriptions/" + id + "/confirm")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("token"));
        assertThat(pending(id)).as("still unconfirmed, the token still valid").isEqualTo(1);
        confirm("optin-wrong", id, token, 200);
    }

    @Test
    @DisplayName("subscription spam: an expired token is refused with 400 problem+json, the subscription stays unconfirmed")
    void anExpiredTokenIsRefused() throws Exception {
        String address = "late@elsewhere-expired.example";
        String id = subscribe("optin-expired", address, "PENDING_CONFIRMATION");
        String token = Notices.confirmationToken(address, id);
        try (var connection = ServiceDatabase.connect(); var update = connection.createStatement()) {
            update.executeUpdate("update subscriptions set confirm_expires_at = now() - interval '1 minute' where id = '" + id + "'");
        }
        given().auth().oauth2(TestTokens.customer("optin-expired")).contentType(ContentType.JSON)
                .body(Map.of("token", token))
                .when().post("/api/v1/subscriptions/" + id + "/confirm")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("token"))
                .body("violations[0].message", containsString("expired"));
        assertThat(pending(id)).isEqualTo(1);
    }

    @Test
    @DisplayName("a contact of the account's contract is subscribed at once: no confirmation mail, notices from the first event")
    void aContactsAddressIsActiveAtOnce() {
        Instant now = Instant.parse("2026-11-20T18:00:00Z");
        KafkaTestClient.send(CloudEventCodec.toRecord(EventEnvelope.of(EventTypes.CONTRACT_CHANGED, "ticket-service",
                "optin-contact", now, new ContractChanged("optin-contact", "Optin Contact Corp", 1, "inflectra", 1,
                        "Enterprise", "America/New_York", "USD", new BigDecimal("1000.00"), List.of(), "MONTHLY",
                        LocalDate.parse("2026-01-01"), null, List.of(), List.of(),
                        List.of(new ContractChanged.Contact("SUPPORT", "Sam Support", "Support@Optin-Contact.example")),
                        List.of(), now))));
        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceDatabase.count(
                "select count(*) from account_contacts where account_id = 'optin-contact'") == 1);
        String contact = "support@optin-contact.example";

        subscribe("optin-contact", "SUPPORT@optin-contact.example", "ACTIVE");
        EventEnvelope<TicketCreated> event = ticketProcessed("optin-contact", "Contact gets it at once");

        await().atMost(Duration.ofSeconds(30)).until(() -> Notices.mailsTo(contact).size() == 1);
        assertThat(deliveriesOf(event)).isEqualTo(1);
        assertThat(Notices.confirmationsTo(contact)).isEmpty();
    }

    @Test
    @DisplayName("an address waiting for confirmation is confirmed when a contract names it a contact (the subscription raced the contract)")
    void anAddressThatBecomesAContactIsConfirmedByTheContract() {
        String address = "ops@optin-later.example";
        String id = subscribe("optin-later", address, "PENDING_CONFIRMATION");
        assertThat(ticketProcessed("optin-later", "Before the contract")).satisfies(e -> assertThat(deliveriesOf(e)).isZero());

        Instant now = Instant.parse("2026-11-21T09:00:00Z");
        KafkaTestClient.send(CloudEventCodec.toRecord(EventEnvelope.of(EventTypes.CONTRACT_CHANGED, "ticket-service",
                "optin-later", now, new ContractChanged("optin-later", "Optin Later Corp", 1, "inflectra", 1,
                        "Enterprise", "America/New_York", "USD", new BigDecimal("1000.00"), List.of(), "MONTHLY",
                        LocalDate.parse("2026-01-01"), null, List.of(), List.of(),
                        List.of(new ContractChanged.Contact("SUPPORT", "Olga Ops", "Ops@Optin-Later.example")),
                        List.of(), now))));
        await().atMost(Duration.ofSeconds(30)).until(() -> pending(id) == 0);
        given().auth().oauth2(TestTokens.customer("optin-later")).when().get("/api/v1/subscriptions/" + id)
                .then().statusCode(200).body("status", equalTo("ACTIVE")).body("confirmationExpiresAt", nullValue());

        EventEnvelope<TicketCreated> after = ticketProcessed("optin-later", "After the contract");
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveriesOf(after) == 1);
    }
}
