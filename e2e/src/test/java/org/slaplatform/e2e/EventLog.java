package org.slaplatform.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.events.EventEnvelope;
import org.slaplatform.events.EventType;
import org.slaplatform.events.Topics;

/**
 * Every record on every platform topic, read from the beginning by a plain Kafka consumer of its own
 * group, outside the services: what another system subscribed to the topics sees.
 */
final class EventLog implements AutoCloseable {

    /** One record: its topic, key and the CloudEvent decoded with the platform's own codec (null if it is none). */
    record Seen(String topic, String key, EventEnvelope<?> event, String undecodable) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread reader;
    private volatile boolean running = true;

    EventLog(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-observer-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(Topics.all().stream().map(Topics.Topic::name).toList());
        reader = new Thread(this::read, "e2e-event-log");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    EventEnvelope<?> event = null;
                    String problem = null;
                    try {
                        event = CloudEventCodec.fromRecord(record);
                    } catch (RuntimeException e) {
                        problem = e.toString();
                    }
                    seen.add(new Seen(record.topic(), record.key(), event, problem));
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** The payloads of {@code type} seen so far that match. */
    <T> List<T> all(EventType<T> type, Predicate<T> match) {
        List<T> found = new ArrayList<>();
        for (Seen s : seen) {
            if (s.event() != null && s.event().type().equals(type)) {
                T data = type.dataClass().cast(s.event().data());
                if (match.test(data)) {
                    found.add(data);
                }
            }
        }
        return found;
    }

    /** The whole records (with ce_time and key) of {@code type} seen so far whose payload matches. */
    <T> List<EventEnvelope<T>> envelopes(EventType<T> type, Predicate<T> match) {
        List<EventEnvelope<T>> found = new ArrayList<>();
        for (Seen s : seen) {
            if (s.event() != null && s.event().type().equals(type)
                    && match.test(type.dataClass().cast(s.event().data()))) {
                @SuppressWarnings("unchecked")
                EventEnvelope<T> e = (EventEnvelope<T>) s.event();
                found.add(e);
            }
        }
        return found;
    }

    /** Waits until at least {@code count} matching payloads were seen; fails naming what was seen of the type. */
    <T> List<T> await(EventType<T> type, Predicate<T> match, int count, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<T> found = all(type, match);
            if (found.size() >= count) {
                return found;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + count + " " + type.type() + " within " + timeout + ", saw "
                        + found.size() + " matching; all of that type: " + all(type, x -> true));
            }
            sleep(100);
        }
    }

    /** Waits for one matching payload. */
    <T> T awaitOne(EventType<T> type, Predicate<T> match, Duration timeout) {
        return await(type, match, 1, timeout).get(0);
    }

    /** Records on a topic whose key matches, in the order seen (one partition per key keeps their order). */
    List<Seen> onTopic(String topic, Predicate<String> key) {
        return seen.stream().filter(s -> s.topic().equals(topic) && key.test(s.key())).toList();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        reader.join(5_000);
    }
}
