package org.slaplatform.notification;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

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
        return subscribe(account, EventTypes.TICKET_CREATED.type(), channel, target);
    }

    /** The mails GreenMail received for {@code address}. */
    static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(GreenMailResource.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The text/plain part of a mail. */
    static String text(MimeMessage mail) throws Exception {
        StringBuilder all = new StringBuilder();
        collect((MimeMultipart) mail.getContent(), all, "text/plain");
        return all.toString();
    }

    /** The text/html part of a mail. */
    static String html(MimeMessage mail) throws Exception {
        StringBuilder all = new StringBuilder();
        collect((MimeMultipart) mail.getContent(), all, "text/html");
        return all.toString();
    }

    private static void collect(MimeMultipart multipart, StringBuilder all, String mimeType) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            Object content = multipart.getBodyPart(i).getContent();
            if (content instanceof MimeMultipart nested) {
                collect(nested, all, mimeType);
            } else if (multipart.getBodyPart(i).isMimeType(mimeType)) {
                all.append(content);
            }
        }
    }

    static Map<String, String> subscribe(String account, String eventType, String channel, String target) {
        Map<String, String> body = Map.of("accountId", account, "eventType", eventType,
                "channel", channel, channel.equals("EMAIL") ? "email" : "url", target);
        var response = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/subscriptions").then().statusCode(201).extract();
        String secret = response.path("secret");
        return secret == null ? Map.of("id", response.path("id")) : Map.of("id", response.path("id"), "secret", secret);
    }
}
