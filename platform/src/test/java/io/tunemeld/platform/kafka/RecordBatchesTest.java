package io.tunemeld.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.opentelemetry.api.OpenTelemetry;
import io.tunemeld.events.RunFinished;
import io.tunemeld.schemas.Topic;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Which record a failed batch is blamed on: the one whose work or whose event failed, never the first
 * by default; a publish the broker does not acknowledge in time is an outage, retried rather than
 * dead-lettered.
 */
class RecordBatchesTest {

    private static final Topic<RunFinished> OUT = new Topic<>("out", RunFinished.class);

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<Object, Object> template = mock(KafkaTemplate.class);
    private final RecordBatches batches = new RecordBatches(new EventSender(template, Duration.ofMillis(200), TextMapPropagator.noop()),
            new BatchSpans(OpenTelemetry.noop()));
    private final List<String> done = new ArrayList<>();

    @Test
    void anEventTheBrokerRefusesIsBlamedOnTheRecordThatProducedItAfterTheOnesBeforeAreDurable() {
        when(template.send(sentToOut())).thenAnswer(call -> key(call.getArgument(0)).equals("b")
                ? CompletableFuture.failedFuture(new RecordTooLargeException("too large")) : CompletableFuture.completedFuture(null));

        var failure = catchThrowableOfType(BatchListenerFailedException.class, () -> batches.process(records("a", "b", "c"),
                values -> values.stream().map(RecordBatchesTest::event).toList(), this::alone));

        assertThat(failure.getIndex()).isEqualTo(1);
        assertThat(Outages.isOutage(failure)).isFalse();
        assertThat(done).as("one at a time, up to the record at fault").containsExactly("a", "b");
    }

    @Test
    void aPublishNotAcknowledgedInTimeIsAnOutageOfTheRecordWaitingForIt() {
        when(template.send(sentToOut())).thenAnswer(call -> key(call.getArgument(0)).equals("c")
                ? new CompletableFuture<>() : CompletableFuture.completedFuture(null));

        var failure = catchThrowableOfType(BatchListenerFailedException.class, () -> batches.process(records("a", "b", "c"),
                values -> {
                    throw new IllegalArgumentException("one of them is bad");
                }, this::alone));

        assertThat(failure.getIndex()).isEqualTo(2);
        assertThat(Outages.isOutage(failure)).as("retried without end, never dead-lettered").isTrue();
    }

    @Test
    void aWholeBatchTimingOutIsAnOutageRetriedFromItsFirstRecord() {
        when(template.send(sentToOut())).thenAnswer(call -> new CompletableFuture<>());

        var failure = catchThrowableOfType(BatchListenerFailedException.class, () -> batches.process(records("a", "b"),
                values -> values.stream().map(RecordBatchesTest::event).toList(), this::alone));

        assertThat(failure.getIndex()).isZero();
        assertThat(Outages.isOutage(failure)).isTrue();
        assertThat(done).as("not taken one at a time").isEmpty();
    }

    private List<OutgoingEvent<?>> alone(String value) {
        done.add(value);
        return List.of(event(value));
    }

    /** An event keyed by the value; the template is mocked, so it needs no content. */
    private static OutgoingEvent<?> event(String value) {
        return new OutgoingEvent<>(OUT, value, null);
    }

    private static List<ConsumerRecord<String, String>> records(String... values) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            records.add(new ConsumerRecord<>("in", 0, i, values[i], values[i]));
        }
        return records;
    }

    private static ProducerRecord<Object, Object> sentToOut() {
        return argThat(record -> record != null && record.topic().equals("out"));
    }

    private static Object key(ProducerRecord<Object, Object> record) {
        return record.key();
    }
}
