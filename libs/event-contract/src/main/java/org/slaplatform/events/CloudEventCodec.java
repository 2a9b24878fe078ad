package org.slaplatform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * CloudEvents 1.0 in Kafka binary mode: attributes in {@code ce_*} headers, the data as JSON in the
 * record value. The only place that knows the wire format; producers, consumers and tests share it.
 */
public final class CloudEventCodec {

    public static final String SPEC_VERSION = "1.0";
    public static final String CE_SPECVERSION = "ce_specversion";
    public static final String CE_ID = "ce_id";
    public static final String CE_TYPE = "ce_type";
    public static final String CE_SOURCE = "ce_source";
    public static final String CE_TIME = "ce_time";
    public static final String CE_SUBJECT = "ce_subject";
    /** The CloudEvents distributed-tracing extension: the W3C trace context of the producing span. */
    public static final String CE_TRACEPARENT = "ce_" + Traceparent.HEADER;
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private CloudEventCodec() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The JSON of an event's data, as stored in an outbox row and sent as the record value. */
    public static String dataJson(Object data) {
        try {
            return MAPPER.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event data cannot be written as JSON: " + data.getClass(), e);
        }
    }

    /** The binary-mode headers for one event. */
    public static Headers headers(String id, String type, String source, String subject, Instant time) {
        return headers(id, type, source, subject, time, null);
    }

    /** The binary-mode headers for one event, with its trace context when there is one. */
    public static Headers headers(String id, String type, String source, String subject, Instant time,
            String traceparent) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CE_SPECVERSION, bytes(SPEC_VERSION));
        headers.add(CE_ID, bytes(id));
        headers.add(CE_TYPE, bytes(type));
        headers.add(CE_SOURCE, bytes(source));
        headers.add(CE_TIME, bytes(time.toString()));
        if (subject != null) {
            headers.add(CE_SUBJECT, bytes(subject));
        }
        if (traceparent != null) {
            headers.add(CE_TRACEPARENT, bytes(traceparent));
        }
        headers.add(CONTENT_TYPE, bytes(JSON));
        return headers;
    }

    public static ProducerRecord<String, byte[]> toRecord(EventEnvelope<?> event) {
        return new ProducerRecord<>(event.type().topic().name(), null, event.key(),
                dataJson(event.data()).getBytes(StandardCharsets.UTF_8),
                headers(event.id(), event.type().type(), event.source().toString(), event.subject(), event.time(),
                        event.traceparent()));
    }

    public static EventEnvelope<?> fromRecord(ConsumerRecord<String, byte[]> record) {
        return decode(record.headers(), record.key(), record.value());
    }

    /**
     * Reads one event back.
     *
     * @throws PoisonEventException naming what is wrong when the record is not a well-formed event
     *         of a known type: such a record will never become processable by retrying
     */
    public static EventEnvelope<?> decode(Headers headers, String key, byte[] value) {
        String specVersion = header(headers, CE_SPECVERSION);
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new PoisonEventException("ce_specversion must be " + SPEC_VERSION + " but was " + specVersion);
        }
        String id = required(headers, CE_ID);
        String typeName = required(headers, CE_TYPE);
        String source = required(headers, CE_SOURCE);
        String time = required(headers, CE_TIME);
        EventType<?> type = EventTypes.byType(typeName)
                .orElseThrow(() -> new PoisonEventException("unknown event type " + typeName));
        if (key == null) {
            throw new PoisonEventException("record of " + typeName + " has no key");
        }
        if (value == null) {
            throw new PoisonEventException("record of " + typeName + " has no data");
        }
        // an unreadable trace context costs the event its trace, never the event (W3C: start a new trace)
        String traceparent = Traceparent.parse(header(headers, CE_TRACEPARENT)).map(Traceparent::toString).orElse(null);
        return envelope(type, id, source, header(headers, CE_SUBJECT), time, key, value, traceparent);
    }

    private static <T> EventEnvelope<T> envelope(EventType<T> type, String id, String source, String subject,
            String time, String key, byte[] value, String traceparent) {
        T data;
        try {
            data = MAPPER.readValue(value, type.dataClass());
        } catch (java.io.IOException e) {
            throw new PoisonEventException("data of " + type.type() + " is not valid: " + firstLine(e.getMessage()), e);
        }
        try {
            return new EventEnvelope<>(id, type, URI.create(source), subject, Instant.parse(time), key, data, traceparent);
        } catch (DateTimeParseException | IllegalArgumentException | NullPointerException e) {
            throw new PoisonEventException("attributes of " + type.type() + " are not valid: " + e.getMessage(), e);
        }
    }

    private static String required(Headers headers, String name) {
        String value = header(headers, name);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("missing CloudEvents header " + name);
        }
        return value;
    }

    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
