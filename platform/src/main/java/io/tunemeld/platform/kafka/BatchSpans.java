package io.tunemeld.platform.kafka;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The span of a listener's work on what it consumed, continuing the trace its records carry. A batch is
 * one unit of work here (one statement, one Redis pipeline), so it gets one span: a child of the first
 * record that carries a trace, linked to every other record's trace, so each playlist's trace still
 * reaches the events the batch published on its behalf.
 */
final class BatchSpans {

    private static final TextMapGetter<ConsumerRecord<?, ?>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ConsumerRecord<?, ?> record) {
            return StreamSupport.stream(record.headers().spliterator(), false).map(Header::key).toList();
        }

        @Override
        public String get(ConsumerRecord<?, ?> record, String key) {
            if (record == null) {
                return null;
            }
            Header header = record.headers().lastHeader(key);
            return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    BatchSpans(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.tunemeld.platform.kafka");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Runs the work in the batch's span, which ends with it (with the error, if the work throws). */
    void inSpan(List<? extends ConsumerRecord<?, ?>> records, Runnable work) {
        if (records.isEmpty()) {
            work.run();
            return;
        }
        Span span = start(records);
        try (Scope ignored = span.makeCurrent()) {
            work.run();
        } catch (RuntimeException | Error e) {
            failed(span, e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** A started span for processing these records (at least one); the caller makes it current and ends it. */
    Span start(List<? extends ConsumerRecord<?, ?>> records) {
        String topic = records.get(0).topic();
        SpanBuilder builder = tracer.spanBuilder(topic + " process").setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.destination.name", topic);
        if (records.size() > 1) {
            builder.setAttribute("messaging.batch.message_count", (long) records.size());
        }
        SpanContext parent = null;
        Set<String> linked = new HashSet<>();
        for (ConsumerRecord<?, ?> record : records) {
            Context extracted = propagator.extract(Context.root(), record, HEADERS);
            SpanContext sent = Span.fromContext(extracted).getSpanContext();
            if (!sent.isValid()) {
                continue;
            }
            if (parent == null) {
                parent = sent;
                builder.setParent(extracted);
            } else if (!sent.getSpanId().equals(parent.getSpanId()) && linked.add(sent.getSpanId())) {
                builder.addLink(sent);
            }
        }
        if (parent == null) {
            builder.setNoParent();
        }
        return builder.startSpan();
    }

    static void failed(Span span, Throwable e) {
        span.recordException(e);
        span.setStatus(StatusCode.ERROR, String.valueOf(e.getMessage()));
    }
}
