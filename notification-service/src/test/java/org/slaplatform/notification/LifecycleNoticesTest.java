package org.slaplatform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.slaplatform.notification.Notices.mailsTo;
import static org.slaplatform.notification.Notices.text;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.Topics;
import org.slaplatform.events.contract.ContractChanged;
import org.slaplatform.events.product.ProductChanged;
import org.slaplatform.notification.domain.WebhookSignature;
import org.slaplatform.notification.service.LifecycleNotices;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** ITC-LIFE-4: EOS, EOMS and EOL notices six months ahead, scheduled in the database, with the service's clock moved. */
@QuarkusTest
@TestProfile(DeliveryTestProfile.class)
@QuarkusTestResource(PlatformTestResource.class)
@QuarkusTestResource(GreenMailResource.class)
class LifecycleNoticesTest {

    private static final List<String> CONTACTS = List.of("support@globex.example", "am@globex.example",
            "ceo@globex.example");

    @Inject
    LifecycleNotices notices;

    private static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    private static EventEnvelope<ProductChanged> product(int revision, String endOfMainstreamSupport) {
        return EventEnvelope.of(EventTypes.PRODUCT_CHANGED, "ticket-service", "sla-suite", Instant.parse("2026-11-20T12:00:00Z"),
                new ProductChanged("sla-suite", "SLA Suite", "infostretch", revision, List.of(
                        new ProductChanged.Release("4.2.0.0", LocalDate.parse("2025-09-30"), LocalDate.parse("2025-09-30"),
                                LocalDate.parse("2027-09-30"), LocalDate.parse(endOfMainstreamSupport),
                                LocalDate.parse("2028-12-31")),
                        // not licensed by the account: no notice
                        new ProductChanged.Release("4.1.0.0", LocalDate.parse("2024-09-30"), LocalDate.parse("2024-09-30"),
                                LocalDate.parse("2026-09-30"), LocalDate.parse("2027-03-31"), LocalDate.parse("2027-08-01"))),
                        Instant.parse("2026-11-20T12:00:00Z").plusSeconds(revision)));
    }

    private static long notice(String milestone, String date, String dueAt, String state) {
        return ServiceDatabase.count("select count(*) from lifecycle_notices where account_id = 'globex'"
                + " and milestone = '" + milestone + "' and milestone_date = '" + date + "' and due_at = '" + dueAt
                + "' and state = '" + state + "'");
    }

    private static void send(EventEnvelope<?> event) {
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        ProducerNoticesTest.awaitProcessed(event);
    }

