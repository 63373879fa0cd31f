package io.tunemeld.platform.http;

import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.client.observation.DefaultClientRequestObservationConvention;
import org.springframework.web.client.RestClient;

/**
 * How a client of an external API is seen: its calls counted by outcome, and each HTTP request a span of
 * the trace that made it (an ingest run's playlist, an enrichment step).
 */
public record ApiInstrumentation(MeterRegistry meters, ObservationRegistry observations) {

    /** Counted here, not traced. */
    public static ApiInstrumentation of(MeterRegistry meters) {
        return new ApiInstrumentation(meters, ObservationRegistry.NOOP);
    }

    /** Neither counted anywhere anyone reads nor traced (a one-off check from the CLI). */
    public static ApiInstrumentation none() {
        return of(new SimpleMeterRegistry());
    }

    public ExternalCalls calls(String api) {
        return new ExternalCalls(meters, api);
    }

    /** A client of the JDK's HTTP client with this connect and read timeout, observed. */
    public RestClient restClient(String baseUrl, Duration timeout) {
        // HTTP/1.1: over plain http the JDK client would ask each request to upgrade to HTTP/2 (h2c), and a server
        // may answer that without reading the request's body (a webhook's post arrived empty at WireMock)
        var requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).build());
        requestFactory.setReadTimeout(timeout);
        return RestClient.builder().baseUrl(baseUrl).requestFactory(requestFactory).observationRegistry(observations)
                .observationConvention(new WithoutQuery()).build();
    }

    /** A request's URL is recorded without its query: some APIs take their key there (YouTube, Last.fm). */
    static final class WithoutQuery extends DefaultClientRequestObservationConvention {

        @Override
        protected KeyValue requestUri(ClientRequestObservationContext context) {
            KeyValue url = super.requestUri(context);
            int query = url.getValue().indexOf('?');
            return query < 0 ? url : KeyValue.of(url.getKey(), url.getValue().substring(0, query));
        }
    }
}
