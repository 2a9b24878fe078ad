package org.slaplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.slaplatform.notification.Notices.mailsTo;
import static org.slaplatform.notification.Notices.text;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.availability.MaintenanceAnnounced;
import org.slaplatform.events.availability.MaintenanceWindowChanged;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.credit.CreditAdjusted;
import org.slaplatform.events.credit.CreditClaimDecided;
import org.slaplatform.events.credit.CreditIssued;
import org.slaplatform.events.credit.TerminationRightGranted;
import org.slaplatform.events.sla.SlaBreached;
import org.slaplatform.events.sla.SlaEscalated;
import org.slaplatform.events.sla.SlaWarning;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.notification.delivery.DeliveryWorker;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The notices made of the other services' events, over the real broker, database and SMTP server:
 * SLA warnings, breaches and escalations (NTF-1), maintenance (NTF-2), credits (NTF-4).
 */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(GreenMailResource.class)
class ProducerNoticesTest {

    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");

    @Inject
    DeliveryWorker worker;

    static EventEnvelope<ContractChanged> contract(String account, List<ContractChanged.LicensedProduct> products) {
        return EventEnvelope.of(EventTypes.CONTRACT_CHANGED, "ticket-service", account, NOW,
                new ContractChanged(account, account + " Inc.", 1, "infostretch", 1, "Enterprise",
                        "America/Los_Angeles", "USD", new BigDecimal("1000.00"), List.of(), "MONTHLY",
                        LocalDate.parse("2026-01-01"), null, List.of(), products,
                        List.of(new ContractChanged.Contact("SUPPORT", "Sam Support", "support@" + account + ".example"),
                                new ContractChanged.Contact("ACCOUNT_MANAGER", "Ann Manager", "am@" + account + ".example"),
                                new ContractChanged.Contact("EXECUTIVE", "Eve Chief", "ceo@" + account + ".example")),
                        List.of(), NOW));
    }

    static void given(EventEnvelope<ContractChanged> contract) {
        KafkaTestClient.send(CloudEventCodec.toRecord(contract));
        awaitProcessed(contract);
    }

