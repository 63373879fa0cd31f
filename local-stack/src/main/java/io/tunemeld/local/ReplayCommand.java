package io.tunemeld.local;

import io.tunemeld.platform.kafka.ConsumerLagReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Reprocess a service's input from a point in time while the stack keeps running: the service's",
                "replicas all seek their partitions back; the command reports when the service has caught up again.",
                "Needs the admin token (TUNEMELD_ADMIN_TOKEN, or the local stack's)."})
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

    @Option(names = "--service-url", paramLabel = "URL",
            description = "The service to ask (default: the local stack's port of SERVICE); any replica will do.")
    String serviceUrl;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "How long to wait for the catch-up (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        Instant since = "earliest".equalsIgnoreCase(from) ? null : Instant.parse(from);
        String url = serviceUrl != null ? serviceUrl : "http://127.0.0.1:" + StackSettings.Ports.defaults().of(service);
        System.out.println(request(url, AdminToken.forCli(), since, topics));
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

    /**
     * Asks one replica of the service, through its token-protected actuator, to have every replica replay;
     * returns what the service answered.
     */
    static String request(String serviceUrl, String adminToken, Instant from, List<String> topics) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("from", from == null ? "earliest" : from.toString());
        if (!topics.isEmpty()) {
            body.put("topics", String.join(",", topics));
        }
        var request = HttpRequest.newBuilder(URI.create(serviceUrl + "/actuator/replay"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(body)))
                .timeout(Duration.ofSeconds(30));
        if (adminToken != null) {
            request.header("Authorization", "Bearer " + adminToken);
        }
        var response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(serviceUrl + "/actuator/replay answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
