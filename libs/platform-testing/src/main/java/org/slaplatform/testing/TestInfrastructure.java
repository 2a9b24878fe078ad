package org.slaplatform.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.slaplatform.localinfra.KafkaBroker;
import org.slaplatform.localinfra.PostgresServer;
import org.slaplatform.localinfra.SigningKeys;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL server and Kafka broker of a test JVM, found or started once:
 * <ol>
 * <li>endpoints from the environment ({@code PLATFORM_TEST_DB_HOST}, {@code PLATFORM_TEST_DB_PORT},
 * {@code PLATFORM_TEST_DB_USER}, {@code PLATFORM_TEST_DB_PASSWORD},
 * {@code PLATFORM_TEST_KAFKA_BOOTSTRAP_SERVERS}) when set;</li>
 * <li>else Testcontainers, when a Docker engine answers;</li>
 * <li>else the embedded PostgreSQL and a Kafka broker in this JVM (local-infra).</li>
 * </ol>
 * Each test application gets a fresh database on that server, so tests never see each other's rows.
 */
public final class TestInfrastructure {

    private static final Logger LOG = Logger.getLogger(TestInfrastructure.class);
    private static TestInfrastructure shared;

    private final String dbHost;
    private final int dbPort;
    private final String dbUser;
    private final String dbPassword;
    private final String kafkaBootstrapServers;
    private final SigningKeys keys = SigningKeys.generate();
    private final Path publicKeyFile;

    private TestInfrastructure(String dbHost, int dbPort, String dbUser, String dbPassword, String kafka)
            throws IOException {
        this.dbHost = dbHost;
        this.dbPort = dbPort;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.kafkaBootstrapServers = kafka;
        this.publicKeyFile = Files.createTempFile("platform-test-public-key", ".pem");
        Files.writeString(publicKeyFile, keys.publicKeyPem());
        publicKeyFile.toFile().deleteOnExit();
    }

    public static synchronized TestInfrastructure shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the test infrastructure", e);
            }
        }
        return shared;
    }

    private static TestInfrastructure start() throws IOException {
        String host = System.getenv("PLATFORM_TEST_DB_HOST");
        String kafka = System.getenv("PLATFORM_TEST_KAFKA_BOOTSTRAP_SERVERS");
        if (host != null && kafka != null) {
            LOG.infof("tests use PostgreSQL at %s and Kafka at %s from the environment", host, kafka);
            return new TestInfrastructure(host, Integer.parseInt(env("PLATFORM_TEST_DB_PORT", "5432")),
                    env("PLATFORM_TEST_DB_USER", "postgres"), env("PLATFORM_TEST_DB_PASSWORD", "postgres"), kafka);
        }
        if (dockerAnswers()) {
            LOG.info("tests use PostgreSQL and Kafka in Testcontainers");
            PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");
            KafkaContainer broker = new KafkaContainer("apache/kafka:4.2.1").withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            postgres.start();
            broker.start();
            return new TestInfrastructure(postgres.getHost(), postgres.getMappedPort(5432), postgres.getUsername(),
                    postgres.getPassword(), broker.getBootstrapServers());
        }
        LOG.info("tests use an embedded PostgreSQL and an in-JVM Kafka broker");
        Path root = Files.createTempDirectory("platform-test-infra");
        PostgresServer postgres = PostgresServer.start(root.resolve("postgres"), 0, PostgresServer.Durability.FAST);
        KafkaBroker broker = KafkaBroker.start(root.resolve("kafka"), 0, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
                postgres.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("test infrastructure did not stop cleanly", e);
            }
            deleteTree(root); // a test JVM's database and broker logs take about 2 GB
        }));
        return new TestInfrastructure("127.0.0.1", postgres.port(), PostgresServer.USER, PostgresServer.PASSWORD,
                broker.bootstrapServers());
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("could not delete the test infrastructure's folder %s: %s", root, e);
        }
    }

    /** Docker is asked only when there is a socket or a DOCKER_HOST: a machine without it answers at once. */
    private static boolean dockerAnswers() {
        if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** A new, empty database on the shared server, with the configuration a service needs to use it. */
    public Map<String, String> freshServiceConfig() {
        String database = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try {
            PostgresServer.ensureDatabase("jdbc:postgresql://" + dbHost + ":" + dbPort + "/postgres", dbUser,
                    dbPassword, database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + database, e);
        }
        return Map.of(
                "platform.db.host", dbHost,
                "platform.db.port", Integer.toString(dbPort),
                "platform.db.name", database,
                "platform.db.user", dbUser,
                "platform.db.password", dbPassword,
                "kafka.bootstrap.servers", kafkaBootstrapServers,
                "mp.jwt.verify.publickey.location", publicKeyFile.toUri().toString());
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public SigningKeys keys() {
        return keys;
    }
}
