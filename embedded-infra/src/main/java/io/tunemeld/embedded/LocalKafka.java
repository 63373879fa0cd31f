package io.tunemeld.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), running in
 * this JVM from Maven Central's kafka jars. Its log directory survives restarts.
 */
public final class LocalKafka implements AutoCloseable {

    private final Properties props;
    private final String bootstrapServers;
    private KafkaRaftServer server;

    private LocalKafka(Properties props, String bootstrapServers) {
        this.props = props;
        this.bootstrapServers = bootstrapServers;
    }

    public static LocalKafka start(Path dataDir, int port, int controllerPort) throws IOException {
        Path logDir = dataDir.resolve("logs");
        Files.createDirectories(logDir);
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // every topic is declared by the service that writes it
        props.put("auto.create.topics.enable", "false");
        Path config = dataDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            props.store(out, "written by the TuneMeld local stack");
        }
        if (!Files.exists(logDir.resolve("meta.properties"))) {
            format(config);
        }
        LocalKafka kafka = new LocalKafka(props, "127.0.0.1:" + port);
        kafka.startServer();
        return kafka;
    }

    private void startServer() {
        server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        server.startup();
    }

    /** Starts the broker again on its log directory and ports, after {@link #close()}. */
    public void restart() {
        startServer();
    }

    private static void format(Path config) {
        var output = new ByteArrayOutputStream();
        int status = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(),
                "--standalone"}, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("could not format the Kafka log directory: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }
}
