package org.slaplatform.slatimer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.Topics;
import org.slaplatform.events.sla.SlaBreached;
import org.slaplatform.events.sla.SlaEscalated;
import org.slaplatform.events.sla.SlaWarning;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.events.ticket.TicketSeverityChanged;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.slatimer.timer.TimerFiring;
import org.slaplatform.slatimer.timer.TimerFiringService;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Clocks and durable timers over a real broker and a real database, with the service's clock
 * travelling to the deadlines. Times are Pacific (the IS standard calendar).
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class SlaTimerFlowTest {

    private static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");
    private static final String BREACHES = Topics.SLA_BREACHES.name();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TimerFiringService firing;

    static Instant pacific(String local) {
        return LocalDateTime.parse(local).atZone(PACIFIC).toInstant();
    }

    @AfterEach
    void resetClock() {
        TestClock.reset();
        firing.startOwnFiring();
    }

    private static EventEnvelope<TicketCreated> created(UUID ticket, String account, int severity, String at) {
        Instant when = pacific(at);
        return EventEnvelope.of(EventTypes.TICKET_CREATED, "ticket-service", ticket.toString(), when,
                new TicketCreated(ticket, account, severity, "Login fails", "API", when, "DEFECT", "infostretch", 1,
                        "Maintenance", "America/Los_Angeles", List.of()));
    }

    private static EventEnvelope<TicketStateChanged> moved(UUID ticket, String account, int severity, String from,
            String to, String at) {
        Instant when = pacific(at);
        boolean reopened = (from.equals("RESOLVED") || from.equals("CLOSED")) && !(to.equals("RESOLVED") || to.equals("CLOSED"));
        return EventEnvelope.of(EventTypes.TICKET_STATE_CHANGED, "ticket-service", ticket.toString(), when,
                new TicketStateChanged(ticket, account, "infostretch", 1, from, to, reopened, severity, when, "agent", null));
    }

    private static EventEnvelope<TicketSeverityChanged> severityChanged(UUID ticket, String account, int from, int to,
            String at) {
        Instant when = pacific(at);
        return EventEnvelope.of(EventTypes.TICKET_SEVERITY_CHANGED, "ticket-service", ticket.toString(), when,
                new TicketSeverityChanged(ticket, account, "infostretch", 1, from, to, "IN_PROGRESS", when, "agent", "re-rated"));
    }

    private static void send(EventEnvelope<?> event) {
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
    }

    private static long armedTimers(UUID ticket) {
        return ServiceDatabase.count("select count(*) from sla_timers where fired_at is null and ticket_id = '" + ticket + "'");
    }

    private static io.restassured.response.ValidatableResponse sla(UUID ticket, String account) {
        return given().auth().oauth2(TestTokens.customer(account)).when().get("/api/v1/tickets/" + ticket + "/sla").then();
    }

    private static List<EventEnvelope<?>> published(UUID ticket, int atLeast) {
        return KafkaTestClient.await(BREACHES, r -> ticket.toString().equals(r.key()), atLeast, WAIT).stream()
                .map(CloudEventCodec::fromRecord).collect(Collectors.toList());
    }

    private static List<String> kinds(List<EventEnvelope<?>> events) {
        List<String> kinds = new ArrayList<>();
        for (EventEnvelope<?> e : events) {
            if (e.data() instanceof SlaWarning w) {
                kinds.add(w.target() + " warning-" + w.percent());
            } else if (e.data() instanceof SlaBreached b) {
                kinds.add(b.target() + " breach");
            } else if (e.data() instanceof SlaEscalated x) {
                kinds.add(x.target() + " escalation-" + x.level());
            }
        }
        return kinds;
    }

    @Test
    @DisplayName("IS-SLA-1, SLA-5, NTF-1 a Sev1 filed Wed 10:00 warns at 11:00/11:30/11:48, breaches at 12:00, escalates to support, each once")
    void sev1WarningsBreachAndEscalationOnce() {
        TestClock.set(pacific("2026-11-18T10:00"));
        UUID ticket = UUID.randomUUID();
        // the ticket event's trace (ce_traceparent) is continued by every event its timers fire
        String filed = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        send(created(ticket, "acme", 1, "2026-11-18T10:00").withTraceparent(filed));
        await().atMost(WAIT).untilAsserted(() -> sla(ticket, "acme").statusCode(200)
                .body("targets[0].target", equalTo("FIRST_RESPONSE"))
                .body("targets[0].dueAt", equalTo("2026-11-18T20:00:00Z"))
                .body("targets[0].state", equalTo("running"))
                .body("targets[0].calendar", equalTo("standard"))
                .body("targets[1].target", equalTo("WORKAROUND"))
                .body("targets[1].calendar", equalTo("around-the-clock"))
                .body("targets[1].dueAt", equalTo("2026-11-19T18:00:00Z")));
        // SLA-6 business time as ISO-8601 durations, as the API documents
        sla(ticket, "acme")
                .body("targets[0].allowance", equalTo("PT2H"))
                .body("targets[0].elapsed", equalTo("PT0S"))
                .body("targets[0].remaining", equalTo("PT2H"))
                .body("targets[1].allowance", equalTo("PT24H"));
        // only each running clock's next timer is armed (its first warning); the rest follow as each fires
        assertThat(armedTimers(ticket)).isEqualTo(2);

        TestClock.set(pacific("2026-11-18T12:00:01"));
        List<EventEnvelope<?>> events = published(ticket, 5);
        assertThat(kinds(events)).containsExactly("FIRST_RESPONSE warning-50", "FIRST_RESPONSE warning-75",
                "FIRST_RESPONSE warning-90", "FIRST_RESPONSE breach", "FIRST_RESPONSE escalation-SUPPORT");
        assertThat(events.get(3).time()).isEqualTo(pacific("2026-11-18T12:00"));
        assertThat(events).extracting(EventEnvelope::traceparent).doesNotContain(filed).doesNotHaveDuplicates()
                .allSatisfy(t -> assertThat(t).startsWith("00-0af7651916cd43dd8448eb211c80319c-"));
        // once breached, the remaining time is negative, one leading minus (ISO 8601-2)
        sla(ticket, "acme").body("targets[0].state", equalTo("breached"))
                .body("targets[0].elapsed", equalTo("PT2H1S"))
                .body("targets[0].remaining", equalTo("-PT1S"))
                .body("targets[1].elapsed", equalTo("PT2H1S"))
                .body("targets[1].remaining", equalTo("PT21H59M59S"));

        // restarts and redelivery change nothing: the same ticket event again, the loop again
        send(created(ticket, "acme", 1, "2026-11-18T10:00"));
        firing.stopOwnFiring();
        firing.startOwnFiring();
        assertThat(KafkaTestClient.await(BREACHES, r -> ticket.toString().equals(r.key()), 6, Duration.ofSeconds(5)))
                .hasSize(5);
        sla(ticket, "globex").statusCode(404);
    }

    @Test
    @DisplayName("IS-SLA-3 and SLA-4 reordered and duplicated: the workaround pauses, resumes, and a severity change after the pause recomputes it")
    void pauseResumeAndSeverityChangeInAnyOrder() {
        TestClock.set(pacific("2026-11-18T10:00"));
        UUID ticket = UUID.randomUUID();
        List<EventEnvelope<?>> history = List.of(
                created(ticket, "acme", 3, "2026-11-18T10:00"),
                moved(ticket, "acme", 3, "NEW", "ACKNOWLEDGED", "2026-11-18T10:30"),
                moved(ticket, "acme", 3, "ACKNOWLEDGED", "WAITING_ON_CUSTOMER", "2026-11-18T11:00"),
                moved(ticket, "acme", 3, "WAITING_ON_CUSTOMER", "IN_PROGRESS", "2026-11-18T13:00"),
                severityChanged(ticket, "acme", 3, 2, "2026-11-18T14:00"));
        // newest first, with duplicates
        for (int i = history.size() - 1; i >= 0; i--) {
            send(history.get(i));
        }
        send(history.get(2));
        send(history.get(4));
        await().atMost(WAIT).untilAsserted(() -> sla(ticket, "acme").statusCode(200)
                .body("severity", equalTo(2))
                .body("targets[0].state", equalTo("met"))
                .body("targets[0].severity", equalTo(3))
                .body("targets[1].target", equalTo("WORKAROUND"))
                .body("targets[1].severity", equalTo(2))
                // 18 business hours from Wed 10:00 plus the 2 h pause: Fri 12:00 Pacific
                .body("targets[1].dueAt", equalTo("2026-11-20T20:00:00Z")));
        assertThat(ServiceDatabase.count("select count(*) from sla_timers where target = 'WORKAROUND' and fired_at is null "
                + "and ticket_id = '" + ticket + "' and target_due_at = '2026-11-20T20:00:00Z' "
                + "and next_due[array_position(next_kinds, 'breach')] = '2026-11-20T20:00:00Z'")).isEqualTo(1);
        assertThat(ServiceDatabase.count("select count(*) from sla_timers where target = 'FIRST_RESPONSE' and ticket_id = '"
                + ticket + "'")).as("a met target has no timers").isZero();

        // waiting on the customer again: the workaround's timers are cancelled, none fires
        send(moved(ticket, "acme", 2, "IN_PROGRESS", "WAITING_ON_CUSTOMER", "2026-11-19T09:00"));
        await().atMost(WAIT).untilAsserted(() -> sla(ticket, "acme").body("targets[1].state", equalTo("paused"))
                .body("targets[1].dueAt", nullValue()));
        assertThat(armedTimers(ticket)).isZero();
    }

    @Test
    @DisplayName("TKT-4 a reopened ticket (IS: resume) runs the workaround again with the time already used")
    void reopenResumes() {
        TestClock.set(pacific("2026-11-18T10:00"));
        UUID ticket = UUID.randomUUID();
        send(created(ticket, "acme", 2, "2026-11-18T10:00"));
        send(moved(ticket, "acme", 2, "NEW", "ACKNOWLEDGED", "2026-11-18T10:30"));
        send(moved(ticket, "acme", 2, "ACKNOWLEDGED", "RESOLVED", "2026-11-19T10:00"));
        send(moved(ticket, "acme", 2, "RESOLVED", "IN_PROGRESS", "2026-11-23T10:00"));
        await().atMost(WAIT).untilAsserted(() -> sla(ticket, "acme").statusCode(200)
                .body("state", equalTo("IN_PROGRESS"))
                .body("targets[1].metAt", nullValue())
                .body("targets[1].dueAt", equalTo("2026-11-24T18:00:00Z")));
    }

    @Test
    @DisplayName("SLA-5 two firing instances on one database, one stopped mid-way, after downtime: every breach exactly once")
    void twoInstancesOneStoppedEveryBreachOnce() throws Exception {
        TestClock.set(pacific("2026-11-18T10:00"));
        firing.stopOwnFiring();
        List<UUID> tickets = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            UUID ticket = UUID.randomUUID();
            tickets.add(ticket);
            send(created(ticket, "initech", 1, "2026-11-18T10:00"));
        }
        // two running clocks per ticket, each with its next timer armed
        await().atMost(WAIT).until(() -> ServiceDatabase.count("select count(*) from sla_timers where fired_at is null "
                + "and account_id = 'initech'") == 60);
        // downtime: nothing fires while the deadlines pass
        TestClock.set(pacific("2026-11-19T10:00:01"));
        TimerFiring a = firing.newFiring("firing-a");
        TimerFiring b = firing.newFiring("firing-b");
        a.start();
        b.start();
        await().atMost(WAIT).until(() -> ServiceDatabase.count(
                "select count(*) from sla_timers where fired_at is not null and account_id = 'initech'") > 0);
        a.stop();
        firing.startOwnFiring();
        // per ticket at Thu 10:00:01: the response's 3 warnings, breach (Wed 12:00), support and account
        // manager (+4 h); the 24x7 workaround's 3 warnings, breach (Thu 10:00) and support
        int expected = 30 * 11;
        await().atMost(WAIT).until(() -> ServiceDatabase.count(
                "select count(*) from sla_timers where fired_at is not null and account_id = 'initech'") == expected);
        b.stop();

        Set<String> ids = tickets.stream().map(UUID::toString).collect(Collectors.toSet());
        List<ConsumerRecord<String, byte[]>> records = KafkaTestClient.await(BREACHES, r -> ids.contains(r.key()),
                expected + 1, Duration.ofSeconds(45));
        assertThat(records).hasSize(expected);
        assertThat(records.stream().map(r -> CloudEventCodec.header(r.headers(), CloudEventCodec.CE_ID)).distinct())
                .hasSize(expected);
        long breaches = records.stream().map(CloudEventCodec::fromRecord).filter(e -> e.data() instanceof SlaBreached).count();
        assertThat(breaches).isEqualTo(60);
    }

    @Test
    @DisplayName("SLA-5, IS-SLA-3 the timer chain: the workaround's warnings fire, then its breach is armed; a pause before it moves it, the stale one never fires, the moved one fires once")
    void warningsThenBreachArmedAndMovedByAPause() {
        TestClock.set(pacific("2026-11-18T10:00"));
        UUID ticket = UUID.randomUUID();
        // Sev1: the workaround runs around the clock, 24 h, due Thu 10:00; the response is met at once
        send(created(ticket, "wayne", 1, "2026-11-18T10:00"));
        send(moved(ticket, "wayne", 1, "NEW", "ACKNOWLEDGED", "2026-11-18T10:00"));
        await().atMost(WAIT).until(() -> ServiceDatabase.count("select count(*) from sla_timers where fired_at is null "
                + "and ticket_id = '" + ticket + "' and target = 'WORKAROUND' and kind = 'warning-50' "
                + "and due_at = '2026-11-19T06:00:00Z'") == 1 && armedTimers(ticket) == 1);

        // Thu 07:40: the 50, 75 and 90 % warnings (Wed 22:00, Thu 04:00, Thu 07:36) fire one after the other,
        // and the breach is armed for Thu 10:00
        TestClock.set(pacific("2026-11-19T07:40"));
        assertThat(kinds(published(ticket, 3))).containsExactly("WORKAROUND warning-50", "WORKAROUND warning-75",
                "WORKAROUND warning-90");
        await().atMost(WAIT).until(() -> ServiceDatabase.count("select count(*) from sla_timers where fired_at is null "
                + "and ticket_id = '" + ticket + "' and kind = 'breach' and due_at = '2026-11-19T18:00:00Z'") == 1);

        // waiting on the customer Thu 08:00-09:00: the breach is disarmed, then armed an hour later
        TestClock.set(pacific("2026-11-19T08:00"));
        send(moved(ticket, "wayne", 1, "ACKNOWLEDGED", "WAITING_ON_CUSTOMER", "2026-11-19T08:00"));
        await().atMost(WAIT).until(() -> armedTimers(ticket) == 0);
        TestClock.set(pacific("2026-11-19T09:00"));
        send(moved(ticket, "wayne", 1, "WAITING_ON_CUSTOMER", "IN_PROGRESS", "2026-11-19T09:00"));
        await().atMost(WAIT).until(() -> ServiceDatabase.count("select count(*) from sla_timers where fired_at is null "
                + "and ticket_id = '" + ticket + "' and kind = 'breach' and due_at = '2026-11-19T19:00:00Z'") == 1
                && armedTimers(ticket) == 1);

        // past the old deadline: nothing fires
        TestClock.set(pacific("2026-11-19T10:30"));
        assertThat(KafkaTestClient.await(BREACHES, r -> ticket.toString().equals(r.key()), 4, Duration.ofSeconds(3)))
                .hasSize(3);
        // past the moved one: the breach and the support escalation, each once
        TestClock.set(pacific("2026-11-19T11:00:01"));
        List<EventEnvelope<?>> events = published(ticket, 5);
        assertThat(kinds(events)).containsExactly("WORKAROUND warning-50", "WORKAROUND warning-75",
                "WORKAROUND warning-90", "WORKAROUND breach", "WORKAROUND escalation-SUPPORT");
        assertThat(events.get(3).time()).isEqualTo(pacific("2026-11-19T11:00"));
        // the account manager's step (+4 h) is armed next, nothing else
        assertThat(ServiceDatabase.count("select count(*) from sla_timers where fired_at is null and ticket_id = '" + ticket
                + "' and kind = 'escalation-account-manager' and due_at = '2026-11-19T23:00:00Z'")).isEqualTo(1);
        assertThat(armedTimers(ticket)).isEqualTo(1);
        assertThat(KafkaTestClient.await(BREACHES, r -> ticket.toString().equals(r.key()), 6, Duration.ofSeconds(3)))
                .hasSize(5);
    }

    @ParameterizedTest(name = "IS-SLA-1 over the broker: Sev{0} filed {1} Pacific, response due {2}")
    @CsvSource({
            "1, 2026-11-18T10:00, 2026-11-18T20:00:00Z",
            "2, 2026-11-18T10:00, 2026-11-18T22:00:00Z",
            "3, 2026-11-18T10:00, 2026-11-19T18:00:00Z",
            "4, 2026-11-18T10:00, 2026-11-19T18:00:00Z",
            "1, 2026-11-20T17:30, 2026-11-23T18:30:00Z",
            "2, 2026-11-20T19:00, 2026-11-23T21:00:00Z",
            "3, 2026-11-21T12:00, 2026-11-24T17:00:00Z",
            "4, 2026-11-25T10:00, 2026-11-30T18:00:00Z",
    })
    void isSla1EachSeverityInAndOutOfHours(int severity, String filed, String responseDue) {
        UUID ticket = UUID.randomUUID();
        send(created(ticket, "acme", severity, filed));
        await().atMost(WAIT).untilAsserted(() -> sla(ticket, "acme").statusCode(200)
                .body("targets[0].target", equalTo("FIRST_RESPONSE"))
                .body("targets[0].dueAt", equalTo(responseDue)));
    }

    @Test
    @DisplayName("SLA-6 monthly report: share of Sev1 responses met, the breach listed; metrics exported")
    void monthlyReportAndMetrics() {
        TestClock.set(pacific("2026-11-18T10:00"));
        UUID met = UUID.randomUUID();
        UUID late = UUID.randomUUID();
        send(created(met, "umbrella", 1, "2026-11-18T10:00"));
        send(moved(met, "umbrella", 1, "NEW", "ACKNOWLEDGED", "2026-11-18T10:30"));
        send(created(late, "umbrella", 1, "2026-11-18T10:00"));
        await().atMost(WAIT).until(() -> ServiceDatabase.count(
                "select count(*) from sla_clocks where account_id = 'umbrella' and met_at is not null") == 1
                && ServiceDatabase.count("select count(*) from sla_clocks where account_id = 'umbrella'") == 4);
        TestClock.set(pacific("2026-11-18T12:00:01"));
        given().auth().oauth2(TestTokens.customer("umbrella")).queryParam("month", "2026-11")
                .when().get("/api/v1/accounts/umbrella/sla-report").then().statusCode(200)
                .body("shares.size()", equalTo(1))
                .body("shares[0].severity", equalTo(1))
                .body("shares[0].target", equalTo("FIRST_RESPONSE"))
                .body("shares[0].decided", equalTo(2))
                .body("shares[0].met", equalTo(1))
                .body("shares[0].percentMet", equalTo(50.00f))
                .body("breaches.size()", equalTo(1))
                .body("breaches[0].ticketId", equalTo(late.toString()))
                .body("breaches[0].dueAt", equalTo("2026-11-18T20:00:00Z"));
        given().auth().oauth2(TestTokens.customer("acme")).queryParam("month", "2026-11")
                .when().get("/api/v1/accounts/umbrella/sla-report").then().statusCode(404);
        given().auth().oauth2(TestTokens.customer("umbrella")).queryParam("month", "November")
                .when().get("/api/v1/accounts/umbrella/sla-report").then().statusCode(400);

        published(late, 5);
        String metrics = given().accept("text/plain; version=0.0.4").when().get("/q/metrics").then().statusCode(200)
                .extract().asString();
        assertThat(metrics).contains("sla_timer_firing_lag_seconds_bucket", "sla_breaches_total", "sla_clocks_running",
                "sla_timers_due");
        assertThat(metrics).as("breaches by policy, severity and target, never by ticket or account")
                .containsPattern("sla_breaches_total\\{policy=\"infostretch\",severity=\"[1-4]\",target=\"[A-Z_]+\",?}");
    }

    @Test
    @DisplayName("SLA-6 the monthly report counts the month in the account's time zone: a Sev1 workaround due Mon 30 Nov 23:00 Pacific (1 Dec 07:00 UTC) is November's")
    void monthlyReportCountsTheMonthInTheAccountsTimeZone() {
        TestClock.set(pacific("2026-11-29T23:00"));
        UUID ticket = UUID.randomUUID();
        send(created(ticket, "hooli", 1, "2026-11-29T23:00"));
        await().atMost(WAIT).until(() -> ServiceDatabase.count(
                "select count(*) from sla_clocks where account_id = 'hooli'") == 2);
        TestClock.set(pacific("2026-12-01T08:00"));

        given().auth().oauth2(TestTokens.customer("hooli")).queryParam("month", "2026-11")
                .when().get("/api/v1/accounts/hooli/sla-report").then().statusCode(200)
                .body("timeZone", equalTo("America/Los_Angeles"))
                .body("shares.target", contains("FIRST_RESPONSE", "WORKAROUND"))
                .body("shares.decided", contains(1, 1))
                .body("shares.met", contains(0, 0))
                .body("breaches.dueAt", contains("2026-11-30T19:00:00Z", "2026-12-01T07:00:00Z"));
        given().auth().oauth2(TestTokens.customer("hooli")).queryParam("month", "2026-12")
                .when().get("/api/v1/accounts/hooli/sla-report").then().statusCode(200)
                .body("timeZone", equalTo("America/Los_Angeles"))
                .body("shares.size()", equalTo(0))
                .body("breaches.size()", equalTo(0));
    }
}
