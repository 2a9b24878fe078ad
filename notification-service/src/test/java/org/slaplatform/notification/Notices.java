package org.slaplatform.notification;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.testing.TestTokens;

import io.restassured.http.ContentType;

/** What the delivery tests share: events and subscriptions made through the API. */
final class Notices {

    private Notices() {
    }

    static EventEnvelope<TicketCreated> ticketCreated(String account, int severity, String subject) {
        UUID id = UUID.randomUUID();
        Instant filed = Instant.parse("2026-11-20T17:30:00Z");
        return EventEnvelope.of(EventTypes.TICKET_CREATED, "ticket-service", id.toString(), filed,
                new TicketCreated(id, account, severity, subject, "API", filed, "DEFECT", "infostretch", 1,
                        "Enterprise", "America/Los_Angeles", List.of()));
    }

    /** Subscribes {@code account} and answers the subscription's id and (for a webhook) its secret. */
    static Map<String, String> subscribe(String account, String channel, String target) {
        Map<String, String> body = Map.of("accountId", account, "eventType", EventTypes.TICKET_CREATED.type(),
                "channel", channel, channel.equals("EMAIL") ? "email" : "url", target);
        var response = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/subscriptions").then().statusCode(201).extract();
        String secret = response.path("secret");
        return secret == null ? Map.of("id", response.path("id")) : Map.of("id", response.path("id"), "secret", secret);
    }
}
