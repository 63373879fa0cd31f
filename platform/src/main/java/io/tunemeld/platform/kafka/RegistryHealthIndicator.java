package io.tunemeld.platform.kafka;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Part of readiness: no event can be written or read without the schema registry. While it cannot be
 * reached the service is not ready, says why in its readiness details, and logs one line when that
 * changes (not a stack trace per attempt).
 */
public class RegistryHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(RegistryHealthIndicator.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final String registryUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final AtomicReference<String> lastProblem = new AtomicReference<>("");

    public RegistryHealthIndicator(String registryUrl) {
        this.registryUrl = registryUrl;
    }

    @Override
    public Health health() {
        String problem = problem();
        if (!problem.equals(lastProblem.getAndSet(problem))) {
            if (problem.isEmpty()) {
                log.info("schema registry reachable again at {}", registryUrl);
            } else {
                log.warn("not ready: {}", problem);
            }
        }
        return problem.isEmpty() ? Health.up().withDetail("url", registryUrl).build()
                : Health.down().withDetail("url", registryUrl).withDetail("error", problem).build();
    }

    /** Empty when the registry answers. */
    private String problem() {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(registryUrl + "/apis/registry/v3/system/info"))
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? ""
                    : "schema registry at " + registryUrl + " answered HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking the schema registry at " + registryUrl;
        } catch (Exception e) {
            return "schema registry unreachable at " + registryUrl + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
