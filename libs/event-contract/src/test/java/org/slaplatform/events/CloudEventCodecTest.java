package org.slaplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.ticket.TicketCreated;

class CloudEventCodecTest {

    private final TicketCreated created = new TicketCreated(UUID.randomUUID(), "acme", 2, "Login fails", "API",
            Instant.parse("2026-11-20T17:30:00Z"), "DEFECT", "infostretch", 1, "standard", "America/Los_Angeles",
            java.util.List.of("CHARGEABLE"));

    @Test
    void anEventSurvivesTheRoundTripInBinaryMode() {
        EventEnvelope<TicketCreated> event = EventEnvelope.of(EventTypes.TICKET_CREATED, "ticket-service",
                created.ticketId().toString(), created.createdAt(), created);
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(event);

        assertThat(record.topic()).isEqualTo("tickets.v1");
        assertThat(CloudEventCodec.header(record.headers(), "ce_type")).isEqualTo("org.slaplatform.ticket.created.v1");
        assertThat(CloudEventCodec.header(record.headers(), "ce_source")).isEqualTo("/ticket-service");
        assertThat(CloudEventCodec.header(record.headers(), "ce_subject")).isEqualTo(created.ticketId().toString());
        assertThat(CloudEventCodec.header(record.headers(), "ce_time")).isEqualTo("2026-11-20T17:30:00Z");

        EventEnvelope<?> back = CloudEventCodec.decode(record.headers(), record.key(), record.value());
        assertThat(back).isEqualTo(event);
    }

    @Test
    void anUnknownTypeIsPoisonNamingTheType() {
        Headers headers = CloudEventCodec.headers("1", "org.slaplatform.nope.v1", "/x", null, Instant.EPOCH);
        assertThatThrownBy(() -> CloudEventCodec.decode(headers, "k", "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("unknown event type org.slaplatform.nope.v1");
    }

    @Test
    void unparseableDataIsPoison() {
        Headers headers = CloudEventCodec.headers("1", EventTypes.TICKET_CREATED.type(), "/x", null, Instant.EPOCH);
        assertThatThrownBy(() -> CloudEventCodec.decode(headers, "k", "{not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageStartingWith("data of org.slaplatform.ticket.created.v1 is not valid");
    }

    @Test
    void dataMissingARequiredFieldIsPoison() {
        Headers headers = CloudEventCodec.headers("1", EventTypes.TICKET_CREATED.type(), "/x", null, Instant.EPOCH);
        assertThatThrownBy(() -> CloudEventCodec.decode(headers, "k",
                "{\"accountId\":\"acme\",\"severity\":1,\"createdAt\":\"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonEventException.class);
    }

    @Test
    void aRecordWithoutCloudEventsHeadersIsPoison() {
        assertThatThrownBy(() -> CloudEventCodec.decode(new org.apache.kafka.common.header.internals.RecordHeaders(), "k",
                "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonEventException.class)
                .hasMessage("ce_specversion must be 1.0 but was null");
    }
}
