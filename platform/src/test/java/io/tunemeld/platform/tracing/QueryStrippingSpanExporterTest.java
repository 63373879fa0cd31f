package io.tunemeld.platform.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.Test;

/** A key in a URL's query never leaves the service in a span: not as an attribute, an error, nor the status. */
class QueryStrippingSpanExporterTest {

    private static final String URL = "https://ws.audioscrobbler.com/2.0/?method=user.gettoptracks&api_key=secret-api-key";

    @Test
    void everyUrlIsExportedWithoutItsQuery() {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new QueryStrippingSpanExporter(exported))).build();
        Span recorded = tracing.get("test").spanBuilder("http get").setAttribute("http.url", URL).setAttribute("http.status", 500L)
                .startSpan();
        IllegalStateException failure = new IllegalStateException("I/O error on GET request for \"" + URL + "\": refused");
        recorded.recordException(failure);
        recorded.setStatus(StatusCode.ERROR, failure.getMessage());
        recorded.end();

        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(span.toString()).doesNotContain("secret-api-key");
        assertThat(span.getAttributes().get(AttributeKey.stringKey("http.url")))
                .isEqualTo("https://ws.audioscrobbler.com/2.0/" + QueryStrippingSpanExporter.REMOVED);
        assertThat(span.getAttributes().get(AttributeKey.longKey("http.status"))).isEqualTo(500L);
        assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.message")))
                .isEqualTo("I/O error on GET request for \"https://ws.audioscrobbler.com/2.0/" + QueryStrippingSpanExporter.REMOVED + "\": refused");
        assertThat(span.getEvents().get(0).getAttributes().get(AttributeKey.stringKey("exception.stacktrace")))
                .contains("IllegalStateException").doesNotContain("secret-api-key");
        assertThat(span.getStatus().getDescription()).doesNotContain("secret-api-key").contains("refused");
        tracing.close();
    }
}
