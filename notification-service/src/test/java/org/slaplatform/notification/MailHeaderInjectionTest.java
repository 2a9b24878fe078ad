package org.slaplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.notification.domain.MailHeaders;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Issue 17, trusted inputs: a ticket's subject is a customer's free text and reaches the Subject header
 * of every notice about the ticket. Line breaks in it must not start headers of their own.
 */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(GreenMailResource.class)
class MailHeaderInjectionTest {

    private static final String VICTIM = "victim@example.com";

    /** Every mail GreenMail received whose subject names {@code marker}. */
    private static List<MimeMessage> mailsAbout(String marker) {
        return Arrays.stream(GreenMailResource.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject() != null && m.getSubject().contains(marker);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<String> all(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    @ParameterizedTest(name = "line break {index}")
    @ValueSource(strings = { "\r\nBcc: victim@example.com", "\nBcc: victim@example.com", "\rBcc: victim@example.com",
            "\u0085Bcc: victim@example.com", "\u2028Bcc: victim@example.com" })
    @DisplayName("subject header injection: a ticket subject carrying a line break and Bcc: reaches only the subscriber, in one subject line")
    void aTicketSubjectWithCrLfBccInjectsNoRecipientAndNoHeader(String injected) throws Exception {
        String account = "inject-" + UUID.randomUUID().toString().substring(0, 8);
        String subscriber = "ops@" + account + ".example";
        Notices.subscribe(account, "EMAIL", subscriber);
        String marker = "Printer on fire " + account;
        EventEnvelope<TicketCreated> event = Notices.ticketCreated(account, 1, marker + injected);

        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceDatabase.count("select count(*) from deliveries"
                + " where event_id = '" + event.id() + "' and state = 'DELIVERED'") == 1);

        List<MimeMessage> mails = mailsAbout(marker);
        assertThat(mails).as("one mail, for the one recipient the SMTP server was asked to deliver to").hasSize(1);
        MimeMessage mail = mails.get(0);
        assertThat(all(mail.getRecipients(Message.RecipientType.TO))).containsExactly(subscriber);
        assertThat(all(mail.getAllRecipients())).containsExactly(subscriber);
        assertThat(mail.getHeader("Bcc")).isNull();
        assertThat(mail.getHeader("Subject")).hasSize(1);
        assertThat(mail.getSubject()).isEqualTo("[" + account + "] New Sev1 ticket: " + marker + " Bcc: " + VICTIM)
                .doesNotContain("\r", "\n", "\u0085", "\u2028");
        assertThat(Notices.mailsTo(VICTIM)).isEmpty();
        assertThat(ServiceDatabase.count("select count(*) from deliveries where event_id = '" + event.id() + "'"))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("subject flooding: a 5,000-character ticket subject gives a subject of at most 200 characters, one line")
    void aHugeTicketSubjectIsBounded() throws Exception {
        String account = "huge-" + UUID.randomUUID().toString().substring(0, 8);
        Notices.subscribe(account, "EMAIL", "ops@" + account + ".example");
        EventEnvelope<TicketCreated> event = Notices.ticketCreated(account, 2, "x".repeat(5_000));

        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        await().atMost(Duration.ofSeconds(30)).until(() -> !mailsAbout("[" + account + "]").isEmpty());

        String subject = mailsAbout("[" + account + "]").get(0).getSubject();
        assertThat(subject.codePointCount(0, subject.length())).isEqualTo(MailHeaders.MAX_SUBJECT_LENGTH);
        assertThat(subject).startsWith("[" + account + "] New Sev2 ticket: xxx").endsWith("x\u2026");
    }
}
