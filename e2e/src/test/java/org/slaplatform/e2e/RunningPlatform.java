package org.slaplatform.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slaplatform.events.TopicProvisioner;
import org.slaplatform.events.Topics;
import org.slaplatform.localinfra.KafkaBroker;
import org.slaplatform.localinfra.PostgresServer;
import org.slaplatform.localinfra.SigningKeys;
import org.slaplatform.localinfra.platform.ServiceLaunch;
import org.slaplatform.runtime.time.ScenarioClock;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The whole platform as users run it: PostgreSQL and a Kafka broker (local-infra, the same servers
 * {@code ./platform up} runs; or external ones from the configuration), an SMTP server (GreenMail)
 * that notification-service sends to, and the five packaged services, each a JVM of its own on its
 * own port, all sharing one scenario clock file. Started once per test JVM, stopped at its end.
 */
final class RunningPlatform implements AutoCloseable {

    static final List<String> SERVICES = List.of("ticket-service", "sla-timer-service", "availability-service",
            "credit-service", "notification-service");

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final List<AutoCloseable> infrastructure = new ArrayList<>();
    private final SigningKeys keys = SigningKeys.generate();
    private final Path clockFile;
    private EventLog events;
    private GreenMail smtp;
    private String kafka;
    private Duration startup;

    private RunningPlatform(Path work) {
        this.clockFile = work.resolve("scenario-clock");
    }

