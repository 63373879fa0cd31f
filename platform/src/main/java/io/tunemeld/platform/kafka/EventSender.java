package io.tunemeld.platform.kafka;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.tunemeld.schemas.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes an event and waits for the broker's acknowledgement, so that a listener's offset is only
 * committed once what it published is durable (a crash before that replays the input record, and the
 * deterministic event ids make the republished events harmless duplicates).
 *
 * <p>Each record carries the trace of the work that published it (its {@code traceparent} header), the
 * span current when it was sent: a listener's batch span, an ingest run's playlist span. Not a span per
 * record, as the template's observation would make: a listener publishes an event per entry, and a span
 * each would cost more than the event and leave the next listener's batch span a link per record.
 */
public class EventSender {

    private static final TextMapSetter<Headers> HEADERS = (headers, key, value) -> {
        if (headers != null) {
            headers.remove(key).add(key, value.getBytes(StandardCharsets.UTF_8));
        }
    };

    private final KafkaTemplate<Object, Object> template;
    private final Duration timeout;
    private final TextMapPropagator propagator;

    EventSender(KafkaTemplate<Object, Object> template, Duration timeout, TextMapPropagator propagator) {
        this.template = template;
        this.timeout = timeout;
        this.propagator = propagator;
    }

    public <V extends SpecificRecord> void send(Topic<V> topic, String key, V event) {
        send(List.of(new OutgoingEvent<>(topic, key, event)));
    }

    /** Sends them together and waits until the broker has acknowledged every one. */
    public void send(Collection<? extends OutgoingEvent<?>> events) {
        Batch batch = batch();
        batch.addAll(events);
        batch.await();
    }

    /** Events sent together: the producer batches them, and one wait covers them all. */
    public Batch batch() {
        return new Batch();
    }

    /**
     * Sends each event as it is added, without waiting; {@link #await()} returns once the broker has
     * acknowledged every one (the producer keeps each key's order). Waiting per event would cost a round
     * trip and the producer's linger each time.
     */
    public final class Batch {

        private final List<CompletableFuture<?>> sent = new ArrayList<>();
        private final List<String> topics = new ArrayList<>();

        private Batch() {
        }

        public <V extends SpecificRecord> void add(Topic<V> topic, String key, V event) {
            ProducerRecord<Object, Object> record = new ProducerRecord<>(topic.name(), key, event);
            propagator.inject(Context.current(), record.headers(), HEADERS);
            sent.add(template.send(record));
            topics.add(topic.name());
        }

        public void addAll(Collection<? extends OutgoingEvent<?>> events) {
            events.forEach(this::add);
        }

        private <V extends SpecificRecord> void add(OutgoingEvent<V> outgoing) {
            add(outgoing.topic(), outgoing.key(), outgoing.event());
        }

        public void await() {
            long deadline = System.nanoTime() + timeout.toNanos();
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while publishing to " + topics.get(i), e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("could not publish to " + topics.get(i) + ": " + e.getCause().getMessage(), e);
                } catch (TimeoutException e) {
                    // the producer keeps retrying (a broker down, too few replicas in sync): say what the wait was
                    throw new IllegalStateException("could not publish to " + topics.get(i) + ": the broker did not acknowledge within "
                            + timeout.toSeconds() + " s", e);
                }
            }
            sent.clear();
            topics.clear();
        }
    }
}
