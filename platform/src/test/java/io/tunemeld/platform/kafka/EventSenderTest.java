package io.tunemeld.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
        when(template.send(eq("topic.a"), eq("k"), any())).thenReturn(new CompletableFuture<>());
        var sender = new EventSender(template, Duration.ofSeconds(1));

        IllegalStateException failure = catchThrowableOfType(IllegalStateException.class, () -> sender.send(TOPIC_A, "k", null));

        assertThat(failure).hasMessage("could not publish to topic.a: the broker did not acknowledge within 1 s");
        assertThat(Outages.isOutage(failure)).as("retried without end, never dead-lettered").isTrue();
    }

    @Test
    void aPublishTheBrokerRefusesFailsWithTheBrokersReason() {
        when(template.send(eq("topic.a"), eq("k"), any())).thenReturn(CompletableFuture.failedFuture(
                new RecordTooLargeException("The message is 2000000 bytes when serialized")));
        when(template.send(eq("topic.b"), eq("k"), any())).thenReturn(CompletableFuture.failedFuture(
                new NotEnoughReplicasException("Messages are rejected since there are fewer in-sync replicas than required.")));
        var sender = new EventSender(template, Duration.ofSeconds(1));

        assertThat(catchThrowableOfType(IllegalStateException.class, () -> sender.send(TOPIC_A, "k", null)))
                .hasMessage("could not publish to topic.a: The message is 2000000 bytes when serialized")
                .satisfies(tooLarge -> assertThat(Outages.isOutage(tooLarge)).isFalse());
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> sender.send(TOPIC_B, "k", null)))
                .hasMessage("could not publish to topic.b: Messages are rejected since there are fewer in-sync replicas than required.")
                .satisfies(tooFew -> assertThat(Outages.isOutage(tooFew)).isTrue());
    }
}
