package org.slaplatform.runtime.testing;

import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.Producer;
import org.slaplatform.events.TopicProvisioner;
import org.slaplatform.events.Topics;
import org.slaplatform.runtime.outbox.OutboxRelay;
import org.slaplatform.testing.TestInfrastructure;

/** The test JVM's real Kafka broker ({@link TestInfrastructure}) with the event contract's topics. */
public final class RuntimeBroker {

    // the broker in this JVM logs every controller event at INFO; what matters is in the assertions
    private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");
    private static final Logger BROKER_LOG = Logger.getLogger("kafka");
    private static final Logger STATE_LOG = Logger.getLogger("state.change.logger");
    private static boolean provisioned;

    private RuntimeBroker() {
    }

    /** The bootstrap servers of a broker that holds every topic of the contract (automatic creation is off). */
    public static synchronized String withTopics() {
        KAFKA_LOG.setLevel(Level.WARNING);
        BROKER_LOG.setLevel(Level.WARNING);
        STATE_LOG.setLevel(Level.WARNING);
        String bootstrap = TestInfrastructure.shared().kafkaBootstrapServers();
        if (!provisioned) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                TopicProvisioner.provision(admin, Topics.all(), Duration.ofSeconds(60));
            } catch (Exception e) {
                throw new IllegalStateException("cannot provision the contract's topics", e);
            }
            provisioned = true;
        }
        return bootstrap;
    }

    /** The producer a relay uses in production (acks=all, idempotent). */
    public static Producer<String, byte[]> relayProducer(String clientId) {
        return OutboxRelay.createProducer(withTopics(), clientId);
    }
}