    static void awaitProcessed(EventEnvelope<?> event) {
        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceDatabase.count(
                "select count(*) from inbox where event_id = '" + event.id() + "'") == 1);
    }

    private static <T> EventEnvelope<T> send(org.slaplatform.events.EventType<T> type, String source, String key,
            Instant time, T data) {
        EventEnvelope<T> event = EventEnvelope.of(type, source, key, time, data);
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        return event;
    }

    /** The outcome is recorded just after the mail arrives (successes are recorded in batches). */
    private static long deliveries(EventEnvelope<?> event, String state) {
        return ServiceDatabase.count("select count(*) from deliveries where event_id = '" + event.id() + "'"
                + (state == null ? "" : " and state = '" + state + "'"));
    }

    @Test
    @DisplayName("NTF-1 SLA-5 warnings and breaches reach the support team and the subscribers; escalations climb to the contact of each level")
    void warningsBreachesAndEscalationsReachTheirPeople() throws Exception {
        given(contract("hooli", List.of()));
        Notices.subscribe("hooli", EventTypes.SLA_BREACHED.type(), "EMAIL", "noc@hooli.example");
        UUID ticket = UUID.randomUUID();
        Instant due = Instant.parse("2026-11-20T19:00:00Z");

        send(EventTypes.SLA_WARNING, "sla-timer-service", ticket.toString(), due.minusSeconds(900),
                new SlaWarning(ticket, "hooli", "FIRST_RESPONSE", 0, 1, 75, due.minusSeconds(900), due,
                        "support-24x7", "infostretch", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("support@hooli.example").size() == 1);
        MimeMessage warning = mailsTo("support@hooli.example").get(0);
        assertThat(warning.getSubject()).isEqualTo("[hooli] Sev1 ticket " + ticket
                + ": 75% of FIRST_RESPONSE used, due 2026-11-20T19:00:00Z");
        assertThat(text(warning)).contains("has used 75% of its FIRST_RESPONSE target")
                .contains("Due at (UTC) 2026-11-20T19:00:00Z");

        EventEnvelope<SlaBreached> breach = send(EventTypes.SLA_BREACHED, "sla-timer-service", ticket.toString(), due,
                new SlaBreached(ticket, "hooli", "FIRST_RESPONSE", 0, 1, due, "support-24x7", "infostretch", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("support@hooli.example").size() == 2
                && mailsTo("noc@hooli.example").size() == 1);
        assertThat(mailsTo("noc@hooli.example").get(0).getSubject())
                .isEqualTo("[hooli] SLA breached: Sev1 ticket " + ticket + ", FIRST_RESPONSE was due 2026-11-20T19:00:00Z");
        assertThat(text(mailsTo("noc@hooli.example").get(0))).contains("breached its FIRST_RESPONSE target");
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(breach, "DELIVERED") == 2);

        // IS: support at once, the account manager 4 h and the executive 24 h after the breach
        for (String[] step : new String[][] {{"ACCOUNT_MANAGER", "am@hooli.example", "14400"},
                {"EXECUTIVE", "ceo@hooli.example", "86400"}}) {
            Instant at = due.plusSeconds(Long.parseLong(step[2]));
            send(EventTypes.SLA_ESCALATED, "sla-timer-service", ticket.toString(), at,
                    new SlaEscalated(ticket, "hooli", "FIRST_RESPONSE", 0, 1, step[0], due, at, "infostretch", 1));
            await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(step[1]).size() == 1);
            MimeMessage mail = mailsTo(step[1]).get(0);
            assertThat(mail.getSubject()).isEqualTo("[hooli] Breach of ticket " + ticket + " escalated to " + step[0]);
            assertThat(text(mail)).contains("now escalates to you, at level " + step[0])
                    .contains("escalated at (UTC) " + at);
        }
        // warnings and breaches are the support team's: the others heard of the escalation only
        assertThat(mailsTo("am@hooli.example")).hasSize(1);
        assertThat(mailsTo("ceo@hooli.example")).hasSize(1);
        assertThat(mailsTo("support@hooli.example")).hasSize(2);
    }

    @Test
    @DisplayName("NTF-1 a pending escalation is cancelled when the ticket meets its target, and one fired before a known resolution sends nothing")
    void escalationsStopWhenTheTargetIsMet() throws Exception {
        given(contract("pied-piper", List.of()));
        UUID ticket = UUID.randomUUID();
        Instant due = Instant.parse("2026-11-20T19:00:00Z");
        Instant fourHoursLater = due.plusSeconds(4 * 3600);

        // the escalation is planned while nothing is sent (the worker stopped: a retry still waiting)
        worker.stop();
        EventEnvelope<SlaEscalated> toManager;
        try {
            toManager = send(EventTypes.SLA_ESCALATED, "sla-timer-service", ticket.toString(), fourHoursLater,
                    new SlaEscalated(ticket, "pied-piper", "RESOLUTION", 0, 1, "ACCOUNT_MANAGER", due, fourHoursLater,
                            "infostretch", 1));
            awaitProcessed(toManager);
            assertThat(deliveries(toManager, "PENDING")).isEqualTo(1);

            EventEnvelope<TicketStateChanged> resolved = send(EventTypes.TICKET_STATE_CHANGED, "ticket-service",
                    ticket.toString(), fourHoursLater.plusSeconds(60), new TicketStateChanged(ticket, "pied-piper",
                            "infostretch", 1, "IN_PROGRESS", "RESOLVED", false, 1, fourHoursLater.plusSeconds(60),
                            "agent-user", "fixed"));
            awaitProcessed(resolved);
            assertThat(deliveries(toManager, "CANCELLED")).isEqualTo(1);
        } finally {
            worker.start();
        }

        // the executive step fired by sla-timer-service before it read the resolution arrives late
        Instant dayLater = due.plusSeconds(24 * 3600);
        EventEnvelope<SlaEscalated> late = send(EventTypes.SLA_ESCALATED, "sla-timer-service", ticket.toString(),
                dayLater, new SlaEscalated(ticket, "pied-piper", "RESOLUTION", 0, 1, "EXECUTIVE", due, dayLater,
                        "infostretch", 1));
        awaitProcessed(late);
        assertThat(deliveries(late, null)).isZero();

        // another target of the same ticket, not met before its escalation, is still sent
        EventEnvelope<SlaEscalated> other = send(EventTypes.SLA_ESCALATED, "sla-timer-service", ticket.toString(),
                dayLater, new SlaEscalated(ticket, "pied-piper", "WORKAROUND", 0, 1, "EXECUTIVE", due,
                        due.plusSeconds(60), "infostretch", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("ceo@pied-piper.example").size() == 1);
        assertThat(text(mailsTo("ceo@pied-piper.example").get(0))).contains("WORKAROUND target");
        assertThat(mailsTo("am@pied-piper.example")).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(other, "DELIVERED") == 1);
    }

    @Test
    @DisplayName("NTF-2 AVL-3 maintenance reaches the account's contacts; one announced at short notice is a notice of its own, with the reason")
    void maintenanceAndShortNotice() throws Exception {
        given(contract("umbrella", List.of()));
        Instant starts = Instant.parse("2026-11-25T05:00:00Z");
        EventEnvelope<MaintenanceAnnounced> inTime = send(EventTypes.MAINTENANCE_ANNOUNCED, "availability-service",
                "umbrella", NOW, new MaintenanceAnnounced("mnt-1", "umbrella", List.of("umbrella-prod"), "PLANNED", 1,
                        "ANNOUNCED", NOW, starts, starts.plusSeconds(7200), true, List.of(), "infostretch", 1));
        for (String contact : List.of("support@umbrella.example", "am@umbrella.example", "ceo@umbrella.example")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(contact).size() == 1);
            MimeMessage mail = mailsTo(contact).get(0);
            assertThat(mail.getSubject()).isEqualTo(
                    "[umbrella] Maintenance ANNOUNCED: 2026-11-25T05:00:00Z to 2026-11-25T07:00:00Z");
            assertThat(text(mail)).contains("PLANNED maintenance mnt-1 (revision 1) for account umbrella is ANNOUNCED")
                    .contains("Instances: umbrella-prod.").contains("excluded from uptime");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(inTime, "DELIVERED") == 3);

        Instant soon = NOW.plusSeconds(47 * 3600);
        String reason = "announced 47 h ahead; the policy needs 48 h notice (AVL-3)";
        EventEnvelope<MaintenanceAnnounced> shortNotice = send(EventTypes.MAINTENANCE_ANNOUNCED,
                "availability-service", "umbrella", NOW, new MaintenanceAnnounced("mnt-2", "umbrella", List.of(),
                        "PLANNED", 1, "ANNOUNCED", NOW, soon, soon.plusSeconds(3600), false, List.of(reason),
                        "infostretch", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("support@umbrella.example").size() == 2
                && mailsTo("ceo@umbrella.example").size() == 2 && mailsTo("am@umbrella.example").size() == 2);
        MimeMessage alert = mailsTo("ceo@umbrella.example").get(1);
        assertThat(alert.getSubject()).isEqualTo("[umbrella] Short-notice maintenance: 2026-11-22T17:00:00Z to"
                + " 2026-11-22T18:00:00Z, less notice than the policy requires");
        assertThat(text(alert)).contains("with less notice than policy infostretch requires")
                .contains("Why: " + reason).contains("Instances: all of the account.");
        assertThat(Notices.html(alert)).contains("<strong>less notice than policy infostretch requires</strong>");
        assertThat(ServiceDatabase.count("select count(*) from deliveries where event_id = '" + shortNotice.id()
                + "' and notice = 'maintenance-short-notice'")).isEqualTo(3);
    }

    @Test
    @DisplayName("NTF-2 IS-AVL-4 a change of the account's maintenance window reaches its contacts with the new and the old window")
    void maintenanceWindowChange() throws Exception {
        given(contract("bluth", List.of()));
        Instant effective = NOW.plusSeconds(5 * 24 * 3600);
        EventEnvelope<MaintenanceWindowChanged> change = send(EventTypes.MAINTENANCE_WINDOW_CHANGED,
                "availability-service", "bluth", NOW, new MaintenanceWindowChanged("mwc-1", "bluth",
                        List.of("bluth-prod"), NOW, effective,
                        List.of(new MaintenanceWindowChanged.Window("sunday", "WEEK", "SUNDAY", null, "01:00-04:00", "America/New_York")),
                        List.of(new MaintenanceWindowChanged.Window("nightly", "DAY", null, null, "00:00-03:00", "America/New_York")),
                        "customer-bluth", "infostretch", 1));
        for (String contact : List.of("support@bluth.example", "am@bluth.example", "ceo@bluth.example")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(contact).size() == 1);
            MimeMessage mail = mailsTo(contact).get(0);
            assertThat(mail.getSubject()).isEqualTo("[bluth] Maintenance window changes from " + effective);
            assertThat(text(mail)).contains("From " + effective + " UTC on, maintenance is planned in: WEEK (SUNDAY) "
                    + "01:00-04:00 America/New_York.").contains("Until then: DAY 00:00-03:00 America/New_York.")
                    .contains("Instances: bluth-prod.");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries(change, "DELIVERED") == 3);
    }

    @Test
    @DisplayName("NTF-4 QNT-CRD-2 IS-CRD-5 claim decisions, credits, adjustments and termination rights reach the account's contacts")
    void creditNotices() throws Exception {
        given(contract("soylent", List.of()));
        UUID claim = UUID.randomUUID();
        EventEnvelope<CreditClaimDecided> received = send(EventTypes.CREDIT_CLAIM_DECIDED, "credit-service", "soylent",
                NOW, new CreditClaimDecided(claim, "soylent", "soylent-prod", "2026-10", "RECEIVED", null, null, null, NOW));
        EventEnvelope<CreditClaimDecided> disqualified = send(EventTypes.CREDIT_CLAIM_DECIDED, "credit-service",
                "soylent", NOW, new CreditClaimDecided(claim, "soylent", "soylent-prod", "2026-10", "DISQUALIFIED",
                        "RECEIVED_TOO_LATE", "filed 45 days after the month; the policy allows 30 (QNT-CRD-2)", null, NOW));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("am@soylent.example").size() == 1);
        awaitProcessed(received);
        assertThat(deliveries(received, null)).isZero();
        MimeMessage decided = mailsTo("am@soylent.example").get(0);
        assertThat(decided.getSubject()).isEqualTo("[soylent] Credit claim DISQUALIFIED");
        assertThat(text(decided)).contains("Your credit claim " + claim + " of account soylent for instance soylent-prod"
                + " (2026-10) is DISQUALIFIED.").contains("Reason: RECEIVED_TOO_LATE")
                .contains("filed 45 days after the month");
        assertThat(deliveries(disqualified, null)).isEqualTo(3);

        send(EventTypes.CREDIT_ISSUED, "credit-service", "soylent", NOW, new CreditIssued(UUID.randomUUID(), "soylent",
                "soylent-prod", "2026-11", "2026-10", 2, new BigDecimal("125.50"), "USD", "QNT-CRD-1",
                "43 minutes down, 99.90% uptime: tier 10% of 1255.00", null, NOW));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("support@soylent.example").size() == 2);
        MimeMessage credit = mailsTo("support@soylent.example").get(1);
        assertThat(credit.getSubject()).isEqualTo("[soylent] Service credit of 125.50 USD for 2026-10");
        assertThat(text(credit)).contains("43 minutes down, 99.90% uptime").contains("rule QNT-CRD-1");

        send(EventTypes.CREDIT_ADJUSTED, "credit-service", "soylent", NOW, new CreditAdjusted(UUID.randomUUID(),
                "soylent", "CORRECTION", "soylent-prod", "2026-10", 3, new BigDecimal("-25.10"), "USD",
                "corrected uptime 99.95%: credit 100.40 instead of 125.50", "credit-service", NOW));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("support@soylent.example").size() == 3);
        MimeMessage adjusted = mailsTo("support@soylent.example").get(2);
        assertThat(adjusted.getSubject()).isEqualTo("[soylent] Service credit adjusted by -25.10 USD");
        assertThat(text(adjusted)).contains("credit 100.40 instead of 125.50");

        send(EventTypes.TERMINATION_RIGHT_GRANTED, "credit-service", "soylent", NOW, new TerminationRightGranted(
                "soylent", "soylent-prod", "IS-CRD-5", new BigDecimal("99"), 2, 4, List.of("2026-08", "2026-10"),
                "2026-08 98.70%, 2026-10 98.90%: two months below 99% within four", NOW));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("ceo@soylent.example").size() == 4);
        MimeMessage termination = mailsTo("ceo@soylent.example").get(3);
        assertThat(termination.getSubject()).isEqualTo("[soylent] You may terminate the agreement (IS-CRD-5)");
        assertThat(text(termination)).contains("uptime below 99% in 2 month(s) of 4")
                .contains("Months: 2026-08, 2026-10 (instance soylent-prod).");
    }

    @Test
    @DisplayName("NTF-5 a poison record goes to the dead-letter topic with the reason; the events around it are still noticed")
    void aPoisonRecordIsDeadLetteredAndTheOthersAreNoticed() throws Exception {
        given(contract("tyrell", List.of()));
        EventEnvelope<CreditIssued> good = EventEnvelope.of(EventTypes.CREDIT_ISSUED, "credit-service", "tyrell", NOW,
                new CreditIssued(UUID.randomUUID(), "tyrell", "tyrell-prod", "2026-11", "2026-10", 1,
                        new BigDecimal("10.00"), "USD", "QNT-CRD-1", "one hour down", null, NOW));
        var valid = CloudEventCodec.toRecord(good);
        // the headers of a credit event, a body that is not its JSON
        var poison = new org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>(valid.topic(), null,
                "tyrell-poison", "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8), valid.headers());
        KafkaTestClient.send(poison);
        KafkaTestClient.send(valid);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo("support@tyrell.example").size() == 1);
        assertThat(mailsTo("support@tyrell.example").get(0).getSubject())
                .isEqualTo("[tyrell] Service credit of 10.00 USD for 2026-10");
        var deadLetters = KafkaTestClient.await("notification-service.dead-letter.v1",
                r -> "tyrell-poison".equals(r.key()), 1, Duration.ofSeconds(30));
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(ServiceDatabase.count("select count(*) from deliveries where account_id = 'tyrell'")).isEqualTo(3);
    }
}
