package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

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
import org.slaplatform.ticket.email.InboundEmail;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

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

    private static void assertNoReply(String messageId) {
        assertThat(ServiceDatabase.count("select count(*) from outbox where record_key = 'email-reply:" + messageId + "'"))
                .isZero();
        assertThat(KafkaTestClient.await(Topics.NOTIFICATION_REQUESTS.name(),
                r -> ("email-reply:" + messageId).equals(r.key()), 1, Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    @DisplayName("IS-TKT-1 NTF-3 no anonymous tickets, no backscatter: an unknown sender gets no ticket and no automatic reply")
    void unknownSenderGetsNoAutoReply() throws Exception {
        String messageId = "<m2.stranger@elsewhere.example>";
        long tickets = ServiceDatabase.count("select count(*) from tickets");
        given().auth().oauth2(TestTokens.agent()).contentType("message/rfc822")
                .body(message("victim@elsewhere.example", "Give me support", "hi", messageId))
                .when().post("/api/v1/intake/email").then().statusCode(200)
                .body("outcome", equalTo("REFUSED")).body("reason", equalTo("unknown-sender"));
        assertThat(ServiceDatabase.count("select count(*) from tickets")).isEqualTo(tickets);
        assertNoReply(messageId);
    }

    @Test
    @DisplayName("IS-TKT-1 only an account's registered contacts file by mail: a From that only looks like a contact's (display name, look-alike domain, Reply-To) files nothing and is not answered")
    void forgedFromOfNonContactFilesNothing() throws Exception {
        long tickets = ServiceDatabase.count("select count(*) from tickets");
        List<String> forgeries = List.of(
                "From: \"ann@mailco.example\" <mallory@evil.example>\r\nReply-To: ann@mailco.example\r\n",
                "From: Ann <ann@mailco.example.evil.example>\r\n",
                "From: mallory@evil.example (ann@mailco.example)\r\nSender: ann@mailco.example\r\n");
        for (int i = 0; i < forgeries.size(); i++) {
            String messageId = "<m8." + i + ".forged@evil.example>";
            String raw = forgeries.get(i) + "To: " + GreenMailResource.MAILBOX + "\r\nSubject: [Sev1] Reset my password\r\n"
                    + "Message-ID: " + messageId + "\r\nDate: Tue, 10 Mar 2026 14:05:00 +0000\r\n\r\nPlease.\r\n";
            given().auth().oauth2(TestTokens.agent()).contentType("message/rfc822")
                    .body(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .when().post("/api/v1/intake/email").then().statusCode(200)
                    .body("outcome", equalTo("REFUSED")).body("reason", equalTo("unknown-sender"))
                    .body("ticketId", nullValue());
            assertNoReply(messageId);
        }
        assertThat(ServiceDatabase.count("select count(*) from tickets")).isEqualTo(tickets);
    }

    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]");

    @Test
    @DisplayName("IS-TKT-1 NTF-3 header injection: CR/LF and control characters in an email's (RFC 2047 encoded) subject are folded to spaces and never reach the reply's Subject header")
    void subjectWithCrLfInAMailNeverReachesTheReplyHeader() throws Exception {
        String messageId = "<m5.crlf@mailco.example>";
        String evil = "[Sev3] Printer on fire\r\nBcc: everyone@evil.example\u0007\u0085\u2028X-Evil: 1";
        String raw = "From: Ann <ann@mailco.example>\r\nTo: " + GreenMailResource.MAILBOX + "\r\nSubject: =?UTF-8?B?"
                + java.util.Base64.getEncoder().encodeToString(evil.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + "?=\r\nMessage-ID: " + messageId + "\r\nDate: Tue, 10 Mar 2026 14:05:00 +0000\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\nIt smokes.\r\n";
        String ticketId = given().auth().oauth2(TestTokens.agent()).contentType("message/rfc822")
                .body(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/intake/email").then().statusCode(201).extract().path("ticketId");
        String subject = given().auth().oauth2(TestTokens.customer("mailco")).when().get("/api/v1/tickets/" + ticketId)
                .then().statusCode(200).extract().path("subject");
        assertThat(subject).isEqualTo("[Sev3] Printer on fire Bcc: everyone@evil.example X-Evil: 1");
        assertThat(ServiceDatabase.count("select count(*) from tickets where subject ~ '[\\r\\n]'")).isZero();
        EmailReplyRequested reply = reply(messageId);
        assertThat(reply.subject()).isEqualTo("[ticket " + ticketId + "] " + subject);
        assertThat(CONTROL.matcher(reply.subject()).find()).isFalse();
    }

    @Test
    @DisplayName("IS-TKT-1 DESIGN-6 header injection: a ticket (API or Feedback button) subject with CR, LF, TAB, NUL, ESC, NEL or U+2028 is a 400 problem naming subject, and nothing is stored")
    void subjectWithCrLfIsRefused() {
        long tickets = ServiceDatabase.count("select count(*) from tickets");
        for (String bad : List.of("Login fails\r\nBcc: everyone@evil.example", "a\nb", "a\rb", "a\tb", "a\u0000b", "a\u001bb",
                "a\u0085b", "a\u2028b")) {
            given().auth().oauth2(TestTokens.customer("mailco")).contentType("application/json")
                    .body(java.util.Map.of("subject", bad, "severity", 2))
                    .when().post("/api/v1/tickets").then().statusCode(400).contentType(Fixtures.PROBLEM)
                    .body("violations[0].field", equalTo("subject"));
            given().auth().oauth2(TestTokens.customer("mailco")).contentType("application/json")
                    .body(java.util.Map.of("instanceId", "web-1", "subject", bad))
                    .when().post("/api/v1/feedback").then().statusCode(400).contentType(Fixtures.PROBLEM)
                    .body("violations[0].field", equalTo("subject"));
        }
        assertThat(ServiceDatabase.count("select count(*) from tickets")).isEqualTo(tickets);
    }

    @Test
    @DisplayName("IS-TKT-1 mail bomb: a message over 256 KiB is a 413 problem naming message when posted, and skipped unread when it is in the mailbox; either way nothing is stored or answered")
    void oversizedMailIsRefusedWith413OrIgnored() throws Exception {
        String messageId = "<m6.huge@mailco.example>";
        long tickets = ServiceDatabase.count("select count(*) from tickets");
        given().auth().oauth2(TestTokens.agent()).contentType("message/rfc822")
                .body(message("ann@mailco.example", "Huge", "x".repeat(300 * 1024), messageId))
                .when().post("/api/v1/intake/email").then().statusCode(413).contentType(Fixtures.PROBLEM)
                .body("violations[0].field", equalTo("message"));
        assertThat(ServiceDatabase.count("select count(*) from inbound_emails where message_id = '" + messageId + "'")).isZero();
        assertNoReply(messageId);

        // the same from a contact, delivered to the polled mailbox: marked seen without being filed
        String subject = "Huge attachment";
        GreenMailUtil.sendTextEmail(GreenMailResource.MAILBOX, "ann@mailco.example", subject, "y".repeat(300 * 1024),
                GreenMailResource.greenMail.getSmtp().getServerSetup());
        await().atMost(Duration.ofSeconds(30)).until(() -> seen(subject));
        String delivered = receivedMessageId(subject);
        assertThat(ServiceDatabase.count("select count(*) from inbound_emails where message_id = '" + delivered + "'")).isZero();
        assertThat(ServiceDatabase.count("select count(*) from tickets where subject = '" + subject + "'")).isZero();
        assertThat(ServiceDatabase.count("select count(*) from tickets")).isEqualTo(tickets);
        assertNoReply(delivered);
    }

    @Inject
    Vertx vertx;

    @Test
    @DisplayName("IS-TKT-1 HTML bomb: 40,000 unclosed nested tags and 100,000 unclosed '<' (quadratic for the old tag regex) become exactly the text, parsed on a worker thread: the parser refuses a Vert.x event loop")
    void htmlBombIsConvertedLinearlyOffTheEventLoop() throws Exception {
        String messageId = "<m7.html@mailco.example>";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress("ann@mailco.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(GreenMailResource.MAILBOX));
        message.setSubject("HTML only");
        message.setContent("<p>Reports are <b>empty</b></p><script>alert(1)</script>" + "<b>".repeat(40_000) + "deep"
                + "<".repeat(100_000), "text/html; charset=UTF-8");
        message.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        byte[] raw = out.toByteArray();
        assertThat(raw.length).isLessThanOrEqualTo(InboundEmail.MAX_MESSAGE_BYTES);

        // on an event loop the parser refuses to start: a caller moved back onto the loop fails here
        CompletableFuture<Throwable> onTheLoop = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> {
            if (!Context.isOnEventLoopThread()) {
                onTheLoop.complete(new AssertionError("not on an event loop: " + Thread.currentThread().getName()));
                return;
            }
            try {
                InboundEmail.parse(raw);
                onTheLoop.complete(null);
            } catch (Throwable refused) {
                onTheLoop.complete(refused);
            }
        });
        assertThat(onTheLoop.get(30, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("event loop");

        // so the 201 below means the endpoint parsed and converted it on a worker thread
        String ticketId = given().auth().oauth2(TestTokens.agent()).contentType("message/rfc822").body(raw)
                .when().post("/api/v1/intake/email").then().statusCode(201).extract().path("ticketId");
        String description = given().auth().oauth2(TestTokens.customer("mailco")).when().get("/api/v1/tickets/" + ticketId)
                .then().statusCode(200).extract().path("description");
        // script is not text, the unclosed tags add nothing, every '<' is kept as text; cut at the text limit
        assertThat(description).isEqualTo(("Reports are empty deep" + "<".repeat(100_000)).substring(0, InboundEmail.MAX_TEXT));
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

    /** Whether the mailbox holds a message with this subject that the poller has marked seen. */
    private static boolean seen(String subject) throws Exception {
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", GreenMailResource.greenMail.getImap().getPort(), GreenMailResource.MAILBOX,
                GreenMailResource.PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            try {
                for (Message message : inbox.getMessages()) {
                    if (subject.equals(message.getSubject()) && message.isSet(Flags.Flag.SEEN)) {
                        return true;
                    }
                }
                return false;
            } finally {
                inbox.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static String receivedMessageId(String subject) throws Exception {
        for (MimeMessage message : GreenMailResource.greenMail.getReceivedMessages()) {
            if (subject.equals(message.getSubject())) {
                return message.getMessageID();
            }
        }
        throw new AssertionError("no message with subject " + subject);
    }

    @Test
    @DisplayName("IS-TKT-1 a mail delivered over SMTP to the support mailbox is read over IMAP, filed once, answered, and marked seen")
    void theMailboxIsPolled() throws Exception {
        GreenMailUtil.sendTextEmail(GreenMailResource.MAILBOX, "bob@mailco.example", "Reports are empty",
                "Since the upgrade every report is empty.", GreenMailResource.greenMail.getSmtp().getServerSetup());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                ServiceDatabase.count("select count(*) from tickets where created_by = 'bob@mailco.example' and channel = 'EMAIL'"))
                .isEqualTo(1));
        String messageId = receivedMessageId("Reports are empty");
        EmailReplyRequested reply = reply(messageId);
        assertThat(reply.to()).isEqualTo("bob@mailco.example");
        assertThat(reply.outcome()).isEqualTo("TICKET_CREATED");

        await().atMost(Duration.ofSeconds(10)).until(() -> seen("Reports are empty"));
        Thread.sleep(2500); // two more polls: the seen message is not filed again
        assertThat(ServiceDatabase.count("select count(*) from tickets where created_by = 'bob@mailco.example'")).isEqualTo(1);
    }

    @Inject
    org.slaplatform.ticket.domain.IntakeRulesCatalog rules;

    private Integer mailedSeverity(String from, String subject, String messageId) throws Exception {
        String ticketId = given().auth().oauth2(TestTokens.agent()).contentType("message/rfc822")
                .body(message(from, subject, "details", messageId)).when().post("/api/v1/intake/email")
                .then().statusCode(201).body("outcome", equalTo("TICKET_CREATED")).extract().path("ticketId");
        return given().auth().oauth2(TestTokens.agent()).when().get("/api/v1/tickets/" + ticketId)
                .then().statusCode(200).body("channel", equalTo("EMAIL")).extract().path("severity");
    }

    @Test
    @DisplayName("IS-TKT-2 IS-TKT-1 an email's severity is read on the contract policy's scale: ITC [Vulnerability] 1, [Critical] 2, [Sev2] 2; [Sev4] (off its 1-3 scale) and none take the default, its least severe level 3")
    void emailSeverityFollowsThePolicyScale() throws Exception {
        Fixtures.account("mailitc", "infotecs", "basic", """
                "contacts": [{"role": "SUPPORT", "name": "Ivan", "email": "ivan@mailitc.example"}]""");
        String ivan = "Ivan <ivan@mailitc.example>";
        assertThat(mailedSeverity(ivan, "[Vulnerability] CVE in the client", "<itc1@mailitc.example>")).isEqualTo(1);
        assertThat(mailedSeverity(ivan, "[critical] Tunnel drops", "<itc2@mailitc.example>")).isEqualTo(2);
        assertThat(mailedSeverity(ivan, "[Sev2] Tunnel drops again", "<itc3@mailitc.example>")).isEqualTo(2);
        // a level the scale does not have is not refused: the default applies and support may change it
        assertThat(mailedSeverity(ivan, "[Sev4] Cosmetic glitch", "<itc4@mailitc.example>")).isEqualTo(3);
        assertThat(mailedSeverity(ivan, "Question about licences", "<itc5@mailitc.example>")).isEqualTo(3);
        // a bracketed word that names no severity is skipped; the next one that does decides
        assertThat(mailedSeverity(ivan, "[VPN] [Vulnerability] found", "<itc6@mailitc.example>")).isEqualTo(1);
        // InfoStretch: ids and aliases of its 1-4 scale ("Severity 1", Urgent, Trivial)
        String ann = "Ann <ann@mailco.example>";
        assertThat(mailedSeverity(ann, "[Urgent] Everything is down", "<is1@mailco.example>")).isEqualTo(1);
        assertThat(mailedSeverity(ann, "[sev4] Typo", "<is2@mailco.example>")).isEqualTo(4);
        assertThat(mailedSeverity(ann, "[Trivial] Typo again", "<is3@mailco.example>")).isEqualTo(4);
        assertThat(mailedSeverity(ann, "No marker", "<is4@mailco.example>")).isEqualTo(3);
    }

    @Test
    @DisplayName("IS-TKT-2 a mail naming no severity takes entitlements.intake.defaultSeverity where the policy sets one (test policy fifthvendor: degraded = 2)")
    void defaultSeverityIsThePolicys() {
        var scale = rules.get("fifthvendor", 1).severities();
        assertThat(scale.defaultLevel()).isEqualTo(2);
        assertThat(scale.named("Cosmetic")).contains(3);
        assertThat(scale.named("blocker")).contains(1);
        assertThat(scale.named("Sev4")).isEmpty();
        assertThat(rules.get("infotecs", 1).severities().defaultLevel()).isEqualTo(3);
        assertThat(rules.get("inflectra", 1).severities().named("Medium")).contains(3);
    }
}
