package org.slaplatform.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.slaplatform.deploy.ManifestsTest.COMPOSE;
import static org.slaplatform.deploy.ManifestsTest.PINNED_IMAGE;
import static org.slaplatform.deploy.ManifestsTest.ROOT;
import static org.slaplatform.deploy.ManifestsTest.composeServices;
import static org.slaplatform.deploy.ManifestsTest.read;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and the image recipe, read as a cautious operator would: nothing but the
 * services' APIs listens beyond this host, no secret has a default, only the public JWT key goes
 * into a container, every JVM exits when out of memory, Kafka keeps its data on its volume and
 * creates no topic by itself, mail goes to a mail catcher.
 */
class DockerComposeTest {

    static final Map<String, Map<String, Object>> SERVICES = services();

    @Test
    void postgresAndKafkaListenOnThisHostOnly() {
        for (String name : List.of("postgres", "kafka")) {
            assertThat(strings(SERVICES.get(name).get("ports"))).as(name + " ports: published on 127.0.0.1 or not at all")
                    .allMatch(port -> port.startsWith("127.0.0.1:"));
        }
    }

    @Test
    void theDatabasePasswordAndTheWebhookKeyComeFromTheEnvironmentWithNoDefault() {
        String required = "\\$\\{[A-Z_]+:\\?[^}]*}";
        assertThat(environment("postgres").get("POSTGRES_PASSWORD")).as("POSTGRES_PASSWORD").matches(required);
        assertThat(environment("postgres").get("POSTGRES_PASSWORD"))
                .as("the services log in with the password PostgreSQL was given")
                .isEqualTo(environment("ticket-service").get("PLATFORM_DB_PASSWORD"));
        assertThat(environment("notification-service").get("NOTIFICATION_SECRET_KEY")).as("NOTIFICATION_SECRET_KEY").matches(required);
    }

    @Test
    void onlyThePublicJwtKeyIsMountedIntoAService() {
        for (String service : composeServices().keySet()) {
            List<String> volumes = strings(SERVICES.get(service).get("volumes"));
            assertThat(volumes).as(service + " volumes").noneMatch(v -> v.contains("private"))
                    .filteredOn(v -> v.contains(".platform/keys"))
                    .isNotEmpty()
                    .allMatch(v -> v.split(":")[0].endsWith("/public-key.pem"));
            assertThat(environment(service).get("PLATFORM_JWT_PUBLIC_KEY_LOCATION")).isEqualTo("file:/keys/public-key.pem");
        }
    }

    @Test
    void everyJvmExitsWhenOutOfMemory() {
        String flag = "-XX:+ExitOnOutOfMemoryError";
        for (String service : composeServices().keySet()) {
            assertThat(environment(service).get("JAVA_TOOL_OPTIONS")).as(service + " JAVA_TOOL_OPTIONS").contains(flag);
        }
        assertThat(environment("kafka").get("KAFKA_OPTS")).as("kafka KAFKA_OPTS").contains(flag);
        assertThat(read(ROOT.resolve("deploy/docker/Dockerfile.service"))).as("Dockerfile.service JAVA_OPTS_APPEND")
                .containsPattern("JAVA_OPTS_APPEND=\"[^\"]*" + java.util.regex.Pattern.quote(flag));
    }

    @Test
    void kafkaKeepsItsDataOnItsVolumeAndCreatesNoTopicByItself() {
        Map<String, String> kafka = environment("kafka");
        String logDirs = kafka.get("KAFKA_LOG_DIRS");
        assertThat(logDirs).as("KAFKA_LOG_DIRS").isNotBlank().doesNotStartWith("/tmp");
        assertThat(strings(SERVICES.get("kafka").get("volumes"))).as("a named volume mounted on KAFKA_LOG_DIRS")
                .anyMatch(v -> v.endsWith(":" + logDirs) && !v.startsWith(".") && !v.startsWith("/"));
        assertThat(kafka.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).isEqualTo("false");
    }

    @Test
    void notificationServiceSendsMailToTheMailCatcher() {
        Map<String, String> notification = environment("notification-service");
        String host = notification.get("NOTIFICATION_SMTP_HOST");
        assertThat(SERVICES).as("the SMTP host is a service of the compose file").containsKey(host);
        assertThat(String.valueOf(SERVICES.get(host).get("image"))).startsWith("axllent/mailpit:");
    }

    @Test
    void everyImagePulledIsPinned() {
        SERVICES.forEach((name, service) -> {
            if (service.get("image") != null) {
                assertThat(String.valueOf(service.get("image"))).as(name + " image").matches(PINNED_IMAGE);
            }
        });
    }

    @Test
    void theBuildContextLeavesOutStateGitAndBuildOutputButWhatTheDockerfileCopies() throws IOException {
        List<String> ignored = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignored).contains(".platform", ".git", "**/target", ".env");
        assertThat(read(ROOT.resolve("deploy/docker/Dockerfile.service"))).contains("${SERVICE}/target/quarkus-app/");
        assertThat(ignored).as("re-included: the folder Dockerfile.service copies").contains("!*-service/target/quarkus-app");
    }

    // --- reading docker-compose.yml (SnakeYAML: it resolves the <<: merge keys)

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            Map<String, Object> compose = new Yaml().load(reader);
            return (Map<String, Map<String, Object>>) compose.get("services");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> environment(String service) {
        Map<String, Object> environment = (Map<String, Object>) SERVICES.get(service).getOrDefault("environment", Map.of());
        Map<String, String> values = new java.util.TreeMap<>();
        environment.forEach((key, value) -> values.put(key, String.valueOf(value)));
        return values;
    }

    static List<String> strings(Object list) {
        return list == null ? List.of() : ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
