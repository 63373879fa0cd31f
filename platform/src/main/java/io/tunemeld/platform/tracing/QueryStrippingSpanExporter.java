package io.tunemeld.platform.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Exports spans with every URL's query string removed, wherever it is written: an attribute, an error's
 * message or stack trace, the status. Some APIs take their key in the query (YouTube, Last.fm), and a
 * URL may be written anywhere: an attribute of a client's span, the message of an error on its way up.
 */
final class QueryStrippingSpanExporter implements SpanExporter {

    private static final Pattern QUERY = Pattern.compile("(?i)(\\bhttps?://[^\\s\"'<>?#]+)\\?[^\\s\"'<>#]*");
    static final String REMOVED = "?(query removed)";

    private final SpanExporter delegate;

    QueryStrippingSpanExporter(SpanExporter delegate) {
        this.delegate = delegate;
    }

    static String strip(String text) {
        return text == null ? null : QUERY.matcher(text).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(match.group(1) + REMOVED));
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return delegate.export(spans.stream().map(QueryStrippingSpanExporter::stripped).toList());
    }

    private static SpanData stripped(SpanData span) {
        Attributes attributes = strip(span.getAttributes());
        List<EventData> events = span.getEvents().stream()
                .map(event -> EventData.create(event.getEpochNanos(), event.getName(), strip(event.getAttributes()),
                        event.getTotalAttributeCount()))
                .toList();
        StatusData status = StatusData.create(span.getStatus().getStatusCode(), strip(span.getStatus().getDescription()));
        return new DelegatingSpanData(span) {
            @Override
            public Attributes getAttributes() {
                return attributes;
            }

            @Override
            public List<EventData> getEvents() {
                return events;
            }

            @Override
            public StatusData getStatus() {
                return status;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Attributes strip(Attributes attributes) {
        AttributesBuilder builder = Attributes.builder();
        attributes.forEach((key, value) -> {
            if (value instanceof String text) {
                builder.put((AttributeKey<String>) key, strip(text));
            } else {
                builder.put((AttributeKey<Object>) key, value);
            }
        });
        return builder.build();
    }

    @Override
    public CompletableResultCode flush() {
        return delegate.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return delegate.shutdown();
    }
}
