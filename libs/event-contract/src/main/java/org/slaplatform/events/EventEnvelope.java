package org.slaplatform.events;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvent with typed data, plus the Kafka record key it travels under (the aggregate id, so
 * that order holds per ticket, instance or account).
 *
 * @param id      {@code ce_id}: unique per event; consumers deduplicate on it
 * @param type    the event type
 * @param source  {@code ce_source}: the producing service, e.g. {@code /ticket-service}
 * @param subject {@code ce_subject}: the aggregate the event is about, e.g. the ticket id
 * @param time    {@code ce_time}: when the fact happened, UTC
 * @param key     the Kafka record key
 * @param data    the payload
 * @param traceparent {@code ce_traceparent}: the W3C trace context of the span that produced the event
 *                (the CloudEvents distributed-tracing extension), null when unknown
 */
public record EventEnvelope<T>(String id, EventType<T> type, URI source, String subject, Instant time, String key, T data,
        String traceparent) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        if (!type.dataClass().isInstance(data)) {
            throw new IllegalArgumentException(type.type() + " carries " + type.dataClass().getSimpleName()
                    + ", not " + data.getClass().getSimpleName());
        }
    }

    /** An event whose trace context is not known yet (the outbox fills in the current one). */
    public EventEnvelope(String id, EventType<T> type, URI source, String subject, Instant time, String key, T data) {
        this(id, type, source, subject, time, key, data, null);
    }

    /** The same event in the trace of {@code traceparent}. */
    public EventEnvelope<T> withTraceparent(String traceparent) {
        return new EventEnvelope<>(id, type, source, subject, time, key, data, traceparent);
    }

    /** A new event with a fresh id, later than those this process made before ({@link TimeOrderedIds}). */
    public static <T> EventEnvelope<T> of(EventType<T> type, String service, String key, Instant time, T data) {
        return new EventEnvelope<>(TimeOrderedIds.next().toString(), type, source(service), key, time, key, data);
    }

    /** The {@code ce_source} of every event {@code service} produces: {@code /} and its name, e.g. {@code /ticket-service}. */
    public static URI source(String service) {
        return URI.create("/" + service);
    }
}