    @Test
    @DisplayName("ITC-LIFE-4 EOS, EOMS and EOL notices go to the account's contacts and its webhook subscribers six months ahead, once across restarts; a moved date reschedules")
    void lifecycleNoticesSixMonthsAhead() throws Exception {
        TestClock.set(Instant.parse("2026-11-20T12:00:00Z"));
        send(ProducerNoticesTest.contract("globex",
                List.of(new ContractChanged.LicensedProduct("sla-suite", List.of("4.2.0.0")))));
        send(product(1, "2028-03-31"));

        assertThat(notice("EOS", "2027-09-30", "2027-03-30T00:00:00Z", "SCHEDULED")).isEqualTo(1);
        assertThat(notice("EOMS", "2028-03-31", "2027-09-30T00:00:00Z", "SCHEDULED")).isEqualTo(1);
        assertThat(notice("EOL", "2028-12-31", "2028-06-30T00:00:00Z", "SCHEDULED")).isEqualTo(1);
        assertThat(ServiceDatabase.count("select count(*) from lifecycle_notices where version = '4.1.0.0'")).isZero();

        // ITC-LIFE-4 by webhook: the account subscribes to the lifecycle notices (an event type of the contract)
        Map<String, String> hook = Notices.subscribe("globex", "org.slaplatform.notification.lifecycle-milestone.v1",
                "WEBHOOK", receiver.url("/lifecycle"));

        // one second before six months ahead of the EOS: nothing yet
        TestClock.set(Instant.parse("2027-03-29T23:59:59Z"));
        assertThat(notices.planDue()).isZero();
        assertThat(ServiceDatabase.count("select count(*) from lifecycle_notices where state = 'PLANNED'")).isZero();

        TestClock.set(Instant.parse("2027-03-30T00:00:01Z"));
        for (String contact : CONTACTS) {
            await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(contact).size() == 1);
            MimeMessage mail = mailsTo(contact).get(0);
            assertThat(mail.getSubject()).isEqualTo("[globex] SLA Suite 4.2.0.0: End of Sales on 2027-09-30");
            assertThat(text(mail)).contains("Version 4.2.0.0 of SLA Suite (sla-suite), licensed by account globex,"
                    + " reaches End of Sales (EOS) on 2027-09-30.");
        }
        assertThat(notice("EOS", "2027-09-30", "2027-03-30T00:00:00Z", "PLANNED")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted("/lifecycle").size() == 1);
        WebhookReceiver.Call call = receiver.accepted("/lifecycle").get(0);
        assertThat(call.header("ce-type")).isEqualTo("org.slaplatform.notification.lifecycle-milestone.v1");
        assertThat(call.header("ce-subject")).isEqualTo("sla-suite@4.2.0.0");
        assertThat(WebhookSignature.verify(hook.get("secret"), call.header("webhook-id"),
                call.header("webhook-timestamp"), call.body(), call.header("webhook-signature"))).as("signature").isTrue();
        JsonNode body = new ObjectMapper().readTree(call.body());
        assertThat(body.get("accountId").asText()).isEqualTo("globex");
        assertThat(body.get("milestone").asText()).isEqualTo("EOS");
        assertThat(body.get("milestoneDate").asText()).isEqualTo("2027-09-30");
        assertThat(body.get("productName").asText()).isEqualTo("SLA Suite");
        // the same notice is published on notifications.v1, once, with the id the webhook carried
        List<ConsumerRecord<String, byte[]>> published = KafkaTestClient.await(Topics.NOTIFICATIONS.name(),
                r -> "globex".equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(CloudEventCodec.header(published.get(0).headers(), CloudEventCodec.CE_TYPE))
                .isEqualTo("org.slaplatform.notification.lifecycle-milestone.v1");
        assertThat(CloudEventCodec.header(published.get(0).headers(), CloudEventCodec.CE_ID))
                .isEqualTo(call.header("ce-id"));

        // a restart (a new look at the schedule, on this or any instance) repeats nothing
        assertThat(notices.planDue()).isZero();
        assertThat(ServiceDatabase.count("select count(*) from deliveries where event_type = '"
                + "org.slaplatform.notification.lifecycle-milestone.v1' and account_id = 'globex'")).isEqualTo(4);

        // EOMS moves six months later: its notice moves with it; the EOS notice already sent stays sent
        send(product(2, "2028-09-30"));
        assertThat(notice("EOMS", "2028-03-31", "2027-09-30T00:00:00Z", "CANCELLED")).isEqualTo(1);
        assertThat(notice("EOMS", "2028-09-30", "2028-03-30T00:00:00Z", "SCHEDULED")).isEqualTo(1);
        assertThat(notice("EOS", "2027-09-30", "2027-03-30T00:00:00Z", "PLANNED")).isEqualTo(1);

        // the old EOMS due time passes: nothing is sent for the old date
        TestClock.set(Instant.parse("2027-10-01T00:00:00Z"));
        assertThat(notices.planDue()).isZero();
        assertThat(mailsTo("support@globex.example")).hasSize(1);

        TestClock.set(Instant.parse("2028-03-30T00:00:01Z"));
        await().atMost(Duration.ofSeconds(30)).until(() -> CONTACTS.stream().allMatch(c -> mailsTo(c).size() == 2));
        assertThat(mailsTo("ceo@globex.example").get(1).getSubject())
                .isEqualTo("[globex] SLA Suite 4.2.0.0: End of Mainstream Support on 2028-09-30");
        assertThat(ServiceDatabase.count("select count(*) from lifecycle_notices where account_id = 'globex'"
                + " and state = 'PLANNED'")).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted("/lifecycle").size() == 2);
        assertThat(receiver.calls("/lifecycle")).hasSize(2);
    }

    private static EventEnvelope<ContractChanged> contractUnder(String account, int revision, String policy, int version) {
        return EventEnvelope.of(EventTypes.CONTRACT_CHANGED, "ticket-service", account,
                Instant.parse("2026-11-20T12:00:00Z").plusSeconds(revision),
                new ContractChanged(account, account + " Inc.", revision, policy, version, "basic", "Europe/Moscow", "USD",
                        new java.math.BigDecimal("1000.00"), List.of(), "MONTHLY", LocalDate.parse("2026-01-01"), null,
                        List.of(), List.of(new ContractChanged.LicensedProduct("vipnet", List.of("4.2"))),
                        List.of(new ContractChanged.Contact("SUPPORT", "Sam Support", "support@" + account + ".example")),
                        List.of(), Instant.parse("2026-11-20T12:00:00Z").plusSeconds(revision)));
    }

    /** The SCHEDULED notices of this account and milestone due exactly at {@code dueAt}. */
    private static long scheduled(String account, String milestone, String dueAt) {
        return ServiceDatabase.count("select count(*) from lifecycle_notices where account_id = '" + account
                + "' and milestone = '" + milestone + "' and due_at = '" + dueAt + "' and state = 'SCHEDULED'");
    }

    @Test
    @DisplayName("ITC-LIFE-4 the notice lead is the policy version's noticeLead (infotecs v1 P6M, a v2 P9M); a policy without one gets the service's P6M; a new version moves the scheduled notices")
    void noticeLeadComesFromThePolicyOfTheContract() throws java.sql.SQLException {
        TestClock.set(Instant.parse("2026-11-20T12:00:00Z"));
        send(contractUnder("lead-itc-v1", 1, "infotecs", 1));
        send(contractUnder("lead-itc-v2", 1, "infotecs", 2));
        send(contractUnder("lead-is", 1, "infostretch", 1));
        send(EventEnvelope.of(EventTypes.PRODUCT_CHANGED, "ticket-service", "vipnet", Instant.parse("2026-11-20T12:00:00Z"),
                new ProductChanged("vipnet", "ViPNet", "infotecs", 1, List.of(new ProductChanged.Release("4.2",
                        LocalDate.parse("2025-03-31"), null, LocalDate.parse("2027-09-30"), LocalDate.parse("2028-09-30"),
                        LocalDate.parse("2029-09-30"))), Instant.parse("2026-11-20T12:00:00Z"))));

        // infotecs v1: "not later than half a year before the due date"
        assertThat(scheduled("lead-itc-v1", "EOS", "2027-03-30T00:00:00Z")).isEqualTo(1);
        assertThat(scheduled("lead-itc-v1", "EOL", "2029-03-30T00:00:00Z")).isEqualTo(1);
        // the test's infotecs v2 says nine months
        assertThat(scheduled("lead-itc-v2", "EOS", "2026-12-30T00:00:00Z")).isEqualTo(1);
        assertThat(scheduled("lead-itc-v2", "EOMS", "2027-12-30T00:00:00Z")).isEqualTo(1);
        // InfoStretch sets no lead: the service's notification.lifecycle.ahead (P6M)
        assertThat(scheduled("lead-is", "EOS", "2027-03-30T00:00:00Z")).isEqualTo(1);

        // the contract moves to infotecs v2: its scheduled notices move three months earlier
        send(contractUnder("lead-itc-v1", 2, "infotecs", 2));
        assertThat(scheduled("lead-itc-v1", "EOS", "2026-12-30T00:00:00Z")).isEqualTo(1);
        assertThat(ServiceDatabase.count("select count(*) from lifecycle_notices where account_id = 'lead-itc-v1'"))
                .isEqualTo(3);

        // no notice of these accounts may come due in another test that moves the clock on
        try (java.sql.Connection c = ServiceDatabase.connect(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("update lifecycle_notices set state = 'CANCELLED' where account_id like 'lead-%'");
        }
    }
}
