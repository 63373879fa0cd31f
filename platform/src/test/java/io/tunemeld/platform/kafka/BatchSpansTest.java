package io.tunemeld.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A batch's span continues the trace of its first traced record and links the others'. */
class BatchSpansTest {

    private static final String TRACE_A = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACE_B = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final BatchSpans spans = new BatchSpans(OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build());

    @AfterEach
    void close() {
        tracerProvider.close();
    }

    @Test
    void theWorkRunsInASpanOfTheFirstTracedRecordsTraceLinkedToTheOthers() {
        List<ConsumerRecord<String, String>> records = List.of(
                record("untraced", null),
                record("a1", TRACE_A + "-00f067aa0ba902b7"),
                record("a2", TRACE_A + "-00f067aa0ba902b7"),
                record("b", TRACE_B + "-b7ad6b7169203331"));
        AtomicReference<SpanContext> current = new AtomicReference<>();

        spans.inSpan(records, () -> current.set(Span.current().getSpanContext()));

        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("tracks process");
        assertThat(span.getTraceId()).isEqualTo(TRACE_A);
        assertThat(span.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(span.getLinks()).extracting(LinkData::getSpanContext).extracting(SpanContext::getTraceId, SpanContext::getSpanId)
                .as("the other trace once; the parent is not linked to itself")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TRACE_B, "b7ad6b7169203331"));
        assertThat(span.getAttributes().asMap()).containsEntry(io.opentelemetry.api.common.AttributeKey.longKey(
                "messaging.batch.message_count"), 4L);
        assertThat(current.get().getSpanId()).as("what the work publishes is a child of the batch's span")
                .isEqualTo(span.getSpanId());
    }

    @Test
    void aBatchWithoutTracesStartsOneAndAFailureIsRecordedOnTheSpan() {
        assertThatThrownBy(() -> spans.inSpan(List.of(record("x", null)), () -> {
            throw new IllegalStateException("the database is away");
        })).hasMessage("the database is away");

        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getEvents()).extracting(event -> event.getName()).containsExactly("exception");
        assertThat(Span.current().getSpanContext().isValid()).as("the scope is closed").isFalse();
    }

    @Test
    void aRecordListenersWorkIsASpanOfItsRecordsTraceFromInterceptToAfterRecord() {
        RecordSpans interceptor = new RecordSpans(spans);
        @SuppressWarnings({"unchecked", "rawtypes"})
        ConsumerRecord<Object, Object> record = (ConsumerRecord) record("r", TRACE_B + "-b7ad6b7169203331");

        interceptor.intercept(record, null);
        SpanContext during = Span.current().getSpanContext();
        interceptor.failure(record, new IllegalStateException("retried"), null);
        interceptor.afterRecord(record, null);

        SpanData span = exported.getFinishedSpanItems().get(0);
        assertThat(span.getTraceId()).isEqualTo(TRACE_B);
        assertThat(span.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(during.getSpanId()).as("current while the listener runs").isEqualTo(span.getSpanId());
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().asMap()).doesNotContainKey(io.opentelemetry.api.common.AttributeKey.longKey(
                "messaging.batch.message_count"));
        assertThat(Span.current().getSpanContext().isValid()).as("the scope is closed after the record").isFalse();
    }

    private static ConsumerRecord<String, String> record(String value, String traceAndSpan) {
        var record = new ConsumerRecord<>("tracks", 0, 0, value, value);
        if (traceAndSpan != null) {
            record.headers().add("traceparent", ("00-" + traceAndSpan + "-01").getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
