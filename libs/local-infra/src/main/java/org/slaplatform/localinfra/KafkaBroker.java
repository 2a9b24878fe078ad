package org.slaplatform.localinfra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), the very
 * server a production cluster runs, from the Maven Central artifacts. Replication factors are 1.
 */
public final class KafkaBroker implements AutoCloseable {

    /** Fixed so that a restart over the same log folder is the same cluster. */
    private static final String CLUSTER_ID = "c2xhLXBsYXRmb3JtLTAx";

    private final KafkaRaftServer server;
    private final int port;

    private KafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Formats {@code logDirectory} on first use and starts the broker.
     *
     * @param port           client port (0: any free port)
     * @param controllerPort controller port (0: any free port)
     */
    public static KafkaBroker start(Path logDirectory, int port, int controllerPort) throws IOException {
        int clientPort = port > 0 ? port : FreePorts.next();
        int quorumPort = controllerPort > 0 ? controllerPort : FreePorts.next();
        Files.createDirectories(logDirectory);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + quorumPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + quorumPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDirectory.toAbsolutePath().toString());
        // Topics are created only from the event contract (TopicProvisioner, run by every service at
        // start-up), never with the broker's defaults when a client first names one.
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.messages", "1000");
        // Sized for one machine (benchmarks/results/footprint.md): the log cleaner's dedupe buffer is 128 MB of
        // heap by default, taken when a compacted topic is first cleaned; 16 MB holds about 700,000 keys per
        // pass. Fewer request, network and background threads than the defaults (8, 3 and 10).
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        props.put("num.io.threads", "4");
        props.put("num.network.threads", "2");
        props.put("background.threads", "4");
        Path config = logDirectory.resolve("server.properties");
        try (Writer writer = Files.newBufferedWriter(config)) {
            props.store(writer, "written by KafkaBroker");
        }
        format(config);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server, clientPort);
    }

    private static void format(Path config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool$.MODULE$.execute(new String[] {
                "format", "-t", CLUSTER_ID, "-c", config.toString(), "--ignore-formatted" },
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
