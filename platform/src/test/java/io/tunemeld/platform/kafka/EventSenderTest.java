package io.tunemeld.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import io.tunemeld.events.RunFinished;
import io.tunemeld.schemas.Topic;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

class EventSenderTest {

    @SuppressWarnings("unchecked")
    private static final Topic<RunFinished> TOPIC_A = new Topic<>("topic.a", RunFinished.class);
    private static final Topic<RunFinished> TOPIC_B = new Topic<>("topic.b", RunFinished.class);

    private final KafkaTemplate<Object, Object> template = mock(KafkaTemplate.class);

    @Test
    void aPublishTheBrokerNeverAcknowledgesFailsSayingHowLongItWaitedAndCountsAsAnOutage() {
        // the producer retries NOT_ENOUGH_REPLICAS on its own; the send never completes within the wait
        when(template.send(sentTo("topic.a"))).thenReturn(new CompletableFuture<>());
        var sender = new EventSender(template, Duration.ofSeconds(1), TextMapPropagator.noop());

        IllegalStateException failure = catchThrowableOfType(IllegalStateException.class, () -> sender.send(TOPIC_A, "k", null));

        assertThat(failure).hasMessage("could not publish to topic.a: the broker did not acknowledge within 1 s");
        assertThat(Outages.isOutage(failure)).as("retried without end, never dead-lettered").isTrue();
    }

    @Test
    void aPublishTheBrokerRefusesFailsWithTheBrokersReason() {
        when(template.send(sentTo("topic.a"))).thenReturn(CompletableFuture.failedFuture(
                new RecordTooLargeException("The message is 2000000 bytes when serialized")));
        when(template.send(sentTo("topic.b"))).thenReturn(CompletableFuture.failedFuture(
                new NotEnoughReplicasException("Messages are rejected since there are fewer in-sync replicas than required.")));
        var sender = new EventSender(template, Duration.ofSeconds(1), TextMapPropagator.noop());

        assertThat(catchThrowableOfType(IllegalStateException.class, () -> sender.send(TOPIC_A, "k", null)))
                .hasMessage("could not publish to topic.a: The message is 2000000 bytes when serialized")
                .satisfies(tooLarge -> assertThat(Outages.isOutage(tooLarge)).isFalse());
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> sender.send(TOPIC_B, "k", null)))
                .hasMessage("could not publish to topic.b: Messages are rejected since there are fewer in-sync replicas than required.")
                .satisfies(tooFew -> assertThat(Outages.isOutage(tooFew)).isTrue());
    }

    @Test
    void eachRecordCarriesTheTraceOfTheSpanThatSentItAndNoneOutsideOne() {
        List<ProducerRecord<Object, Object>> sent = new ArrayList<>();
        when(template.send(sentTo("topic.a"))).thenAnswer(call -> {
            sent.add(call.getArgument(0));
            return CompletableFuture.completedFuture(null);
        });
        var sender = new EventSender(template, Duration.ofSeconds(1), W3CTraceContextPropagator.getInstance());
        SpanContext batch = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", TraceFlags.getSampled(),
                TraceState.getDefault());

        try (Scope ignored = Span.wrap(batch).makeCurrent()) {
            var events = sender.batch();
            events.add(TOPIC_A, "first", null);
            events.add(TOPIC_A, "second", null);
            events.await();
        }
        sender.send(TOPIC_A, "untraced", null);

        assertThat(sent).extracting(ProducerRecord::key).containsExactly("first", "second", "untraced");
        assertThat(sent.subList(0, 2)).allSatisfy(record -> assertThat(traceparent(record))
                .isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        assertThat(sent.get(2).headers().lastHeader("traceparent")).as("sent outside any span").isNull();
    }

    private static String traceparent(ProducerRecord<Object, Object> record) {
        Header header = record.headers().lastHeader("traceparent");
        assertThat(record.headers().headers("traceparent")).hasSize(1);
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ProducerRecord<Object, Object> sentTo(String topic) {
        return argThat(record -> record != null && record.topic().equals(topic));
    }
}
