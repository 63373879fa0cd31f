package io.tunemeld.cache.notification;

import io.tunemeld.platform.http.ApiInstrumentation;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * A Slack-compatible incoming webhook. Its URL is its secret: the client is not traced (a span records
 * the URL), and a failure says what went wrong without it, since the reason reaches the logs and the
 * dead-letter headers.
 */
final class Webhook {

    private final URI url;
    private final RestClient http;

    Webhook(URI url, Duration timeout, ApiInstrumentation instrumentation) {
        this.url = url;
        this.http = ApiInstrumentation.of(instrumentation.meters()).restClient("", timeout);
    }

    /** Posts {@code {"text": text}}. */
    void post(String text) {
        try {
            http.post().uri(url).contentType(MediaType.APPLICATION_JSON).body(Map.of("text", text)).retrieve().toBodilessEntity();
        } catch (RestClientResponseException e) {
            throw new IllegalStateException("the webhook answered " + e.getStatusCode().value());
        } catch (RestClientException e) {
            throw new IllegalStateException("the webhook could not be reached ("
                    + (e.getMostSpecificCause() == null ? e : e.getMostSpecificCause()).getClass().getSimpleName() + ")");
        }
    }
}
