package org.slaplatform.runtime.inbox;

import java.time.Duration;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.PoisonEventException;
import org.slaplatform.runtime.health.Heartbeats;
import org.slaplatform.runtime.trace.TraceContext;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Processes each Kafka record at most once in effect: the event id is inserted into the inbox first,
 * in the same transaction as the effect ({@code ON CONFLICT DO NOTHING}: a redelivery finds the row
 * and changes nothing). A poison record is nacked, which the channel's
 * {@code failure-strategy=dead-letter-queue} sends to the dead-letter topic with the reason; any other
 * failure (database down) is retried with back-off, so nothing is skipped and order per key holds.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final MeterRegistry registry;
    private final Heartbeats heartbeats;

    IdempotentConsumer(MeterRegistry registry, Heartbeats heartbeats) {
        this.registry = registry;
        this.heartbeats = heartbeats;
    }

    /**
     * @param consumer the name the inbox records this consumer under (one per logical consumer)
     * @param message  the record, read as bytes from Kafka
     * @param effect   the change to make for a first delivery, run inside the transaction
     */
    public Uni<Void> consume(String consumer, Message<byte[]> message, Function<EventEnvelope<?>, Uni<Void>> effect) {
        // in hand until acknowledged: a record held past its bound makes the service not live
        Heartbeats.InHand inHand = heartbeats.inHand(IdempotentBatchConsumer.channel(consumer, message));
        return handle(consumer, message, effect).onItem().invoke(inHand::handled).onTermination().invoke(inHand::release);
    }

    private Uni<Void> handle(String consumer, Message<byte[]> message, Function<EventEnvelope<?>, Uni<Void>> effect) {
        EventEnvelope<?> event;
        try {
            event = decode(message);
        } catch (PoisonEventException poison) {
            return deadLetter(consumer, message, poison);
        }
        // Every log line of this event's processing names it, its aggregate (DESIGN 8) and its trace; the
        // effect sees the event in this hop's span, and the outbox rows it writes carry that span on.
        MDC.put("eventId", event.id());
        MDC.put("subject", event.subject() == null ? event.key() : event.subject());
        EventEnvelope<?> traced = event.withTraceparent(TraceContext.continueFrom(event.traceparent()).toString());
        return Panache.withTransaction(() -> firstDelivery(consumer, event.id())
                        .chain(first -> {
                            ConsumedEvents.counter(registry, consumer,
                                    first ? ConsumedEvents.PROCESSED : ConsumedEvents.DUPLICATE).increment();
                            return first ? effect.apply(traced) : Uni.createFrom().voidItem();
                        })
                        .replaceWith(Boolean.TRUE))
                // a nacked record is the failure strategy's to acknowledge (the dead-letter queue does so once it
                // sent the record): acknowledging it here as well acknowledged it twice
                .onFailure(PoisonEventException.class).recoverWithUni(poison -> deadLetter(consumer, message,
                        (PoisonEventException) poison).replaceWith(Boolean.FALSE))
                .onFailure().invoke(e -> LOG.warnf("consumer %s failed on event %s, retrying: %s", consumer, event.id(), e))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely()
                .chain(committed -> committed ? Uni.createFrom().completionStage(message.ack()) : Uni.createFrom().voidItem());
    }

    /** Inserts the event id; true when this is the first delivery. Runs in the caller's transaction. */
    public Uni<Boolean> firstDelivery(String consumer, String eventId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("insert into inbox (consumer, event_id) values (:consumer, :eventId) on conflict do nothing")
                .setParameter("consumer", consumer)
                .setParameter("eventId", eventId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    private Uni<Void> deadLetter(String consumer, Message<byte[]> message, PoisonEventException poison) {
        LOG.errorf("consumer %s sends a poison record to the dead-letter topic: %s", consumer, poison.getMessage());
        ConsumedEvents.counter(registry, consumer, ConsumedEvents.DEAD_LETTERED).increment();
        return Uni.createFrom().completionStage(message.nack(poison));
    }

    private static EventEnvelope<?> decode(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new PoisonEventException("not a Kafka record"));
        Object key = metadata.getKey();
        return CloudEventCodec.decode(metadata.getHeaders(), key == null ? null : key.toString(), message.getPayload());
    }
}
