package org.slaplatform.ticket;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.Topics;
import org.slaplatform.runtime.outbox.OutboxPublisher;
import org.slaplatform.runtime.outbox.OutboxRelay;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestInfrastructure;
import org.slaplatform.testing.TestTokens;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The service commits a ticket and then "crashes" before its relay publishes (the relay is off in
 * this profile): the event waits in the outbox and is published by the next relay that runs. A relay
 * that dies after the broker acknowledged but before it marked the rows publishes again: a
 * duplicate with the same ce_id, never a loss.
 */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
@TestProfile(OutboxCrashTest.RelayStopped.class)
class OutboxCrashTest {

    public static class RelayStopped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("platform.outbox.relay-enabled", "false");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    private Producer<String, byte[]> producer;

    @BeforeEach
    void producer() {
        Fixtures.account("acme", "infostretch", "maintenance");
        producer = OutboxRelay.createProducer(TestInfrastructure.shared().kafkaBootstrapServers(), "crash-test");
    }

    @AfterEach
    void close() {
        producer.close();
    }

    private static String fileTicket() {
        return given().auth().oauth2(TestTokens.customer("acme")).contentType(ContentType.JSON)
                .body("""
                        {"subject": "Crash me", "severity": 1}""")
                .when().post("/api/v1/tickets").then().statusCode(201).extract().path("id");
    }

    private static List<ConsumerRecord<String, byte[]>> eventsOf(String ticketId, int wanted, Duration wait) {
        return KafkaTestClient.await(Topics.TICKETS.name(), r -> ticketId.equals(r.key()), wanted, wait);
    }

    @Test
    @DisplayName("DESIGN-2 a crash between commit and publish loses nothing; a crash after publish duplicates harmlessly")
    void crashesLoseNothing() throws Exception {
        String ticketId = fileTicket();
        assertThat(ServiceDatabase.count("select count(*) from outbox where record_key = '" + ticketId
                + "' and published_at is null")).isEqualTo(1);
        assertThat(eventsOf(ticketId, 1, Duration.ofSeconds(3))).isEmpty();

        OutboxPublisher diesBeforeMarking = new OutboxPublisher(dataSource, producer, 500) {
            @Override
            protected void beforeMark(List<Long> ids) {
                throw new IllegalStateException("killed after the broker acknowledged");
            }
        };
        assertThatThrownBy(diesBeforeMarking::publishBatch).hasMessageContaining("killed");
        assertThat(ServiceDatabase.count("select count(*) from outbox where published_at is null")).isPositive();
        assertThat(eventsOf(ticketId, 1, Duration.ofSeconds(20))).hasSize(1);

        new OutboxPublisher(dataSource, producer, 500).publishBatch();
        assertThat(ServiceDatabase.count("select count(*) from outbox where published_at is null")).isZero();
        List<ConsumerRecord<String, byte[]>> events = eventsOf(ticketId, 2, Duration.ofSeconds(20));
        assertThat(events).hasSize(2);
        Set<String> ids = events.stream().map(r -> CloudEventCodec.header(r.headers(), "ce_id")).collect(Collectors.toSet());
        assertThat(ids).as("the duplicate carries the same ce_id, so consumers drop it").hasSize(1);
    }

    @Test
    @DisplayName("DESIGN-9 one relay publishes at a time: another instance holding the relay lock makes this one wait")
    void relaysOfSeveralInstancesDoNotPublishConcurrently() throws Exception {
        String ticketId = fileTicket();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement lock = other.createStatement()) {
                lock.execute("select pg_advisory_xact_lock(hashtext(current_schema() || '.outbox'))");
            }
            assertThat(new OutboxPublisher(dataSource, producer, 500).publishBatch()).isZero();
            other.rollback();
        }
        assertThat(new OutboxPublisher(dataSource, producer, 500).publishBatch()).isPositive();
        assertThat(eventsOf(ticketId, 1, Duration.ofSeconds(20))).hasSize(1);
    }
}
