package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestTokens;
import org.slaplatform.ticket.domain.Category;
import org.slaplatform.ticket.domain.Channel;
import org.slaplatform.ticket.domain.EscalationLevel;
import org.slaplatform.ticket.domain.TicketLifecycle;
import org.slaplatform.ticket.repository.Ticket;
import org.slaplatform.ticket.repository.TicketHistoryEntry;
import org.slaplatform.ticket.repository.TicketRepository.NewTicketRows;
import org.slaplatform.ticket.service.GroupCommit;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The group commit of intake: tickets filed while others are being written share one statement and
 * one commit, and keep every guarantee of a ticket written alone (DESIGN-2: ticket, audit line and
 * outbox rows together or not at all; one bad ticket fails its own request only).
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class GroupCommitTest {

    @Inject
    GroupCommit groupCommit;

    @Test
    @DisplayName("IS-TKT-1 tickets filed while the table is busy are written together by one statement, each with its audit line and event")
    void ticketsFiledMeanwhileShareOneCommit() throws Exception {
        List<NewTicketRows> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            rows.add(rows("group", "Grouped " + i, (short) 2));
        }
        List<CompletableFuture<Void>> answers = writeWhileTicketsLocked(rows);
        for (CompletableFuture<Void> answer : answers) {
            answer.get(20, TimeUnit.SECONDS);
        }
        String ids = idList(rows);
        assertThat(ServiceDatabase.count("select count(*) from tickets where id in (" + ids + ")")).isEqualTo(12);
        assertThat(ServiceDatabase.count("select count(*) from ticket_history where kind = 'CREATED' and ticket_id in (" + ids + ")"))
                .isEqualTo(12);
        assertThat(ServiceDatabase.count("select count(*) from outbox where record_key in (" + keyList(rows) + ")"))
                .isEqualTo(12);
        // the two sent at once waited on the lock; the ten that gathered meanwhile went in one statement,
        // one transaction: one now() for all their outbox rows
        assertThat(ServiceDatabase.count("select count(distinct created_at) from outbox where record_key in ("
                + keyList(rows.subList(2, 12)) + ")")).isEqualTo(1);
    }

    @Test
    @DisplayName("DESIGN-2 one ticket the database refuses fails its own request only: its neighbours in the group are written, it leaves nothing")
    void oneBadTicketFailsOnlyItself() throws Exception {
        List<NewTicketRows> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            // severity 0 breaks the table's check (1 or more): only the database can refuse it here
            rows.add(rows("group", "Neighbour " + i, i == 6 ? (short) 0 : (short) 3));
        }
        List<CompletableFuture<Void>> answers = writeWhileTicketsLocked(rows);
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            try {
                answers.get(i).get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                failed.add(i);
            }
        }
        assertThat(failed).containsExactly(6);
        UUID bad = rows.get(6).ticket().id;
        List<NewTicketRows> good = new ArrayList<>(rows);
        good.remove(6);
        assertThat(ServiceDatabase.count("select count(*) from tickets where id in (" + idList(good) + ")")).isEqualTo(11);
        assertThat(ServiceDatabase.count("select count(*) from ticket_history where ticket_id in (" + idList(good) + ")"))
                .isEqualTo(11);
        assertThat(ServiceDatabase.count("select count(*) from outbox where record_key in (" + keyList(good) + ")"))
                .isEqualTo(11);
        assertThat(ServiceDatabase.count("select count(*) from tickets where id = '" + bad + "'")).isZero();
        assertThat(ServiceDatabase.count("select count(*) from outbox where record_key = '" + bad + "'")).isZero();
    }

    @Test
    @DisplayName("ITC-TKT-6 (quota option counts: opened, the fifth vendor's) concurrent creations on the last quota unit, amid group-committed intakes: exactly one takes it, nothing lost or doubled")
    void theLastUnitIsTakenOnceAmidGroupedIntakes() throws Exception {
        Fixtures.account("grouped", "inflectra", "standard");
        Fixtures.putAccount("quota-race", Fixtures.contract("fifthvendor", "standard", "2025-01-01", null,
                "\"policyVersion\": 1")).statusCode(200);
        int year = Instant.now().atZone(java.time.ZoneId.of("America/Los_Angeles")).getYear();
        Fixtures.execute("insert into quota_years (account_id, year_start, year_end, allowance, carried_in, used)"
                + " values ('quota-race', '" + year + "-01-01', '" + year + "-12-31', 40, 0, 39) on conflict do nothing");
        int grouped = 40;
        int racing = 4;
        ExecutorService threads = Executors.newFixedThreadPool(grouped + racing);
        try {
            CyclicBarrier start = new CyclicBarrier(grouped + racing);
            List<Future<List<String>>> quota = new ArrayList<>();
            List<Future<List<String>>> others = new ArrayList<>();
            for (int i = 0; i < grouped + racing; i++) {
                boolean race = i < racing;
                String token = TestTokens.customer(race ? "quota-race" : "grouped");
                String body = "{\"subject\": \"" + (race ? "Race" : "Grouped") + " " + i + "\", \"severity\": 3}";
                Callable<List<String>> create = () -> {
                    start.await();
                    return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                            .when().post("/api/v1/tickets").then().statusCode(201).extract().path("flags");
                };
                (race ? quota : others).add(threads.submit(create));
            }
            List<List<String>> flags = new ArrayList<>();
            for (Future<List<String>> result : quota) {
                flags.add(result.get(30, TimeUnit.SECONDS));
            }
            for (Future<List<String>> result : others) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEmpty();
            }
            assertThat(flags).filteredOn(List::isEmpty).hasSize(1);
            assertThat(flags).filteredOn(f -> f.contains("CHARGEABLE")).hasSize(racing - 1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(ServiceDatabase.count("select used from quota_years where account_id = 'quota-race'")).isEqualTo(40);
        assertThat(ServiceDatabase.count("select count(*) from tickets where account_id = 'grouped'")).isEqualTo(grouped);
        assertThat(ServiceDatabase.count("select count(*) from ticket_history h join tickets t on t.id = h.ticket_id"
                + " where t.account_id = 'grouped'")).isEqualTo(grouped);
        assertThat(ServiceDatabase.count("select count(*) from outbox o join tickets t on o.record_key = t.id::text"
                + " where t.account_id in ('grouped', 'quota-race')")).isEqualTo(grouped + racing);
    }

    /**
     * Hands {@code rows} to the group commit while a transaction of the test holds the tickets table:
     * the first statements wait on the lock, so every later ticket gathers behind them.
     */
    private List<CompletableFuture<Void>> writeWhileTicketsLocked(List<NewTicketRows> rows) throws Exception {
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        try (Connection lock = ServiceDatabase.connect(); Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("lock table tickets in exclusive mode");
            for (NewTicketRows row : rows) {
                answers.add(groupCommit.write(row).subscribeAsCompletionStage());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (ServiceDatabase.count("select count(*) from pg_locks where relation = 'tickets'::regclass and not granted") < 2
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(answers).noneMatch(CompletableFuture::isDone);
            lock.commit();
        }
        return answers;
    }

    private static NewTicketRows rows(String account, String subject, short severity) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID();
        ticket.accountId = account;
        ticket.subject = subject;
        ticket.description = "";
        ticket.severity = severity;
        ticket.state = TicketLifecycle.NEW;
        ticket.channel = Channel.API;
        ticket.category = Category.DEFECT;
        ticket.policy = "inflectra";
        ticket.policyVersion = 1;
        ticket.plan = "standard";
        ticket.timeZone = "UTC";
        ticket.flags = "";
        ticket.escalationLevel = EscalationLevel.SUPPORT;
        ticket.createdBy = "test";
        ticket.createdAt = now;
        ticket.updatedAt = now;
        TicketHistoryEntry first = TicketHistoryEntry.of(ticket.id, now, "test", TicketHistoryEntry.Kind.CREATED, null,
                TicketLifecycle.NEW.name(), null);
        EventEnvelope<?> created = EventEnvelope.of(EventTypes.TICKET_CREATED, "ticket-service", ticket.id.toString(), now,
                new TicketCreated(ticket.id, account, severity, subject, "API", now, "DEFECT", "inflectra", 1, "standard",
                        "UTC", List.of()));
        return new NewTicketRows(ticket, first, List.of(created));
    }

    private static String idList(List<NewTicketRows> rows) {
        return rows.stream().map(r -> "'" + r.ticket().id + "'").collect(Collectors.joining(", "));
    }

    private static String keyList(List<NewTicketRows> rows) {
        return idList(rows);
    }
}