    static RunningPlatform start() throws Exception {
        Path work = E2eConfig.work();
        deleteTree(work);
        Files.createDirectories(work);
        RunningPlatform platform = new RunningPlatform(work);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stopServices));
        try {
            platform.startAll(work);
        } catch (Exception | Error e) {
            platform.close();
            throw e;
        }
        return platform;
    }

    private void startAll(Path work) throws Exception {
        Instant began = Instant.now();
        // PostgreSQL: external when e2e.db.host is given, else the embedded server of local-infra.
        String dbHost = E2eConfig.get("db.host", null);
        int dbPort;
        String dbUser = E2eConfig.get("db.user", PostgresServer.USER);
        String dbPassword = E2eConfig.get("db.password", PostgresServer.PASSWORD);
        if (dbHost == null) {
            PostgresServer postgres = PostgresServer.start(work.resolve("postgres"), E2eConfig.port("db"),
                    PostgresServer.Durability.FAST);
            infrastructure.add(0, postgres);
            dbHost = "127.0.0.1";
            dbPort = postgres.port();
        } else {
            dbPort = Integer.parseInt(E2eConfig.get("db.port", "5432"));
        }
        String database = "e2e_" + Long.toHexString(System.nanoTime());
        try {
            PostgresServer.ensureDatabase("jdbc:postgresql://" + dbHost + ":" + dbPort + "/postgres", dbUser, dbPassword,
                    database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        // Kafka: external when e2e.kafka.bootstrap-servers is given, else a KRaft broker of local-infra.
        kafka = E2eConfig.get("kafka.bootstrap-servers", null);
        if (kafka == null) {
            KafkaBroker broker = KafkaBroker.start(work.resolve("kafka"), E2eConfig.port("kafka"),
                    E2eConfig.port("kafka-controller"));
            infrastructure.add(0, broker);
            kafka = broker.bootstrapServers();
        }
        createTopics();
        events = new EventLog(kafka);

        ServerSetup smtpSetup = new ServerSetup(E2eConfig.portOrFree("smtp"), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        smtp = new GreenMail(smtpSetup);
        smtp.start();

        Path publicKey = work.resolve("keys/public-key.pem");
        Files.createDirectories(publicKey.getParent());
        Files.writeString(publicKey, keys.publicKeyPem());
        ScenarioClock.write(clockFile, Duration.ZERO);

        // the environment ./platform up gives every service, on this run's servers, database and key
        Map<String, String> env = new HashMap<>(ServiceLaunch.environment(dbHost, Integer.toString(dbPort), kafka,
                publicKey.toUri().toString()));
        env.put("PLATFORM_DB_NAME", database);
        env.put("PLATFORM_DB_USER", dbUser);
        env.put("PLATFORM_DB_PASSWORD", dbPassword);
        env.put("NOTIFICATION_SMTP_HOST", "127.0.0.1");
        env.put("NOTIFICATION_SMTP_PORT", Integer.toString(smtp.getSmtp().getPort()));
        env.put("NOTIFICATION_SMTP_START_TLS", "DISABLED");
        // the scenarios' webhook endpoints are plain HTTP on the loopback (WebhookReceiver)
        env.put("NOTIFICATION_ALLOW_PRIVATE_WEBHOOK_TARGETS", "true");
        env.put("NOTIFICATION_ALLOW_PLAIN_HTTP_WEBHOOKS", "true");
        // the policy versions the scenarios ship mid-life (POL-3), as an operator would: files, no rebuild
        env.put("PLATFORM_POLICIES_FOLDER", policyFolder().toString());
        List<String> properties = List.of("-D" + ScenarioClock.FILE_PROPERTY + "=" + clockFile,
                // the scenarios run the month close themselves, at the scenario time they choose
                "-Davailability.month-close.every=off");
        String heap = E2eConfig.get("service-heap", "256m");
        Path root = E2eConfig.root();
        for (String name : SERVICES) {
            ServiceProcess service = new ServiceProcess(name, E2eConfig.portOrFree(name), work.resolve("logs"));
            services.put(name, service);
            service.start(root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"), env, properties, heap);
        }
        Instant deadline = Instant.now().plusSeconds(Long.parseLong(E2eConfig.get("startup-timeout-seconds", "300")));
        for (ServiceProcess service : services.values()) {
            service.awaitReady(deadline);
        }
        startup = Duration.between(began, Instant.now());
        System.out.printf("e2e: platform up in %d ms: %s, kafka %s, postgres %s:%d/%s, smtp %d, logs %s%n",
                startup.toMillis(), services.values().stream().map(s -> s.name + "=" + s.port).toList(), kafka, dbHost,
                dbPort, database, smtp.getSmtp().getPort(), work.resolve("logs"));
    }

    /** Every topic of the event contract, before the services start, as every way of running creates them. */
    private void createTopics() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (Admin admin = Admin.create(props)) {
            TopicProvisioner.provision(admin, Topics.all(), Duration.ofSeconds(60));
        }
    }

    String uri(String service) {
        return services.get(service).baseUri();
    }

    EventLog events() {
        return events;
    }

    GreenMail smtp() {
        return smtp;
    }

    Duration startup() {
        return startup;
    }

    /**
     * Waits until consumer group {@code group} has committed offsets up to the end of every partition
     * of {@code topic}: the service has read everything published there so far.
     */
    void awaitConsumed(String group, String topic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (Admin admin = Admin.create(props)) {
            Instant deadline = Instant.now().plus(Scenario.EVENTUALLY);
            while (true) {
                var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
                var ends = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(p -> p,
                        p -> org.apache.kafka.clients.admin.OffsetSpec.latest()))).all().get();
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                boolean done = partitions.stream().allMatch(p -> ends.get(p).offset() == 0
                        || (committed.get(p) != null && committed.get(p).offset() >= ends.get(p).offset()));
                if (done) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(group + " has not consumed " + topic + " to its end: ends " + ends
                            + ", committed " + committed);
                }
                EventLog.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of " + group, e);
        }
    }

    /** A bearer token the services trust, for {@code role} acting for {@code account} (null: every account). */
    String token(String role, String account) {
        return keys.mint(role + (account == null ? "" : "@" + account), role, account, Duration.ofHours(2));
    }

    /** Moves the whole platform's "now" to {@code instant}; time flows on from there at its real pace. */
    /** {@code policy-folder/} of the test class path: the versions the scenarios ship (see its README). */
    private static Path policyFolder() {
        try {
            return Path.of(RunningPlatform.class.getResource("/policy-folder/README.md").toURI()).getParent();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    void travelTo(Instant instant) {
        ScenarioClock.write(clockFile, Duration.between(Instant.now(), instant));
    }

    /** The platform's "now". */
    Instant now() {
        return ScenarioClock.enable(clockFile, Map.of()).instant();
    }

    String log(String service) {
        return services.get(service).tail();
    }

    private void stopServices() {
        services.values().parallelStream().forEach(ServiceProcess::stop);
    }

    @Override
    public void close() throws Exception {
        stopServices();
        if (events != null) {
            events.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
        for (AutoCloseable server : infrastructure) {
            server.close();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
