package io.tunemeld.local;

import io.tunemeld.events.ReplayRequested;
import io.tunemeld.platform.kafka.ConsumerLagReader;
import io.tunemeld.schemas.AvroSerdes;
import io.tunemeld.schemas.EventIds;
import io.tunemeld.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Reprocess a service's input from a point in time while the stack keeps running: every replica",
                "seeks its partitions back; the command reports when the service has caught up again."})
class ReplayCommand implements Callable<Integer> {

    /** Long enough for every replica to see the request and seek (they poll the control topic every second). */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    @Parameters(index = "0", paramLabel = "SERVICE", description = "normalizer-service, track-service, aggregate-service or cache-service.")
    String service;

    @Option(names = "--from", required = true, paramLabel = "earliest|TIME", description = "earliest, or an ISO-8601 time.")
    String from;

    @Option(names = "--topic", paramLabel = "T", description = "Only this input topic (default: all the service reads).")
    List<String> topics = List.of();

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--registry-url", defaultValue = "${env:REGISTRY_URL:-http://127.0.0.1:8081}",
            description = "Apicurio Registry (default: ${DEFAULT-VALUE}).")
    String registryUrl;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "How long to wait for the catch-up (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        Instant since = "earliest".equalsIgnoreCase(from) ? null : Instant.parse(from);
        request(bootstrapServers, registryUrl, service, since, topics);
        System.out.printf("Replay of %s from %s requested; waiting for every replica to catch up ...%n", service,
                since == null ? "the earliest record" : since);
        Thread.sleep(SETTLE.toMillis());
        try (var reader = new ConsumerLagReader(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), Clock.systemUTC())) {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                var lag = reader.read(List.of(service)).get(0);
                if (lag.records() == 0) {
                    System.out.printf("%s has caught up.%n", service);
                    return 0;
                }
                System.out.printf("  %d records to go (oldest %d s)%n", lag.records(), lag.age().toSeconds());
                Thread.sleep(1_000);
            }
        }
        System.err.printf("%s has not caught up within %s%n", service, timeout);
        return 1;
    }

    /** Publishes the request every replica of the service acts on. */
    static void request(String bootstrapServers, String registryUrl, String service, Instant from, List<String> topics)
            throws Exception {
        Map<String, Object> config = new HashMap<>(AvroSerdes.producerConfig(registryUrl));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Instant now = Instant.now();
        try (var producer = new KafkaProducer<String, Object>(config)) {
            producer.send(new ProducerRecord<>(Topics.REPLAY_REQUESTS, service, ReplayRequested.newBuilder()
                    .setEventId(EventIds.of(service, now.toString()))
                    .setOccurredAt(now)
                    .setService(service)
                    .setFrom(from)
                    .setTopics(topics)
                    .build())).get();
        }
    }
}
