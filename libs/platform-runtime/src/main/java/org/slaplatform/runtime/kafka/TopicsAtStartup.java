package org.slaplatform.runtime.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.slaplatform.events.TopicProvisioner;
import org.slaplatform.events.Topics;
import org.slaplatform.runtime.outbox.OutboxRelay;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Every service makes sure, before its channels connect, that the platform's topics exist as the
 * event contract ({@link Topics}) defines them: partitions, cleanup policy, retention. Brokers run
 * with automatic topic creation off, so a topic is never born with the broker's defaults (three
 * partitions, deleted after a week even where the contract says compacted).
 */
@ApplicationScoped
public class TopicsAtStartup {

    private static final Logger LOG = Logger.getLogger(TopicsAtStartup.class);

    private final TopicsConfig config;
    private final String bootstrapServers;
    private final Map<String, Object> kafkaConfig;

    TopicsAtStartup(TopicsConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.kafkaConfig = kafkaConfig;
    }

    // Before the messaging connector starts its channels (it observes at LIBRARY_BEFORE).
    void provision(@Observes @Priority(Interceptor.Priority.LIBRARY_BEFORE - 10) StartupEvent startup) {
        if (!config.provision()) {
            return;
        }
        Properties props = new Properties();
        props.putAll(OutboxRelay.securitySettings(kafkaConfig));
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "topic-provisioner");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(config.timeout().toMillis(), Integer.MAX_VALUE));
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.min(config.timeout().toMillis(), Integer.MAX_VALUE));
        try (Admin admin = Admin.create(props)) {
            TopicProvisioner.Outcome outcome = TopicProvisioner.provision(admin, Topics.all(), config.timeout());
            if (!outcome.created().isEmpty()) {
                LOG.infof("created topics from the event contract: %s", outcome.created());
            }
            if (!outcome.reconfigured().isEmpty()) {
                LOG.warnf("set cleanup policy and retention back to the event contract's on: %s", outcome.reconfigured());
            }
            outcome.findings().forEach(LOG::warn);
        } catch (ExecutionException | TimeoutException e) {
            // The broker may not be there yet (Kubernetes starts everything at once); the channels wait
            // for it anyway. The next start provisions, and on Kubernetes the KafkaTopic resources own them.
            LOG.errorf("could not provision the event contract's topics within %s: %s", config.timeout(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
