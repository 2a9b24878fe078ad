package org.slaplatform.localinfra.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The service instances of the local run: {@code up --instances N} starts N of every service, all on
 * the same database and broker, each service's instances in its one consumer group. The first keeps
 * the service's name and port ({@code TICKET_SERVICE_PORT}, default 8081 ...); the k-th is named
 * {@code <service>-k} and listens on {@code <SERVICE>_PORT_k} (e.g. {@code TICKET_SERVICE_PORT_2}), by
 * default the first port + 10 * (k - 1).
 */
public final class Instances {

    public static final List<String> SERVICES = List.of("ticket-service", "sla-timer-service", "availability-service",
            "credit-service", "notification-service");

    private static final Map<String, Integer> DEFAULT_PORTS = Map.of("ticket-service", 8081, "sla-timer-service", 8082,
            "availability-service", 8083, "credit-service", 8084, "notification-service", 8085);

    /** One JVM of a service. */
    public record Instance(String name, String service, int port) {

        public String url() {
            return "http://localhost:" + port;
        }
    }

    private final int count;
    private final List<Instance> all;

    private Instances(int count, List<Instance> all) {
        this.count = count;
        this.all = List.copyOf(all);
    }

    /** {@code count} instances of every service, their ports from {@code layout}'s environment. */
    public static Instances of(String count, PlatformLayout layout) {
        if (!count.matches("[1-9][0-9]?")) {
            throw new PlatformException("--instances wants a number from 1 to 99, not '" + count + "'");
        }
        int n = Integer.parseInt(count);
        List<Instance> all = new ArrayList<>();
        for (String service : SERVICES) {
            String variable = service.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
            int first = Integer.parseInt(layout.env(variable, DEFAULT_PORTS.get(service).toString()));
            all.add(new Instance(service, service, first));
            for (int k = 2; k <= n; k++) {
                int port = Integer.parseInt(layout.env(variable + "_" + k, Integer.toString(first + 10 * (k - 1))));
                all.add(new Instance(service + "-" + k, service, port));
            }
        }
        return new Instances(n, all);
    }

    /** The instances of the last {@code up} (its count in {@code PLATFORM_HOME/instances}), else one each. */
    public static Instances current(PlatformLayout layout) {
        String count = "1";
        try {
            if (Files.isRegularFile(layout.instancesFile())) {
                count = Files.readString(layout.instancesFile()).strip();
            }
        } catch (IOException e) {
            throw new PlatformException("cannot read " + layout.instancesFile() + ": " + e.getMessage());
        }
        return of(count, layout);
    }

    public int count() {
        return count;
    }

    public List<Instance> all() {
        return all;
    }

    public List<String> names() {
        return all.stream().map(Instance::name).toList();
    }

    public Instance named(String name) {
        return all.stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow(() -> new PlatformException("no instance " + name));
    }

    public boolean contains(String name) {
        return all.stream().anyMatch(i -> i.name().equals(name));
    }

    /** The base URLs of a service's instances, comma-separated. */
    public String urls(String service) {
        return all.stream().filter(i -> i.service().equals(service)).map(Instance::url).collect(Collectors.joining(","));
    }

    /** Every instance's base URL, comma-separated. */
    public String allUrls() {
        return all.stream().map(Instance::url).collect(Collectors.joining(","));
    }
}
