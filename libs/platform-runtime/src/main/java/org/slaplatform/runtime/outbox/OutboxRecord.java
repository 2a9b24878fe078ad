package org.slaplatform.runtime.outbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.runtime.trace.TraceContext;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One event waiting in the service's outbox table (migration V1_0_0). */
@Entity
@Table(name = "outbox")
public class OutboxRecord extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "event_id", nullable = false, updatable = false)
    public String eventId;

    @Column(nullable = false, updatable = false)
    public String topic;

    @Column(name = "record_key", nullable = false, updatable = false)
    public String recordKey;

    @Column(nullable = false, updatable = false)
    public String type;

    @Column(nullable = false, updatable = false)
    public String source;

    @Column(updatable = false)
    public String subject;

    @Column(name = "event_time", nullable = false, updatable = false)
    public Instant eventTime;

    @Column(nullable = false, updatable = false)
    public String payload;

    /** The W3C trace context the relay publishes as {@code ce_traceparent}; null: it starts a new trace. */
    @Column(updatable = false)
    public String traceparent;

    /** The row of {@code event}; public for services that write it in a statement of their own (ticket intake). */
    public static OutboxRecord of(EventEnvelope<?> event) {
        OutboxRecord record = new OutboxRecord();
        record.eventId = event.id();
        record.topic = event.type().topic().name();
        record.recordKey = event.key();
        record.type = event.type().type();
        record.source = event.source().toString();
        record.subject = event.subject();
        record.eventTime = event.time();
        record.payload = CloudEventCodec.dataJson(event.data());
        // the event's own trace (a consumed event's), else the one of the request or record under way
        record.traceparent = event.traceparent() != null ? event.traceparent() : TraceContext.current();
        return record;
    }
}
