package org.slaplatform.runtime.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.common.header.Headers;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventTypes;
import org.slaplatform.events.Traceparent;
import org.slaplatform.events.ticket.TicketCreated;
import org.slaplatform.runtime.outbox.Outbox;
import org.slaplatform.runtime.outbox.OutboxRecord;

/**
 * How a trace context crosses a service: from a request's {@code traceparent} (or a consumed event's
 * {@code ce_traceparent}) into the MDC, from the MDC into the outbox rows written meanwhile, and from
 * an outbox row to the {@code ce_traceparent} of the published record.
 */
class TraceContextTest {

    private static final String CALLER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @AfterEach
    void clear() {
        TraceContext.clear();
    }

    @Test
    void aRequestWithATraceparentRunsInAChildSpanOfTheCallersTrace() {
        Traceparent span = TraceContext.continueFrom(CALLER);

        assertThat(span.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(span.spanId()).isNotEqualTo("00f067aa0ba902b7");
        assertThat(MDC.get("traceId")).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(MDC.get("spanId")).isEqualTo(span.spanId());
        assertThat(TraceContext.current()).isEqualTo(span.toString());
    }

    @Test
    void aRequestWithoutOneOrWithAnInvalidOneStartsANewTrace() {
        Traceparent none = TraceContext.continueFrom(null);
        Traceparent invalid = TraceContext.continueFrom("00-zz-00f067aa0ba902b7-01");

        assertThat(none.traceId()).isNotEqualTo(invalid.traceId()).matches("[0-9a-f]{32}");
        assertThat(TraceContext.current()).isEqualTo(invalid.toString());
    }

    @Test
    void theUnsampledFlagIsKept() {
        TraceContext.continueFrom("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
        assertThat(TraceContext.current()).endsWith("-00");
    }

    @Test
    void anOutboxRowCarriesTheCurrentTraceUnlessTheEventHasItsOwn() {
        Traceparent span = TraceContext.continueFrom(CALLER);

        assertThat(OutboxRecord.of(ticketCreated()).traceparent).isEqualTo(span.toString());
        String other = Traceparent.newTrace().toString();
        assertThat(OutboxRecord.of(ticketCreated().withTraceparent(other)).traceparent).isEqualTo(other);
        Object[] columns = Outbox.columns(List.of(ticketCreated()));
        assertThat(columns).hasSize(9);
        assertThat((String[]) columns[8]).containsExactly(span.toString());

        TraceContext.clear();
        assertThat(OutboxRecord.of(ticketCreated()).traceparent).isNull();
    }

    @Test
    void aBatchOfOneTraceRunsInItAndEachEventOfABatchKeepsItsOwnTrace() {
        EventEnvelope<?> a = ticketCreated().withTraceparent(CALLER);
        EventEnvelope<?> b = ticketCreated().withTraceparent(Traceparent.newTrace().toString());

        List<EventEnvelope<?>> one = TraceContext.continueBatch(List.of(a));
        assertThat(Traceparent.parse(one.get(0).traceparent()).orElseThrow().traceId())
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceContext.current()).isEqualTo(one.get(0).traceparent());

        List<EventEnvelope<?>> two = TraceContext.continueBatch(List.of(a, b));
        assertThat(two).extracting(e -> e.traceparent().substring(3, 35))
                .containsExactly("4bf92f3577b34da6a3ce929d0e0e4736", b.traceparent().substring(3, 35));
        assertThat(two).extracting(EventEnvelope::id).containsExactly(a.id(), b.id());
        assertThat(TraceContext.current()).isNull();

        List<EventEnvelope<?>> untraced = TraceContext.continueBatch(List.of(ticketCreated()));
        assertThat(untraced.get(0).traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }

    @Test
    void thePublishedRecordCarriesTheRowsTraceAsCeTraceparent() {
        Headers headers = CloudEventCodec.headers("1", EventTypes.TICKET_CREATED.type(), "/ticket-service", null,
                Instant.EPOCH, CALLER);
        assertThat(CloudEventCodec.header(headers, "ce_traceparent")).isEqualTo(CALLER);
    }

    private static EventEnvelope<TicketCreated> ticketCreated() {
        TicketCreated created = new TicketCreated(UUID.randomUUID(), "acme", 2, "Login fails", "API",
                Instant.parse("2026-11-20T17:30:00Z"), "DEFECT", "infostretch", 1, "standard", "America/Los_Angeles",
                List.of());
        return EventEnvelope.of(EventTypes.TICKET_CREATED, "ticket-service", created.ticketId().toString(),
                created.createdAt(), created);
    }
}
