package org.slaplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.ticket.TicketCreated;

/** W3C Trace Context, level 1 (https://www.w3.org/TR/trace-context/), and its CloudEvents extension on Kafka. */
class TraceparentTest {

    private static final String SPEC_EXAMPLE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theSpecExampleIsReadAndWrittenBackUnchanged() {
        Traceparent parsed = Traceparent.parse(SPEC_EXAMPLE).orElseThrow();
        assertThat(parsed.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(parsed.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(parsed.sampled()).isTrue();
        assertThat(parsed).hasToString(SPEC_EXAMPLE);
    }

    @Test
    void invalidValuesAreIgnoredSoThatANewTraceStarts() {
        assertThat(List.of(
                "", "garbage",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", // upper case
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01", // all-zero trace id
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", // all-zero parent id
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", // forbidden version
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", // version 00 has four fields
                "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01")) // short trace id
                .allSatisfy(value -> assertThat(Traceparent.parse(value)).as(value).isEmpty());
        assertThat(Traceparent.parse(null)).isEmpty();
    }

    @Test
    void aFutureVersionIsReadAsVersion00() {
        assertThat(Traceparent.parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09-what-comes-next"))
                .hasValueSatisfying(t -> assertThat(t).hasToString(SPEC_EXAMPLE));
    }

    @Test
    void aChildSpanKeepsTheTraceAndTheFlagsWithANewSpanId() {
        Traceparent parent = Traceparent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00").orElseThrow();
        Traceparent child = parent.child();
        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.flags()).isEqualTo("00");
        assertThat(child.spanId()).isNotEqualTo(parent.spanId()).matches("[0-9a-f]{16}");
    }

    @Test
    void aNewTraceIsRandomAndValid() {
        Traceparent a = Traceparent.newTrace();
        Traceparent b = Traceparent.newTrace();
        assertThat(a.traceId()).matches("[0-9a-f]{32}").isNotEqualTo(b.traceId());
        assertThat(Traceparent.parse(a.toString())).contains(a);
        assertThat(a.sampled()).isTrue();
    }

    @Test
    void theTraceTravelsAsTheCeTraceparentHeaderAndBack() {
        TicketCreated created = new TicketCreated(UUID.randomUUID(), "acme", 2, "Login fails", "API",
                Instant.parse("2026-11-20T17:30:00Z"), "DEFECT", "infostretch", 1, "standard", "America/Los_Angeles",
                List.of());
        EventEnvelope<TicketCreated> event = EventEnvelope.of(EventTypes.TICKET_CREATED, "ticket-service",
                created.ticketId().toString(), created.createdAt(), created).withTraceparent(SPEC_EXAMPLE);
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(event);

        assertThat(CloudEventCodec.header(record.headers(), "ce_traceparent")).isEqualTo(SPEC_EXAMPLE);
        assertThat(CloudEventCodec.fromRecord(new org.apache.kafka.clients.consumer.ConsumerRecord<>(record.topic(), 0, 0L,
                0L, org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0, 0, record.key(), record.value(),
                record.headers(), java.util.Optional.empty()))).isEqualTo(event);
    }

    @Test
    void anUnreadableTraceCostsTheEventOnlyItsTrace() {
        TicketCreated created = new TicketCreated(UUID.randomUUID(), "acme", 2, "Login fails", "API",
                Instant.parse("2026-11-20T17:30:00Z"), "DEFECT", "infostretch", 1, "standard", "America/Los_Angeles",
                List.of());
        EventEnvelope<TicketCreated> event = EventEnvelope.of(EventTypes.TICKET_CREATED, "ticket-service",
                created.ticketId().toString(), created.createdAt(), created).withTraceparent("not-a-trace");
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(event);

        EventEnvelope<?> back = CloudEventCodec.decode(record.headers(), record.key(), record.value());
        assertThat(back.traceparent()).isNull();
        assertThat(back.id()).isEqualTo(event.id());
    }
}
