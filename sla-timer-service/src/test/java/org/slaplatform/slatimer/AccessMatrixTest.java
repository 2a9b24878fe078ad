package org.slaplatform.slatimer;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.testing.Access;
import org.slaplatform.testing.AccessMatrixContract;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestClock;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 17: sla-timer-service's access table, a tracked ticket of an own and a foreign account (filed on
 * tickets.v1 as ticket-service files it), and the fuzz.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class AccessMatrixTest extends AccessMatrixContract {

    private static final Map<String, UUID> TICKETS = new ConcurrentHashMap<>();

    AccessMatrixTest() {
        super("acme-matrix", "globex-matrix");
    }

    @Override
    protected Map<String, Access> accessTable() {
        return Map.ofEntries(
                // IS-SLA-2, SLA-5: a ticket's clocks are its account's; another account's ticket is a 404.
                Map.entry("getTicketSla", Access.account(PEOPLE)),
                // SLA-6
                Map.entry("getAccountSlaReport", Access.account(PEOPLE)));
    }

    @BeforeEach
    void tickets() {
        TestClock.reset();
        for (String account : bothAccounts()) {
            TICKETS.computeIfAbsent(account, AccessMatrixTest::file);
        }
    }

    /** A Sev4 ticket of the account, filed now: its clocks are tracked, and no timer fires during the test. */
    private static UUID file(String account) {
        UUID ticket = UUID.randomUUID();
        Instant now = Instant.now();
        KafkaTestClient.send(CloudEventCodec.toRecord(EventEnvelope.of(EventTypes.TICKET_CREATED, "ticket-service",
                ticket.toString(), now, new TicketCreated(ticket, account, 4, "Fixture", "API", now, "DEFECT",
                        "infostretch", 1, "Maintenance", "America/Los_Angeles", List.of()))));
        await().atMost(Duration.ofSeconds(60)).until(() -> ServiceDatabase.count(
                "select count(*) from sla_clocks where ticket_id = '" + ticket + "'") > 0);
        return ticket;
    }

    @Override
    protected Map<String, String> parameters(String operationId, String account) {
        return switch (operationId) {
            case "getTicketSla" -> Map.of("ticketId", TICKETS.get(account).toString());
            default -> Map.of("accountId", account,
                    "month", YearMonth.now(ZoneId.of("America/Los_Angeles")).toString());
        };
    }
}
