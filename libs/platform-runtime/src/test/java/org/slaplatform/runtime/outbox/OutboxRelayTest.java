package org.slaplatform.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.ticket.TicketStateChanged;
import org.slaplatform.runtime.health.TestHeartbeats;
import org.slaplatform.runtime.testing.Published;
import org.slaplatform.runtime.testing.RuntimeBroker;
import org.slaplatform.runtime.testing.RuntimeDatabase;
import org.slaplatform.runtime.testing.TicketEvents;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * DESIGN-2: {@link OutboxRelay}, the thread a service runs, between a real PostgreSQL (LISTEN/NOTIFY on
 * commit) and a real Kafka broker, started and stopped as the container does.
 */
class OutboxRelayTest {

    private static final String TOPIC = "tickets.v1";
    private static RuntimeDatabase db;
    private static String bootstrap;

    @BeforeAll
    static void infrastructure() {
        db = RuntimeDatabase.migrated();
        bootstrap = RuntimeBroker.withTopics();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    @DisplayName("DESIGN-2: a commit wakes the relay (NOTIFY), its events reach Kafka long before the poll interval")
    void aCommitIsPublishedWithoutWaitingForThePoll() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        OutboxRelay relay = relay(meters, Duration.ofSeconds(60));
        relay.start(new StartupEvent());
        try {
            Thread.sleep(1_000); // the relay has drained and waits on LISTEN
            UUID ticket = UUID.randomUUID();
            List<EventEnvelope<TicketStateChanged>> events = append(ticket, 3);

            List<ConsumerRecord<String, byte[]>> records = Published.records(TOPIC, Set.of(ticket.toString()), 3);

            assertThat(Published.ceIds(records, ticket.toString()))
                    .containsExactlyElementsOf(events.stream().map(EventEnvelope::id).toList());
            assertThat(db.count("select count(*) from outbox where record_key = '" + ticket + "' and published_at is not null "
                    + "and published_at - created_at < interval '10 seconds'"))
                    .as("acknowledged and marked well inside the 60 s poll interval").isEqualTo(3);
            assertThat(meters.get("outbox.published").counter().count()).isGreaterThanOrEqualTo(3);
        } finally {
            relay.stop(new ShutdownEvent());
        }
    }

    @Test
    @DisplayName("DESIGN-2: a relay stopped and started again publishes what was committed meanwhile, and nothing it had acknowledged twice")
    void aRestartedRelayNeitherLosesNorDoubles() throws Exception {
        UUID ticket = UUID.randomUUID();
        OutboxRelay first = relay(new SimpleMeterRegistry(), Duration.ofMillis(200));
        first.start(new StartupEvent());
        List<EventEnvelope<TicketStateChanged>> before = append(ticket, 5);
        assertThat(Published.records(TOPIC, Set.of(ticket.toString()), 5)).hasSize(5);
        first.stop(new ShutdownEvent());

        List<EventEnvelope<TicketStateChanged>> whileDown = append(ticket, 5);
        assertThat(db.count("select count(*) from outbox where published_at is null"))
                .as("committed while no relay runs: kept, not lost").isEqualTo(5);

        OutboxRelay second = relay(new SimpleMeterRegistry(), Duration.ofMillis(200));
        second.start(new StartupEvent());
        try {
            List<ConsumerRecord<String, byte[]>> records = Published.records(TOPIC, Set.of(ticket.toString()), 10);
            assertThat(Published.ceIds(records, ticket.toString())).as("each once, in commit order")
                    .containsExactlyElementsOf(
                            java.util.stream.Stream.concat(before.stream(), whileDown.stream()).map(EventEnvelope::id).toList());
        } finally {
            second.stop(new ShutdownEvent());
        }
    }

    private static OutboxRelay relay(SimpleMeterRegistry meters, Duration pollInterval) {
        return new OutboxRelay(dataSource(), config(pollInterval), bootstrap, "runtime-test", meters, Map.of(),
                TestHeartbeats.of(meters));
    }

    private static io.agroal.api.AgroalDataSource dataSource() {
        try {
            return db.dataSource();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OutboxConfig config(Duration pollInterval) {
        return new OutboxConfig() {
            @Override
            public boolean relayEnabled() {
                return true;
            }

            @Override
            public int batchSize() {
                return 500;
            }

            @Override
            public Duration pollInterval() {
                return pollInterval;
            }

            @Override
            public Duration linger() {
                return Duration.ZERO;
            }

            @Override
            public Duration retryBackoff() {
                return Duration.ofMillis(200);
            }

            @Override
            public Duration retention() {
                return Duration.ofDays(7);
            }

            @Override
            public Duration purgeInterval() {
                return Duration.ofMinutes(10);
            }

            @Override
            public int purgeBatchSize() {
                return 5000;
            }
        };
    }

    private static List<EventEnvelope<TicketStateChanged>> append(UUID ticket, int count) throws Exception {
        List<EventEnvelope<TicketStateChanged>> events = IntStream.range(0, count)
                .mapToObj(n -> TicketEvents.change(ticket, n)).toList();
        try (Connection connection = db.connect()) {
            connection.setAutoCommit(false);
            for (EventEnvelope<TicketStateChanged> event : events) {
                Outbox.append(connection, event);
            }
            connection.commit();
        }
        return events;
    }
}
