package org.slaplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.notification.EmailReplyRequested;
import org.slaplatform.events.ticket.TicketEscalated;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Notices whose recipients come from the contract's contacts or from the event itself. */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(GreenMailResource.class)
class ContactNoticesTest {

    private static List<MimeMessage> mailsTo(String address) {
        return Notices.mailsTo(address);
    }

    private static String text(MimeMessage mail) throws Exception {
        return Notices.text(mail);
    }

    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");

    private static EventEnvelope<ContractChanged> contract(String account, int revision, String accountManager) {
        return EventEnvelope.of(EventTypes.CONTRACT_CHANGED, "ticket-service", account, NOW,
                new ContractChanged(account, "Initrode Corp", revision, "inflectra", 1, "Enterprise",
                        "America/New_York", "USD", new BigDecimal("1000.00"), List.of(), "MONTHLY",
                        LocalDate.parse("2026-01-01"), null, List.of(), List.of(),
                        List.of(new ContractChanged.Contact("SUPPORT", "Sam Support", "support@" + account + ".example"),
                                new ContractChanged.Contact("ACCOUNT_MANAGER", "Ann Manager", accountManager),
                                new ContractChanged.Contact("EXECUTIVE", "Eve Chief", "ceo@" + account + ".example")),
                        List.of(), NOW.plusSeconds(revision)));
    }

    private static EventEnvelope<TicketEscalated> escalated(String account, String level) {
        UUID ticket = UUID.randomUUID();
        return EventEnvelope.of(EventTypes.TICKET_ESCALATED, "ticket-service", ticket.toString(), NOW,
                new TicketEscalated(ticket, account, "SUPPORT", level, null, null, NOW, "agent-user",
                        "no workaround after 2 days"));
    }

