package io.tunemeld.platform.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes an event and waits for the broker's acknowledgement, so that a listener's offset is only
 * committed once what it published is durable (a crash before that replays the input record, and the
 * deterministic event ids make the republished events harmless duplicates).
 */
public class EventSender {

    private final KafkaTemplate<Object, Object> template;
    private final Duration timeout;

    EventSender(KafkaTemplate<Object, Object> template, Duration timeout) {
        this.template = template;
        this.timeout = timeout;
    }

    public void send(String topic, String key, SpecificRecord event) {
        try {
            template.send(topic, key, event).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish to " + topic + ": " + e.getMessage(), e);
        }
    }
}
