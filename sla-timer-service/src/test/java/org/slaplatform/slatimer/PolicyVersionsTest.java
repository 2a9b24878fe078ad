package org.slaplatform.slatimer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.Topics;
import org.slaplatform.events.sla.SlaBreached;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.events.ticket.TicketSeverityChanged;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.policy.PolicyBook;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Policies as data over a real broker and a real database. The test class path ships two policies
 * beside the four seeds ({@code src/test/resources/policies/catalog.txt}): infostretch version 2
 * (shorter Sev1 and Sev2 targets, in force from 2026-12-01) and {@code three-severities}.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class PolicyVersionsTest {

    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DEAD_LETTERS = Topics.deadLetter("sla-timer-service").name();

    private static Instant pacific(String local) {
        return LocalDateTime.parse(local).atZone(PACIFIC).toInstant();
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
    }

    private static EventEnvelope<TicketCreated> created(UUID ticket, String policy, int version, int severity, Instant at) {
        return EventEnvelope.of(EventTypes.TICKET_CREATED, "ticket-service", ticket.toString(), at,
                new TicketCreated(ticket, "acme", severity, "Login fails", "API", at, "DEFECT", policy, version,
                        "Maintenance", "America/Los_Angeles", List.of()));
    }

    private static EventEnvelope<TicketStateChanged> moved(UUID ticket, String policy, int version, int severity,
            String from, String to, Instant at) {
        return EventEnvelope.of(EventTypes.TICKET_STATE_CHANGED, "ticket-service", ticket.toString(), at,
                new TicketStateChanged(ticket, "acme", policy, version, from, to, false, severity, at, "agent", null));
    }

    private static EventEnvelope<TicketSeverityChanged> severityChanged(UUID ticket, String policy, int version, int from,
            int to, Instant at) {
        return EventEnvelope.of(EventTypes.TICKET_SEVERITY_CHANGED, "ticket-service", ticket.toString(), at,
                new TicketSeverityChanged(ticket, "acme", policy, version, from, to, "IN_PROGRESS", at, "agent", "re-rated"));
    }

    private static void send(EventEnvelope<?> event) {
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
    }

    private static io.restassured.response.ValidatableResponse sla(UUID ticket) {
        return given().auth().oauth2(TestTokens.customer("acme")).when().get("/api/v1/tickets/" + ticket + "/sla").then();
    }

    private static List<SlaBreached> breaches(UUID ticket, int wanted) {
        return KafkaTestClient.await(Topics.SLA_BREACHES.name(), r -> ticket.toString().equals(r.key())
                && EventTypes.SLA_BREACHED.type().equals(CloudEventCodec.header(r.headers(), "ce_type")), wanted, WAIT)
                .stream().map(r -> (SlaBreached) CloudEventCodec.fromRecord(r).data()).toList();
    }

    @Test
    @DisplayName("POL-3 shipping infostretch version 2 leaves an open version-1 ticket on version 1's targets, "
            + "and a ticket filed under version 2 gets version 2's; neither is dead-lettered")
    void pol3TicketsKeepTheVersionTheyBeganUnder() {
        assertThat(PolicyBook.shipped().all("infostretch")).extracting(p -> p.version()).containsExactly(1, 2);

        // Sev2 under version 1, filed Monday 30 Nov 10:00 Pacific: first response 4 h, workaround 2 business days
        UUID old = UUID.randomUUID();
        TestClock.set(pacific("2026-11-30T10:00"));
        send(created(old, "infostretch", 1, 2, pacific("2026-11-30T10:00")));
        TestClock.set(pacific("2026-11-30T11:00"));
        send(moved(old, "infostretch", 1, 2, "NEW", "ACKNOWLEDGED", pacific("2026-11-30T11:00")));
        await().atMost(WAIT).untilAsserted(() -> sla(old).statusCode(200)
                .body("policyVersion", equalTo(1))
                .body("targets.target", contains("FIRST_RESPONSE", "WORKAROUND"))
                .body("targets[0].state", equalTo("met"))
                .body("targets[1].dueAt", equalTo(pacific("2026-12-02T10:00").toString())));

        // version 2 is in force from 1 December; the open ticket's next event still names version 1
        TestClock.set(pacific("2026-12-02T09:30"));
        send(moved(old, "infostretch", 1, 2, "ACKNOWLEDGED", "IN_PROGRESS", pacific("2026-12-02T09:30")));
        // Sev2 under version 2, filed Wednesday 2 Dec 10:00: first response 3 h, workaround 1 business day
        UUID fresh = UUID.randomUUID();
        TestClock.set(pacific("2026-12-02T10:00"));
        send(created(fresh, "infostretch", 2, 2, pacific("2026-12-02T10:00")));
        await().atMost(WAIT).untilAsserted(() -> sla(fresh).statusCode(200)
                .body("policyVersion", equalTo(2))
                .body("targets.target", contains("FIRST_RESPONSE", "WORKAROUND"))
                .body("targets[0].dueAt", equalTo(pacific("2026-12-02T13:00").toString()))
                .body("targets[1].dueAt", equalTo(pacific("2026-12-03T10:00").toString())));
        await().atMost(WAIT).untilAsserted(() -> assertThat(ServiceDatabase.count(
                "select count(*) from ticket_events where ticket_id = '" + old + "'")).isEqualTo(3));
        sla(old).statusCode(200).body("policyVersion", equalTo(1))
                .body("targets[1].dueAt", equalTo(pacific("2026-12-02T10:00").toString()));

        // the timers fire at each version's deadlines
        TestClock.set(pacific("2026-12-03T12:00"));
        assertThat(breaches(old, 1)).extracting(SlaBreached::target, SlaBreached::dueAt, SlaBreached::policyVersion)
                .containsExactly(tuple("WORKAROUND", pacific("2026-12-02T10:00"), 1));
        assertThat(breaches(fresh, 2)).extracting(SlaBreached::target, SlaBreached::dueAt, SlaBreached::policyVersion)
                .containsExactlyInAnyOrder(tuple("FIRST_RESPONSE", pacific("2026-12-02T13:00"), 2),
                        tuple("WORKAROUND", pacific("2026-12-03T10:00"), 2));
        assertThat(KafkaTestClient.await(DEAD_LETTERS, r -> Set.of(old.toString(), fresh.toString()).contains(r.key()), 1,
                Duration.ofSeconds(3))).isEmpty();
    }

    @Test
    @DisplayName("POL-3 a version the build does not ship is still refused: dead-lettered with its reason, never judged under another")
    void pol3AVersionNotShippedIsDeadLettered() {
        UUID ticket = UUID.randomUUID();
        send(created(ticket, "infostretch", 3, 1, Instant.parse("2026-12-02T18:00:00Z")));
        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.await(DEAD_LETTERS,
                r -> ticket.toString().equals(r.key()), 1, WAIT);
        assertThat(dead).extracting(r -> CloudEventCodec.header(r.headers(), "dead-letter-reason"))
                .containsExactly("policy infostretch version 3 is not shipped (have [1, 2])");
        assertThat(ServiceDatabase.count("select count(*) from tracked_tickets where ticket_id = '" + ticket + "'")).isZero();
    }

    @Test
    @DisplayName("IS-TKT-2, IS-SLA-1, SLA-4 a policy with three severities: each level gets its own targets, a change "
            + "recomputes them, and a level the policy lacks is dead-lettered")
    void threeSeverities() {
        Instant filed = Instant.parse("2026-12-07T08:00:00Z");
        TestClock.set(filed);
        UUID minor = UUID.randomUUID();
        send(created(minor, "three-severities", 1, 3, filed));
        await().atMost(WAIT).untilAsserted(() -> sla(minor).statusCode(200)
                .body("severity", equalTo(3))
                .body("targets.target", contains("FIRST_RESPONSE"))
                .body("targets[0].calendar", equalTo("always"))
                .body("targets[0].dueAt", equalTo("2026-12-09T08:00:00Z")));

        // SLA-4: raised to level 1 an hour later: first response 1 h and resolution 8 h from the start
        send(severityChanged(minor, "three-severities", 1, 3, 1, filed.plusSeconds(3600)));
        await().atMost(WAIT).untilAsserted(() -> sla(minor).statusCode(200)
                .body("severity", equalTo(1))
                .body("targets.target", contains("FIRST_RESPONSE", "RESOLUTION"))
                .body("targets[0].dueAt", equalTo("2026-12-07T09:00:00Z"))
                .body("targets[1].dueAt", equalTo("2026-12-07T16:00:00Z")));

        UUID unknown = UUID.randomUUID();
        send(created(unknown, "three-severities", 1, 4, filed));
        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.await(DEAD_LETTERS,
                r -> unknown.toString().equals(r.key()), 1, WAIT);
        assertThat(dead).extracting(r -> CloudEventCodec.header(r.headers(), "dead-letter-reason"))
                .containsExactly("policy three-severities version 1 has no severity of level 4 (has [1, 2, 3])");
        assertThat(ServiceDatabase.count("select count(*) from tracked_tickets where ticket_id = '" + unknown + "'")).isZero();
    }
}
