package io.tunemeld.platform.kafka;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.List;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * A record listener's work as a span of the record's trace. Spring Kafka's own listener observation would
 * do this, but it replaces the listener timers the dashboards read ({@code service}-tagged, batch
 * listeners' included) with timers of its own, and observes no batch listener.
 */
final class RecordSpans implements RecordInterceptor<Object, Object> {

    private record Current(Span span, Scope scope) {
    }

    private final BatchSpans spans;
    /** The record in hand on this consumer thread: intercept and afterRecord run on it around the listener. */
    private final ThreadLocal<Current> current = new ThreadLocal<>();

    RecordSpans(BatchSpans spans) {
        this.spans = spans;
    }

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        end();
        Span span = spans.start(List.of(record));
        current.set(new Current(span, span.makeCurrent()));
        return record;
    }

    @Override
    public void failure(ConsumerRecord<Object, Object> record, Exception exception, Consumer<Object, Object> consumer) {
        Current inHand = current.get();
        if (inHand != null) {
            BatchSpans.failed(inHand.span(), exception);
        }
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        end();
    }

    private void end() {
        Current inHand = current.get();
        if (inHand != null) {
            current.remove();
            inHand.scope().close();
            inHand.span().end();
        }
    }
}
