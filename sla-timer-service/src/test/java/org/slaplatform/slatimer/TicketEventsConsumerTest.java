package org.slaplatform.slatimer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.Topics;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.testing.KafkaTestClient;
import org.slaplatform.testing.PlatformTestResource;
import org.slaplatform.testing.ServiceDatabase;
import org.slaplatform.testing.TestInfrastructure;
import org.slaplatform.testing.TestTokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** sla-timer-service reads tickets.v1 over a real broker into a real database, once per event. */
@QuarkusTest
@QuarkusTestResource(PlatformTestResource.class)
class TicketEventsConsumerTest {

    private static final String DEAD_LETTERS = Topics.deadLetter("sla-timer-service").name();

    private static EventEnvelope<TicketCreated> ticketCreated(String account, int severity) {
        return ticketCreated(account, severity, 1);
    }

    private static EventEnvelope<TicketCreated> ticketCreated(String account, int severity, int policyVersion) {
        UUID id = UUID.randomUUID();
        Instant filed = Instant.parse("2026-11-20T17:30:00Z");
        return EventEnvelope.of(EventTypes.TICKET_CREATED, "ticket-service", id.toString(), filed,
                new TicketCreated(id, account, severity, "Login fails", "API", filed, "DEFECT", "infostretch", policyVersion,
                        "enterprise", "America/Los_Angeles", List.of()));
    }

    private static void awaitTracked(EventEnvelope<TicketCreated> event) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given()
                .auth().oauth2(TestTokens.customer(event.data().accountId()))
                .when().get("/api/v1/tickets/" + event.key() + "/sla")
                .then().statusCode(200));
    }

    @Test
    @DisplayName("a ticket.created event is recorded and visible through the API, scoped to its account")
    void aTicketEventIsRecorded() {
        EventEnvelope<TicketCreated> event = ticketCreated("acme", 1);
        KafkaTestClient.send(CloudEventCodec.toRecord(event));

        awaitTracked(event);
        given().auth().oauth2(TestTokens.customer("acme")).when().get("/api/v1/tickets/" + event.key() + "/sla")
                .then().statusCode(200)
                .body("accountId", equalTo("acme"))
                .body("severity", equalTo(1))
                .body("openedAt", equalTo("2026-11-20T17:30:00Z"));
        given().auth().oauth2(TestTokens.customer("globex")).when().get("/api/v1/tickets/" + event.key() + "/sla")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.probe()).when().get("/api/v1/tickets/" + event.key() + "/sla")
                .then().statusCode(403);
    }

    @Test
    @DisplayName("SLA-5 a redelivered event (same ce_id) changes nothing")
    void aRedeliveredEventIsANoOp() {
        EventEnvelope<TicketCreated> event = ticketCreated("acme", 2);
        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        awaitTracked(event);
        double duplicatesBefore = duplicates();

        KafkaTestClient.send(CloudEventCodec.toRecord(event));
        KafkaTestClient.send(CloudEventCodec.toRecord(event));

        await().atMost(Duration.ofSeconds(20)).until(() -> duplicates() >= duplicatesBefore + 2);
        assertThat(ServiceDatabase.count("select count(*) from inbox where event_id = '" + event.id() + "'")).isEqualTo(1);
        assertThat(ServiceDatabase.count("select count(*) from tracked_tickets where ticket_id = '" + event.key() + "'"))
                .isEqualTo(1);
    }

    @Test
    @DisplayName("DESIGN-6 poison records go to the dead-letter topic with the reason, and the consumer goes on")
    void poisonRecordsAreDeadLetteredAndTheConsumerGoesOn() {
        String garbageKey = "garbage-" + UUID.randomUUID();
        KafkaTestClient.send(new ProducerRecord<>(Topics.TICKETS.name(), garbageKey,
                "\u0000not an event".getBytes(StandardCharsets.UTF_8)));
        String unknownKey = "unknown-" + UUID.randomUUID();
        ProducerRecord<String, byte[]> unknownType = new ProducerRecord<>(Topics.TICKETS.name(), null, unknownKey,
                "{}".getBytes(StandardCharsets.UTF_8),
                CloudEventCodec.headers(UUID.randomUUID().toString(), "org.slaplatform.ticket.teleported.v1",
                        "/elsewhere", unknownKey, Instant.now()));
        KafkaTestClient.send(unknownType);
        EventEnvelope<TicketCreated> after = ticketCreated("acme", 3);
        KafkaTestClient.send(CloudEventCodec.toRecord(after));

        awaitTracked(after);
        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.await(DEAD_LETTERS,
                r -> garbageKey.equals(r.key()) || unknownKey.equals(r.key()), 2, Duration.ofSeconds(20));
        // Different keys travel on different partitions: no order between them.
        Map<String, String> reasons = dead.stream().collect(Collectors.toMap(ConsumerRecord::key,
                r -> CloudEventCodec.header(r.headers(), "dead-letter-reason")));
        assertThat(reasons).containsExactlyInAnyOrderEntriesOf(Map.of(
                garbageKey, "ce_specversion must be 1.0 but was null",
                unknownKey, "unknown event type org.slaplatform.ticket.teleported.v1"));
    }

    @Test
    // DESIGN-6 (a poison Kafka record goes to the dead-letter topic and the consumer goes on), proven for a
    // record that poisons a whole batch: the refused version is only the way to make one record poison here.
    // That tickets keep the policy version they began under (POL-3) is PolicyVersionsTest's.
    @DisplayName("DESIGN-6 one poison record in a polled batch is dead-lettered with its reason; the batch's other events are applied")
    void aPoisonRecordDoesNotFailTheRestOfItsBatch() throws Exception {
        EventEnvelope<TicketCreated> before = ticketCreated("acme", 1);
        EventEnvelope<TicketCreated> notShipped = ticketCreated("acme", 2, 99);
        EventEnvelope<TicketCreated> after = ticketCreated("acme", 3);
        // One partition, one producer batch: the three records reach the consumer in one poll.
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.shared().kafkaBootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 200), new StringSerializer(), new ByteArraySerializer())) {
            for (EventEnvelope<TicketCreated> event : List.of(before, notShipped, after)) {
                ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(event);
                producer.send(new ProducerRecord<>(record.topic(), 0, record.key(), record.value(), record.headers()));
            }
            producer.flush();
        }

        awaitTracked(before);
        awaitTracked(after);
        List<ConsumerRecord<String, byte[]>> dead = KafkaTestClient.await(DEAD_LETTERS,
                r -> notShipped.key().equals(r.key()), 1, Duration.ofSeconds(20));
        assertThat(dead).extracting(r -> CloudEventCodec.header(r.headers(), "dead-letter-reason"))
                .containsExactly("policy infostretch version 99 is not shipped (have [1, 2])");
        assertThat(ServiceDatabase.count("select count(*) from tracked_tickets where ticket_id = '" + notShipped.key() + "'"))
                .isZero();
        assertThat(ServiceDatabase.count("select count(*) from inbox where event_id = '" + notShipped.id() + "'")).isZero();
        assertThat(ServiceDatabase.count("select count(*) from sla_clocks where ticket_id in ('" + before.key() + "', '"
                + after.key() + "')")).isEqualTo(2 + 2);
    }

    private static double duplicates() {
        String metrics = given().accept("text/plain; version=0.0.4").when().get("/q/metrics").then().extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("events_consumed_total{") && line.contains("outcome=\"duplicate\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