    private static void awaitProcessed(EventEnvelope<?> event) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceDatabase.count(
                "select count(*) from inbox where event_id = '" + event.id() + "'") == 1);
    }

    @Test
    @DisplayName("NTF-1 INF-TKT-7 an escalation reaches the contract's contact of the tier it climbed to; the contacts view follows newer revisions only")
    void anEscalationReachesTheContactOfItsTier() throws Exception {
        KafkaTestClient.send(CloudEventCodec.toRecord(contract("initrode", 1, "am1@initrode.example")));
        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceDatabase.count(
                "select count(*) from account_contacts where account_id = 'initrode'") == 3);

        EventEnvelope<TicketEscalated> first = escalated("initrode", "ACCOUNT_MANAGER");
        KafkaTestClient.send(CloudEventCodec.toRecord(first));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("am1@initrode.example").size() == 1);
        MimeMessage mail = mailsTo("am1@initrode.example").get(0);
        assertThat(mail.getSubject()).isEqualTo("[initrode] Ticket " + first.key() + " escalated to ACCOUNT_MANAGER");
        assertThat(text(mail)).contains("escalated from SUPPORT to ACCOUNT_MANAGER")
                .contains("Reason: no workaround after 2 days");

        // revision 3 names a new account manager; revision 2 arrives late and is ignored
        KafkaTestClient.send(CloudEventCodec.toRecord(contract("initrode", 3, "am2@initrode.example")));
        EventEnvelope<ContractChanged> late = contract("initrode", 2, "am-old@initrode.example");
        KafkaTestClient.send(CloudEventCodec.toRecord(late));
        awaitProcessed(late);
        assertThat(ServiceDatabase.count("select revision from account_contracts where account_id = 'initrode'"))
                .isEqualTo(3);

        EventEnvelope<TicketEscalated> second = escalated("initrode", "ACCOUNT_MANAGER");
        KafkaTestClient.send(CloudEventCodec.toRecord(second));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("am2@initrode.example").size() == 1);
        awaitProcessed(second);
        assertThat(mailsTo("am1@initrode.example")).hasSize(1);
        assertThat(mailsTo("am-old@initrode.example")).isEmpty();
        assertThat(mailsTo("ceo@initrode.example")).isEmpty();
        assertThat(mailsTo("support@initrode.example")).isEmpty();

        EventEnvelope<TicketEscalated> toExecutive = escalated("initrode", "EXECUTIVE");
        KafkaTestClient.send(CloudEventCodec.toRecord(toExecutive));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("ceo@initrode.example").size() == 1);
    }

    @Test
    @DisplayName("DESIGN-2 NTF-1 the contacts view takes a strictly newer contract revision only: an older one or the same one again changes nothing")
    void olderOrSameRevisionChangesNothing() {
        String account = "hooli-" + UUID.randomUUID().toString().substring(0, 8);
        EventEnvelope<ContractChanged> current = contract(account, 2, "am1@" + account + ".example");
        KafkaTestClient.send(CloudEventCodec.toRecord(current));
        awaitProcessed(current);

        EventEnvelope<ContractChanged> same = contract(account, 2, "am-same@" + account + ".example");
        EventEnvelope<ContractChanged> older = contract(account, 1, "am-old@" + account + ".example");
        KafkaTestClient.send(CloudEventCodec.toRecord(same));
        KafkaTestClient.send(CloudEventCodec.toRecord(older));
        awaitProcessed(same);
        awaitProcessed(older);

        assertThat(ServiceDatabase.count("select revision from account_contracts where account_id = '" + account + "'"))
                .isEqualTo(2);
        assertThat(ServiceDatabase.count("select count(*) from account_contacts where account_id = '" + account
                + "' and role = 'ACCOUNT_MANAGER' and email = 'am1@" + account + ".example'")).isEqualTo(1);
        assertThat(ServiceDatabase.count("select count(*) from account_contacts where account_id = '" + account + "'"))
                .isEqualTo(3);
    }

    @Test
    @DisplayName("NTF-3 IS-TKT-1 the reply to an emailed ticket goes to its sender once, threaded under the inbound mail")
    void theReplyToAnEmailedTicketIsThreaded() throws Exception {
        UUID ticket = UUID.randomUUID();
        String inbound = "<CAF1234.5678@mail.vandelay.example>";
        String requestId = "email-reply:" + inbound;
        EventEnvelope<EmailReplyRequested> reply = EventEnvelope.of(EventTypes.EMAIL_REPLY_REQUESTED, "ticket-service",
                requestId, NOW, new EmailReplyRequested(requestId, "art@vandelay.example",
                        "Re: Latex import fails [ticket " + ticket + "]",
                        "We received your message and opened ticket " + ticket + ".", inbound, "TICKET_CREATED",
                        ticket, "vandelay", NOW));

        KafkaTestClient.send(CloudEventCodec.toRecord(reply));
        KafkaTestClient.send(CloudEventCodec.toRecord(reply));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("art@vandelay.example").size() == 1);
        awaitProcessed(reply);

        MimeMessage mail = mailsTo("art@vandelay.example").get(0);
        assertThat(mail.getSubject()).isEqualTo("Re: Latex import fails [ticket " + ticket + "]");
        assertThat(mail.getHeader("In-Reply-To")).containsExactly(inbound);
        assertThat(mail.getHeader("References")).containsExactly(inbound);
        assertThat(text(mail)).contains("We received your message and opened ticket " + ticket + ".");
        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceDatabase.count("select count(*) from deliveries"
                + " where event_id = '" + reply.id() + "' and account_id = 'vandelay' and state = 'DELIVERED'") == 1);
    }

    @Test
    @DisplayName("NTF-3 IS-TKT-1 a refusal to an unknown sender is sent too, logged under no account")
    void aRefusalToAnUnknownSenderIsSent() throws Exception {
        String inbound = "<zz99@mail.unknown.example>";
        EventEnvelope<EmailReplyRequested> refusal = EventEnvelope.of(EventTypes.EMAIL_REPLY_REQUESTED,
                "ticket-service", "email-reply:" + inbound, NOW, new EmailReplyRequested("email-reply:" + inbound,
                        "stranger@unknown.example", "Re: help", "We could not match your address to a customer account.",
                        inbound, "REFUSED", null, null, NOW));
        KafkaTestClient.send(CloudEventCodec.toRecord(refusal));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("stranger@unknown.example").size() == 1);
        assertThat(text(mailsTo("stranger@unknown.example").get(0)))
                .contains("We could not match your address to a customer account.").doesNotContain("Ticket:");
        assertThat(ServiceDatabase.count("select count(*) from deliveries where event_id = '" + refusal.id()
                + "' and account_id = '-'")).isEqualTo(1);
    }
}
