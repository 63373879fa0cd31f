package io.tunemeld.platform.http;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One external JSON API host, called the way these APIs need: at most {@code requestsPerSecond}
 * (Resilience4j), a 429 waits as long as {@code Retry-After} says (up to a limit), 429/5xx/I-O failures
 * are retried with exponential backoff (Spring's RetryTemplate), every other failure is an
 * {@link ApiException} with a message fit for users.
 */
public class JsonApiClient {

    /**
     * @param maxRetries retries after the first attempt for transient failures
     * @param maxRetryAfter the longest Retry-After honoured; a longer one fails the call now
     */
    public record Settings(String name, String baseUrl, Duration timeout, int maxRetries, Duration maxRetryAfter,
            double requestsPerSecond) {
    }

    /**
     * Reads an API's own error out of an answer's body, whatever its HTTP status (some APIs answer an
     * error with 200, or a rate limit with 400); empty when the body is no error.
     */
    @FunctionalInterface
    public interface BodyErrors {
        Optional<ApiException> read(String what, int status, JsonNode body);
    }

    private final Settings settings;
    private final BodyErrors bodyErrors;
    private final RestClient http;
    private final RateLimiter rateLimiter;
    private final RetryTemplate retry;
    private final ExternalCalls calls;
    private final JsonMapper json = JsonMapper.shared();

    public JsonApiClient(Settings settings, ApiInstrumentation instrumentation) {
        this(settings, (what, status, body) -> Optional.empty(), instrumentation);
    }

    /** @param instrumentation where the calls are counted by outcome ({@link ExternalCalls}) and traced */
    public JsonApiClient(Settings settings, BodyErrors bodyErrors, ApiInstrumentation instrumentation) {
        this.settings = settings;
        this.bodyErrors = bodyErrors;
        this.calls = instrumentation.calls(settings.name());
        this.http = instrumentation.restClient(settings.baseUrl(), settings.timeout());
        int permits = Math.max(1, (int) Math.ceil(settings.requestsPerSecond()));
        this.rateLimiter = RateLimiter.of(settings.name(), RateLimiterConfig.custom()
                .limitForPeriod(permits)
                .limitRefreshPeriod(Duration.ofMillis(Math.round(1000 * permits / Math.max(settings.requestsPerSecond(), 0.001))))
                .timeoutDuration(Duration.ofMinutes(1))
                .build());
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(settings.maxRetries())
                .delay(Duration.ofMillis(200))
                .multiplier(2)
                .predicate(e -> e instanceof ApiException failure && failure.isTransient())
                .build());
    }

    public JsonNode get(String what, String uri, Map<String, String> headers, Object... uriVariables) {
        return call(what, () -> http.get().uri(uri, uriVariables).headers(h -> headers.forEach(h::set))
                .exchange((request, response) -> reply(response)));
    }

    public JsonNode postForm(String what, String uri, Map<String, String> headers, String form) {
        return call(what, () -> http.post().uri(uri).headers(h -> headers.forEach(h::set))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .exchange((request, response) -> reply(response)));
    }

    private record Reply(int status, String retryAfter, String body) {
    }

    private static Reply reply(org.springframework.http.client.ClientHttpResponse response) throws java.io.IOException {
        return new Reply(response.getStatusCode().value(), response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER),
                new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    private JsonNode call(String what, Supplier<Reply> exchange) {
        try {
            JsonNode answer = attempts(what, exchange);
            calls.record(ExternalCalls.Outcome.OK);
            return answer;
        } catch (ApiException e) {
            calls.record(ExternalCalls.Outcome.of(e));
            throw e;
        }
    }

    private JsonNode attempts(String what, Supplier<Reply> exchange) {
        try {
            return retry.execute(() -> {
                Reply reply = send(what, exchange);
                JsonNode body = json(reply);
                if (body != null) {
                    Optional<ApiException> error = bodyErrors.read(what, reply.status(), body);
                    if (error.isPresent()) {
                        throw error.get();
                    }
                }
                check(what, reply);
                return body != null ? body : parse(what, reply);
            });
        } catch (RetryException e) {
            Throwable last = e.getCause() != null ? e.getCause() : e;
            throw last instanceof ApiException failure ? failure
                    : new ApiException(settings.name() + " " + what + " failed: " + last.getMessage(), false, 0, last);
        }
    }

    private Reply send(String what, Supplier<Reply> exchange) {
        RateLimiter.waitForPermission(rateLimiter);
        try {
            return exchange.get();
        } catch (RestClientException | UncheckedIOException e) {
            // no answer, or one cut off while reading it (timeouts included): worth another try
            throw new ApiException(settings.name() + " unreachable for " + what + ": " + e.getMessage(), true, 0, e);
        }
    }

    /** The body as JSON; null when it is not (left to the status check, then to {@link #parse}). */
    private JsonNode json(Reply reply) {
        try {
            return json.readTree(reply.body());
        } catch (JacksonException e) {
            return null;
        }
    }

    private Reply check(String what, Reply reply) {
        int status = reply.status();
        if (status == 429) {
            Duration wait = retryAfter(reply.retryAfter());
            if (wait.compareTo(settings.maxRetryAfter()) > 0) {
                throw new ApiException(settings.name() + " rate limit on " + what + ": Retry-After " + wait.toSeconds() + " s",
                        false, status);
            }
            sleep(wait);
            throw new ApiException(settings.name() + " rate limit on " + what + " (waited " + wait.toSeconds() + " s)", true, status);
        }
        if (status >= 500) {
            throw new ApiException(settings.name() + " " + what + " failed with HTTP " + status, true, status);
        }
        if (status < 200 || status >= 300) {
            throw new ApiException(settings.name() + " " + what + " failed with HTTP " + status, false, status);
        }
        return reply;
    }

    private JsonNode parse(String what, Reply reply) {
        try {
            return json.readTree(reply.body());
        } catch (JacksonException e) {
            throw new ApiException(settings.name() + " answered " + what + " with malformed JSON: " + e.getOriginalMessage(),
                    false, reply.status(), e);
        }
    }

    private static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(header == null ? 1 : Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException("interrupted while waiting out a rate limit", false, 429, e);
        }
    }
}
