package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service started while the schema registry cannot be reached comes up alive but not ready, and its
 * readiness says why in one line; with the registry there, it is ready.
 */
class RegistryReadinessEndToEndTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withoutTheRegistryAServiceIsAliveButNotReadyAndSaysWhy() throws Exception {
        LocalStack stack = SharedStack.get();
        int nothingThere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingThere = socket.getLocalPort();
        }
        String missing = "http://127.0.0.1:" + nothingThere;
        // ingest-service: it only produces, so the replica takes no partitions from anyone
        try (var replica = stack.startReplica("ingest-service", Map.of("tunemeld.kafka.registry-url", missing))) {
            String url = "http://127.0.0.1:" + replica.getEnvironment().getProperty("local.server.port");

            HttpResponse<String> readiness = get(url + "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(readiness.body()).contains("\"registry\"").contains("schema registry unreachable at " + missing);
            assertThat(get(url + "/actuator/health/liveness").statusCode()).as("alive: restarting would not help").isEqualTo(200);
        }
        HttpResponse<String> ready = get(stack.ingestUrl() + "/actuator/health/readiness");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"registry\"").contains("\"UP\"");
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
