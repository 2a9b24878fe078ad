package org.slaplatform.runtime.testing;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slaplatform.events.CloudEventCodec;
import org.slaplatform.testing.KafkaTestClient;

/** What a subscriber of a topic sees of the records of some aggregates (read with a real consumer). */
public final class Published {

    private Published() {
    }

    /**
     * Every record on {@code topic} whose key is one of {@code keys}, in the order a consumer receives
     * them, waiting until {@code expected} arrived; then a little longer, so that a record published
     * twice would be there too.
     */
    public static List<ConsumerRecord<String, byte[]>> records(String topic, Set<String> keys, int expected) {
        List<ConsumerRecord<String, byte[]>> arrived = KafkaTestClient.await(topic, r -> keys.contains(r.key()),
                expected, Duration.ofSeconds(30));
        if (arrived.size() < expected) {
            return arrived;
        }
        return KafkaTestClient.await(topic, r -> keys.contains(r.key()), expected + 1, Duration.ofSeconds(3));
    }

    public static String ceId(ConsumerRecord<String, byte[]> record) {
        return CloudEventCodec.header(record.headers(), CloudEventCodec.CE_ID);
    }

    public static List<String> ceIds(List<ConsumerRecord<String, byte[]>> records, String key) {
        return records.stream().filter(r -> r.key().equals(key)).map(Published::ceId).toList();
    }
}
