package org.slaplatform.localinfra;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.slaplatform.localinfra.platform.PlatformCommands;
import org.slaplatform.localinfra.platform.PlatformException;
import org.slaplatform.localinfra.platform.PlatformLayout;

/**
 * The command line behind {@code ./platform}: runs PostgreSQL or Kafka in the foreground of its own
 * process (stopped by SIGTERM), and makes keys and tokens.
 *
 * <pre>
 * postgres --data DIR --port N [--database NAME]
 * kafka    --data DIR --port N --controller-port M
 * keys     --dir DIR
 * token    --dir DIR --role ROLE [--account ID] [--subject NAME] [--hours H]
 * up [--instances N] | down | status | supervise   (with -Dplatform.root=REPOSITORY, see PlatformCommands)
 * </pre>
 */
public final class LocalInfra {

    static final Set<String> ROLES = Set.of("customer", "partner", "agent", "probe", "admin");

    private LocalInfra() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage("no command");
        }
        if (Set.of("up", "down", "status", "supervise").contains(args[0])) {
            System.exit(platform(args));
        }
        Map<String, String> options = options(args);
        switch (args[0]) {
            case "postgres" -> {
                // The local run is a real database: an acknowledged commit survives a crash (`--durable false` to trade that for speed).
                PostgresServer server = startOrExit(() -> {
                    PostgresServer started = PostgresServer.start(Path.of(required(options, "data")), port(options, "port"),
                            Boolean.parseBoolean(options.getOrDefault("durable", "true"))
                                    ? PostgresServer.Durability.DURABLE : PostgresServer.Durability.FAST);
                    started.ensureDatabase(options.getOrDefault("database", "slaplatform"));
                    return started;
                });
                System.out.println("postgres ready on port " + server.port());
                runUntilTerminated(server);
            }
            case "kafka" -> {
                KafkaBroker broker = startOrExit(() -> KafkaBroker.start(Path.of(required(options, "data")),
                        port(options, "port"), port(options, "controller-port")));
                System.out.println("kafka ready on " + broker.bootstrapServers());
                runUntilTerminated(broker);
            }
            case "keys" -> {
                SigningKeys.inDirectory(Path.of(required(options, "dir")));
                System.out.println("keys in " + required(options, "dir"));
            }
            case "token" -> {
                String role = required(options, "role");
                if (!ROLES.contains(role)) {
                    usage("role must be one of " + ROLES);
                }
                String account = options.get("account");
                if (account == null && (role.equals("customer") || role.equals("partner"))) {
                    usage("a " + role + " token acts for an account: give --account");
                }
                SigningKeys keys = SigningKeys.inDirectory(Path.of(required(options, "dir")));
                String subject = options.getOrDefault("subject", role + (account == null ? "" : "@" + account));
                System.out.println(keys.mint(subject, role, account,
                        Duration.ofHours(Long.parseLong(options.getOrDefault("hours", "12")))));
            }
            default -> usage("unknown command " + args[0]);
        }
    }

    /** The local run's life cycle; a {@link PlatformException} ends it with {@code platform: MESSAGE}. */
    private static int platform(String[] args) throws IOException {
        try {
            PlatformCommands commands = new PlatformCommands(PlatformLayout.current());
            switch (args[0]) {
                case "up" -> commands.up(List.of(args).subList(1, args.length));
                case "down" -> commands.down();
                case "status" -> commands.status();
                default -> commands.supervise();
            }
            return 0;
        } catch (PlatformException e) {
            System.out.flush();
            System.err.println("platform: " + e.getMessage());
            return 1;
        }
    }

    /** Starts a server. */
    @FunctionalInterface
    private interface Start<T> {
        T start() throws Exception;
    }

    /**
     * Starts a server, or ends the JVM when that fails: a server that failed half-way (a port taken, a broken
     * log folder) may have started threads that would keep the JVM up, and {@code ./platform up} would wait out
     * its whole timeout for a readiness line that never comes instead of seeing the process exit.
     */
    private static <T> T startOrExit(Start<T> start) {
        try {
            return start.start();
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.err.println("cannot start: " + e);
            System.exit(1);
            throw new IllegalStateException("unreachable", e);
        }
    }

    private static void runUntilTerminated(AutoCloseable server) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));
        stopped.await();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage("expected --name value at " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            usage("missing --" + name);
        }
        return value;
    }

    private static int port(Map<String, String> options, String name) {
        return Integer.parseInt(options.getOrDefault(name, "0"));
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: postgres|kafka|keys|token, see LocalInfra's javadoc");
        System.exit(2);
    }
}
