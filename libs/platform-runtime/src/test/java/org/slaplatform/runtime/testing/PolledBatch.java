package org.slaplatform.runtime.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;

/**
 * Records sent to a topic of their own on the real broker and polled back by a real consumer, handed
 * over as the Kafka connector hands a batch to a {@code batch=true} channel. What the connector does
 * with an ack (commit) and a nack ({@code failure-strategy=dead-letter-queue}) is recorded here.
 */
public final class PolledBatch {

    public final String topic = "runtime-test-" + UUID.randomUUID();
    public final List<Long> acked = new CopyOnWriteArrayList<>();
    public final List<Nacked> nacked = new CopyOnWriteArrayList<>();

    public record Nacked(long offset, Throwable reason) {
    }

    public PolledBatch() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RuntimeBroker.withTopics()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
    }

    public void send(List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RuntimeBroker.withTopics(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers())).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** The topic's first {@code count} records, polled by a new consumer group, as one batch. */
    public IncomingKafkaRecordBatch<String, byte[]> poll(int count) {
        List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RuntimeBroker.withTopics(),
                ConsumerConfig.GROUP_ID_CONFIG, "runtime-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (polled.size() < count && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(polled::add);
            }
        }
        if (polled.size() != count) {
            throw new IllegalStateException("polled " + polled.size() + " records of " + count);
        }
        return batchOf(polled);
    }

    /** Records a real consumer received (from any topic), as one batch of the connector. */
    public IncomingKafkaRecordBatch<String, byte[]> batchOf(List<ConsumerRecord<String, byte[]>> polled) {
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition = new java.util.LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : polled) {
            byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>())
                    .add(record);
        }
        ConsumerRecords<String, byte[]> records = new ConsumerRecords<>(byPartition);
        return new IncomingKafkaRecordBatch<>(records, "runtime-test-channel", -1, new KafkaCommitHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
                acked.add(record.getOffset());
                return Uni.createFrom().voidItem();
            }
        }, new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                nacked.add(new Nacked(record.getOffset(), reason));
                return Uni.createFrom().voidItem();
            }
        }, false, false);
    }
}
