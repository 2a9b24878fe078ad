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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slaplatform.notification.delivery.EmailSender;

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

    /** The notices GreenMail received for {@code address} (not the confirmation mails of subscriptions). */
    static List<MimeMessage> mailsTo(String address) {
        return received(address, false);
    }

    /** The confirmation mails of email subscriptions (double opt-in) GreenMail received for {@code address}. */
    static List<MimeMessage> confirmationsTo(String address) {
        return received(address, true);
    }

    private static List<MimeMessage> received(String address, boolean confirmations) {
        return Arrays.stream(GreenMailResource.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().equals(address))
                        && (m.getHeader(EmailSender.CONFIRMATION_HEADER) != null) == confirmations;
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The token in the confirmation mail of subscription {@code id}, once it has arrived at {@code address}. */
    static String confirmationToken(String address, String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmationOf(address, id) != null);
        try {
            Matcher token = Pattern.compile("Token:\\s+([A-Za-z0-9_-]+)").matcher(text(confirmationOf(address, id)));
            assertThat(token.find()).as("a token in the confirmation mail").isTrue();
            return token.group(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static MimeMessage confirmationOf(String address, String id) {
        return confirmationsTo(address).stream().filter(m -> {
            try {
                return id.equals(m.getHeader(EmailSender.CONFIRMATION_HEADER)[0]);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElse(null);
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
        if ("PENDING_CONFIRMATION".equals(response.path("status"))) {
            // double opt-in: the address confirms with the token mailed to it, as its owner would
            String id = response.path("id");
            given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(Map.of("token", confirmationToken(target, id)))
                    .when().post("/api/v1/subscriptions/" + id + "/confirm").then().statusCode(200);
        }
        String secret = response.path("secret");
        return secret == null ? Map.of("id", response.path("id")) : Map.of("id", response.path("id"), "secret", secret);
    }
}
