package org.slaplatform.notification.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "notification")
public interface NotificationConfig {

    /**
     * Whether webhook URLs may point at addresses in IANA special-purpose ranges that are not globally
     * reachable (loopback, RFC 1918, link-local/cloud metadata, CGNAT, benchmarking, documentation,
     * NAT64/6to4/IPv4-mapped forms of those, ...; see PublicTargets). Off: such URLs are refused at
     * subscription and at every send (a host that resolves there later is not called either).
     */
    @WithDefault("false")
    boolean allowPrivateWebhookTargets();

    /**
     * Subscriptions (email and webhook together) one account may hold. The next one is refused with
     * 422 problem+json naming the limit, and nothing is stored.
     */
    @WithDefault("50")
    int maxSubscriptionsPerAccount();

    /**
     * How long the token of an email subscription's confirmation mail holds (double opt-in). After it,
     * the subscription stays unconfirmed: delete it and subscribe again.
     */
    @WithDefault("72h")
    Duration confirmationTtl();

    /** Whether webhook URLs may use plain http instead of https (a local receiver in tests or demos). */
    @WithDefault("false")
    boolean allowPlainHttpWebhooks();

    /**
     * The key webhook secrets are encrypted with at rest (AES-GCM): base64 of 16, 24 or 32 bytes.
     * Unset: secrets are stored in plain text and a warning is logged at start.
     */
    java.util.Optional<String> secretKey();

    Delivery delivery();

    Worker worker();

    Lifecycle lifecycle();

    /** Lifecycle notices (ITC-LIFE-4): EOS, EOMS and EOL, scheduled in the database ahead of each date. */
    interface Lifecycle {

        /** Whether this instance plans the lifecycle notices that came due. Any number of instances may. */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long ahead of a milestone its notice is due where the account's policy sets no
         * {@code entitlements.versionSupport.lifecycle.noticeLead} (ITC-LIFE-4: at least six months);
         * the policy's lead, where it sets one, decides.
         */
        @WithDefault("P6M")
        java.time.Period ahead();

        /** How often the schedule is looked at for notices that came due. */
        @WithDefault("1m")
        Duration pollInterval();
    }

    interface Delivery {

        /** Tries of one delivery before it is dead-lettered (NTF-5). */
        @WithDefault("8")
        int maxAttempts();

        /** Wait before the second try; doubles with each further try (exponential back-off). */
        @WithDefault("5s")
        Duration backoffBase();

        /** Longest wait between two tries, before jitter. */
        @WithDefault("15m")
        Duration backoffCap();
    }

    interface Worker {

        /** Whether this instance sends. Off only in tests that play a crash in the middle of a batch. */
        @WithDefault("true")
        boolean enabled();

        /** How often an idle worker looks for due deliveries. */
        @WithDefault("200ms")
        Duration pollInterval();

        /** Deliveries claimed at most per look. */
        @WithDefault("256")
        int batchSize();

        /**
         * How long a claim holds a row. A worker that dies with claimed rows leaves them for this
         * long; then any instance claims them again. Must exceed the request timeout.
         */
        @WithDefault("60s")
        Duration lease();

        /**
         * Deliveries in flight at once per endpoint (webhook scheme://host:port, or smtp), per instance.
         * It caps one endpoint's rate at this many per claim-send-record cycle (8 held one endpoint
         * near 150/s in the benchmark); a slow endpoint still costs only its own slots.
         */
        @WithDefault("64")
        int perEndpointConcurrency();

        /** Longest wait for a webhook's answer; a slow endpoint costs its own slots only. */
        @WithDefault("10s")
        Duration requestTimeout();

        @WithDefault("5s")
        Duration connectTimeout();

        /**
         * The longest email send, which the lease must also exceed: Quarkus' {@code quarkus.mailer.timeout}
         * ({@code NOTIFICATION_SMTP_TIMEOUT}), read through this mapping; set that key, not this one.
         */
        @WithDefault("${quarkus.mailer.timeout:60s}")
        Duration mailTimeout();

        /**
         * The shortest time between two claims (or two commits of successes) that gather less than a
         * full batch. Without it, every finished send woke a claim of one or two rows and every success a
         * commit of its own: statements per delivery instead of per batch, the worker's CPU on a 2-core
         * machine going to fixed costs. Adds at most this much to a notice's way.
         */
        @WithDefault("10ms")
        Duration gather();

        /** Threads that send email and record outcomes. */
        @WithDefault("8")
        int threads();
    }
}
