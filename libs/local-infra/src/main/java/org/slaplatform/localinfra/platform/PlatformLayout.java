package org.slaplatform.localinfra.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the local run keeps its state ({@code PLATFORM_HOME}, by default {@code ROOT/.platform}: data/,
 * logs/, pids/, keys/) and finds the jars it runs, and the ports and external servers its environment
 * names. An empty variable counts as unset, as {@code ${VAR:-default}} does in a shell.
 *
 * @param root the repository root
 * @param env  the environment the local run was started with
 */
public record PlatformLayout(Path root, Map<String, String> env) {

    public static final String VERSION = "0.1.0-SNAPSHOT";

    /** The layout of the repository {@code -Dplatform.root} names, in this process's environment. */
    public static PlatformLayout current() {
        String root = System.getProperty("platform.root");
        if (root == null || root.isBlank()) {
            throw new PlatformException("-Dplatform.root is not set: run this through ./platform");
        }
        return new PlatformLayout(Path.of(root).toAbsolutePath().normalize(), System.getenv());
    }

    public String env(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    public Path home() {
        return Path.of(env("PLATFORM_HOME", root.resolve(".platform").toString()));
    }

    public Path data() {
        return home().resolve("data");
    }

    public Path logs() {
        return home().resolve("logs");
    }

    public Path pids() {
        return home().resolve("pids");
    }

    public Path keys() {
        return home().resolve("keys");
    }

    public Path log(String name) {
        return logs().resolve(name + ".log");
    }

    /** The instance count of the last {@code up}. */
    public Path instancesFile() {
        return home().resolve("instances");
    }

    /** Present while {@code chaos} kills on purpose: the supervisor then restarts nothing. */
    public Path supervisionPaused() {
        return home().resolve("supervision-paused");
    }

    /** The scenario clock's offset file (docs/e2e.md), present only with {@code PLATFORM_SCENARIO_CLOCK=1}. */
    public Path scenarioClockFile() {
        return home().resolve("scenario-clock");
    }

    public Path loadDir() {
        return home().resolve("load");
    }

    public Path postgresData() {
        return data().resolve("postgres");
    }

    /** The class path of local-infra's command line, as its build leaves it. */
    public String infraClasspath() {
        Path target = root.resolve("libs/local-infra/target");
        return target.resolve("local-infra-" + VERSION + ".jar") + ":" + target.resolve("lib") + "/*";
    }

    /**
     * Where the services' class-data-sharing archives lie ({@link ClassDataArchive}); none are written or
     * used with {@code PLATFORM_CLASS_DATA_SHARING=off}.
     */
    public Path classDataArchives() {
        return home().resolve("cds");
    }

    public boolean classDataSharing() {
        String value = env("PLATFORM_CLASS_DATA_SHARING", "on");
        if (!value.equals("on") && !value.equals("off")) {
            throw new PlatformException("PLATFORM_CLASS_DATA_SHARING must be on or off, not " + value);
        }
        return value.equals("on");
    }

    /** The class-data-sharing archive of {@code service}'s build, when the local run uses them and the jar is built. */
    public Optional<ClassDataArchive> classDataArchive(String service) {
        Path jar = serviceJar(service);
        return classDataSharing() && Files.isRegularFile(jar)
                ? Optional.of(ClassDataArchive.of(classDataArchives(), service, jar)) : Optional.empty();
    }

    /**
     * JVM options every service of the local run gets after its own ({@code PLATFORM_SERVICE_JAVA_OPTIONS},
     * separated by spaces), so that one of them overrides a default: at most 20 options, each starting with
     * {@code -} and at most 200 characters.
     */
    public List<String> serviceJavaOptions() {
        String value = env("PLATFORM_SERVICE_JAVA_OPTIONS", "").strip();
        List<String> options = value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
        if (options.size() > 20 || options.stream().anyMatch(o -> !o.startsWith("-") || o.length() > 200)) {
            throw new PlatformException("PLATFORM_SERVICE_JAVA_OPTIONS takes at most 20 options separated by spaces,"
                    + " each starting with - and at most 200 characters; got: " + value);
        }
        return options;
    }

    public Path serviceJar(String service) {
        return root.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public int localDbPort() {
        return Integer.parseInt(env("PLATFORM_LOCAL_DB_PORT", "25432"));
    }

    public int localKafkaPort() {
        return Integer.parseInt(env("PLATFORM_LOCAL_KAFKA_PORT", "29092"));
    }

    public int localKafkaControllerPort() {
        return Integer.parseInt(env("PLATFORM_LOCAL_KAFKA_CONTROLLER_PORT", "29093"));
    }

    /**
     * The SMTP server notification-service of the local run sends to ({@code PLATFORM_LOCAL_SMTP_PORT},
     * 2525 on 127.0.0.1): the fault run starts one there that records every mail; without it mail
     * fails and is retried.
     */
    public int localSmtpPort() {
        return Integer.parseInt(env("PLATFORM_LOCAL_SMTP_PORT", "2525"));
    }

    /** The port of the fault run's webhook receiver on 127.0.0.1 ({@code PLATFORM_LOCAL_WEBHOOK_PORT}, 59080). */
    public int localWebhookPort() {
        return Integer.parseInt(env("PLATFORM_LOCAL_WEBHOOK_PORT", "59080"));
    }

    /** {@code PLATFORM_DB_HOST} names the operator's own PostgreSQL: the embedded one is not started. */
    public boolean externalDatabase() {
        return !env("PLATFORM_DB_HOST", "").isEmpty();
    }

    /** {@code KAFKA_BOOTSTRAP_SERVERS} names the operator's own Kafka: the embedded one is not started. */
    public boolean externalKafka() {
        return !env("KAFKA_BOOTSTRAP_SERVERS", "").isEmpty();
    }

    public String kafkaBootstrap() {
        return env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + localKafkaPort());
    }

    public String databaseHost() {
        return env("PLATFORM_DB_HOST", "127.0.0.1");
    }

    public String databasePort() {
        return env("PLATFORM_DB_PORT", Integer.toString(localDbPort()));
    }

    /** Seconds a service may take to become ready ({@code PLATFORM_START_TIMEOUT}). */
    public int startTimeoutSeconds(int fallback) {
        return Integer.parseInt(env("PLATFORM_START_TIMEOUT", Integer.toString(fallback)));
    }
}
