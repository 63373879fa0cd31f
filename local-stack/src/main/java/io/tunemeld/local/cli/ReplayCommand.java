package io.tunemeld.local.cli;

import io.tunemeld.local.AdminToken;
import io.tunemeld.local.Durations;
import io.tunemeld.local.StackSettings;
import io.tunemeld.platform.kafka.ConsumerLagReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Reprocess a service's input from a point in time while the stack keeps running: the service's",
                "replicas all seek their partitions back; the command reports when the service has caught up again.",
                "Needs the admin token (TUNEMELD_ADMIN_TOKEN, or the local stack's)."})
public class ReplayCommand implements Callable<Integer> {

    /** Long enough for every replica to see the request and seek (they poll the control topic every second). */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    @Parameters(index = "0", paramLabel = "SERVICE", converter = ServiceNames.Consuming.class,
            description = "normalizer, track, aggregate or cache (with or without -service).")
    String service;

    @Option(names = "--from", required = true, paramLabel = "earliest|TIME", converter = Since.Converter.class,
            description = "earliest, or an ISO-8601 time.")
    Since from;

    @Option(names = "--topic", paramLabel = "T", description = "Only this input topic (default: all the service reads).")
    List<String> topics = List.of();

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--service-url", paramLabel = "URL",
            description = "The service to ask (default: the local stack's port of SERVICE); any replica will do.")
    String serviceUrl;

    @Option(names = "--timeout", defaultValue = "10m", description = "How long to wait for the catch-up (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        Instant since = from.at();
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
                System.out.printf("  %d records to go (oldest %s)%n", lag.records(), Durations.format(lag.age()));
                Thread.sleep(1_000);
            }
        }
        System.err.printf("%s has not caught up within %s%n", service, Durations.format(timeout));
        return 1;
    }

    /** Where the replay starts: a time, or (null) the earliest record. */
    record Since(Instant at) {

        static final class Converter implements CommandLine.ITypeConverter<Since> {

            @Override
            public Since convert(String value) {
                if ("earliest".equalsIgnoreCase(value)) {
                    return new Since(null);
                }
                try {
                    return new Since(Instant.parse(value));
                } catch (DateTimeParseException e) {
                    throw new CommandLine.TypeConversionException("'" + value + "' is neither earliest nor an ISO-8601 time (2026-12-01T06:00:00Z)");
                }
            }
        }
    }

    /**
     * Asks one replica of the service, through its token-protected actuator, to have every replica replay;
     * returns what the service answered.
     */
    public static String request(String serviceUrl, String adminToken, Instant from, List<String> topics) throws Exception {
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
