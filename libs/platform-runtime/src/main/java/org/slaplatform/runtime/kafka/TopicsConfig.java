package org.slaplatform.runtime.kafka;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "platform.kafka.topics")
public interface TopicsConfig {

    /**
     * Whether this service creates the platform's topics from the event contract at start-up (and
     * sets back a topic's cleanup policy and retention when they differ). Off where something else
     * owns the topics, as Strimzi's KafkaTopic resources do on Kubernetes.
     */
    @WithDefault("true")
    boolean provision();

    /** How long start-up waits for the broker to answer; after that it logs the failure and goes on. */
    @WithDefault("30s")
    Duration timeout();
}
