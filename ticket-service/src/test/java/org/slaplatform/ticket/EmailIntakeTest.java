package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.Topics;
import org.slaplatform.events.notification.EmailReplyRequested;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** IS-TKT-1 email channel, with GreenMail as the real mail server: email in, reply (requested) out. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(value = GreenMailResource.class, restrictToAnnotatedClass = true)
class EmailIntakeTest {

    @BeforeEach
    void account() {
        Fixtures.account("mailco", "infostretch", "maintenance", """
                "contacts": [{"role": "SUPPORT", "name": "Ann", "email": "ann@mailco.example"},
                             {"role": "SUPPORT", "name": "Bob", "email": "bob@mailco.example"}]""");
    }

    private static byte[] message(String from, String subject, String text, String messageId) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        if (from != null) {
            message.setFrom(new InternetAddress(from));
        }
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(GreenMailResource.MAILBOX));
        message.setSubject(subject);
        message.setText(text);
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }

    private static EmailReplyRequested reply(String messageId) {
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.await(Topics.NOTIFICATION_REQUESTS.name(),
                r -> ("email-reply:" + messageId).equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(records).hasSize(1);
        return (EmailReplyRequested) CloudEventCodec.fromRecord(records.get(0)).data();
    }

    @Test
    @DisplayName("IS-TKT-1 NTF-3 a posted RFC 5322 mail from a contact files a ticket and asks for a reply naming it; the same mail again files nothing")
    void aPostedMailFilesATicket() throws Exception {
        String messageId = "<m1.posted@mailco.example>";
        byte[] raw = message("Ann <ann@mailco.example>", "[Sev2] Cannot log in", "SSO loops since 9:00", messageId);
        String ticketId = given().auth().oauth2(TestTokens.agent()).contentType("message/rfc822").body(raw)
                .when().post("/api/v1/intake/email").then().statusCode(201)
                .body("outcome", equalTo("TICKET_CREATED")).extract().path("ticketId");
        given().auth().oauth2(TestTokens.customer("mailco")).when().get("/api/v1/tickets/" + ticketId)
                .then().statusCode(200).body("channel", equalTo("EMAIL")).body("severity", equalTo(2))
                .body("createdBy", equalTo("ann@mailco.example")).body("description", containsString("SSO loops"));

        EmailReplyRequested reply = reply(messageId);
        assertThat(reply.to()).isEqualTo("ann@mailco.example");
        assertThat(reply.outcome()).isEqualTo("TICKET_CREATED");
        assertThat(reply.body()).contains(ticketId);
        assertThat(reply.inReplyTo()).isEqualTo(messageId);

        long tickets = ServiceDatabase.count("select count(*) from tickets");
        given().auth().oauth2(TestTokens.agent()).contentType("message/rfc822").body(raw)
                .when().post("/api/v1/intake/email").then().statusCode(200)
                .body("duplicate", equalTo(true)).body("ticketId", equalTo(ticketId));
        assertThat(ServiceDatabase.count("select count(*) from tickets")).isEqualTo(tickets);
    }

    @Test
    @DisplayName("IS-TKT-1 no anonymous tickets: an unknown sender gets a refusal reply and no ticket")
    void anUnknownSenderIsRefused() throws Exception {
        String messageId = "<m2.stranger@elsewhere.example>";
        long tickets = ServiceDatabase.count("select count(*) from tickets");
        given().auth().oauth2(TestTokens.agent()).contentType("message/rfc822")
                .body(message("mallory@elsewhere.example", "Give me support", "hi", messageId))
                .when().post("/api/v1/intake/email").then().statusCode(200)
                .body("outcome", equalTo("REFUSED")).body("reason", equalTo("unknown-sender"));
        assertThat(ServiceDatabase.count("select count(*) from tickets")).isEqualTo(tickets);
        EmailReplyRequested reply = reply(messageId);
        assertThat(reply.outcome()).isEqualTo("REFUSED");
        assertThat(reply.to()).isEqualTo("mallory@elsewhere.example");
        assertThat(reply.body()).contains("no ticket was created");
    }

    @Test
    @DisplayName("IS-TKT-1 a mail without a sender is a 400 naming From; a customer token may not post mail")
    void badMailIsRefused() throws Exception {
        given().auth().oauth2(TestTokens.agent()).contentType("message/rfc822")
                .body(message(null, "Who am I", "?", "<m3@x.example>"))
                .when().post("/api/v1/intake/email").then().statusCode(400).contentType(Fixtures.PROBLEM)
                .body("violations[0].field", equalTo("From"));
        given().auth().oauth2(TestTokens.customer("mailco")).contentType("message/rfc822")
                .body(message("ann@mailco.example", "x", "y", "<m4@x.example>"))
                .when().post("/api/v1/intake/email").then().statusCode(403);
    }

    private static boolean firstMessageSeen() throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", GreenMailResource.greenMail.getImap().getPort(), GreenMailResource.MAILBOX,
                GreenMailResource.PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                return inbox.getMessage(1).isSet(Flags.Flag.SEEN);
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    @Test
    @DisplayName("IS-TKT-1 a mail delivered over SMTP to the support mailbox is read over IMAP, filed once, answered, and marked seen")
    void theMailboxIsPolled() throws Exception {
        GreenMailUtil.sendTextEmail(GreenMailResource.MAILBOX, "bob@mailco.example", "Reports are empty",
                "Since the upgrade every report is empty.", GreenMailResource.greenMail.getSmtp().getServerSetup());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                ServiceDatabase.count("select count(*) from tickets where created_by = 'bob@mailco.example' and channel = 'EMAIL'"))
                .isEqualTo(1));
        String messageId = GreenMailResource.greenMail.getReceivedMessages()[0].getMessageID();
        EmailReplyRequested reply = reply(messageId);
        assertThat(reply.to()).isEqualTo("bob@mailco.example");
        assertThat(reply.outcome()).isEqualTo("TICKET_CREATED");

        await().atMost(Duration.ofSeconds(10)).until(EmailIntakeTest::firstMessageSeen);
        Thread.sleep(2500); // two more polls: the seen message is not filed again
        assertThat(ServiceDatabase.count("select count(*) from tickets where created_by = 'bob@mailco.example'")).isEqualTo(1);
    }
}
