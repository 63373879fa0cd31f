package io.tunemeld.platform.kafka;

import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * The body of a batch listener whose work can take a whole batch in one go (a few statements, one
 * Redis pipeline) and whose events go out together, awaited once before the container commits the
 * batch. Only when the batch fails for something other than an outage are the records taken one at a
 * time, to find the one that fails (its work, or the publishing of its events): it is reported by its
 * index, after the events of the records before it are durable, and the error handler commits those and
 * retries or dead-letters that one record exactly as for a single-record listener. An outage of the batch
 * as a whole retries it from its first record. The work runs in the batch's span, so the events it
 * publishes continue the records' traces.
 */
public final class RecordBatches {

    private static final LogAccessor log = new LogAccessor(RecordBatches.class);

    private final EventSender sender;
    private final BatchSpans spans;

    RecordBatches(EventSender sender, BatchSpans spans) {
        this.sender = sender;
        this.spans = spans;
    }

    /**
     * @param together takes the records' values in order, and returns the events they produced
     * @param alone takes one value, and returns its events; applying a value twice must do no harm
     */
    public <V> void process(List<ConsumerRecord<String, V>> records, Function<List<V>, List<OutgoingEvent<?>>> together,
            Function<V, List<OutgoingEvent<?>>> alone) {
        spans.inSpan(records, () -> processInSpan(records, together, alone));
    }

    private <V> void processInSpan(List<ConsumerRecord<String, V>> records, Function<List<V>, List<OutgoingEvent<?>>> together,
            Function<V, List<OutgoingEvent<?>>> alone) {
        List<V> values = records.stream().map(ConsumerRecord::value).toList();
        if (!values.contains(null)) {
            EventSender.Batch published = sender.batch();
            try {
                published.addAll(together.apply(values));
                published.await();
                return;
            } catch (RuntimeException e) {
                if (Outages.isOutage(e)) {
                    throw new BatchListenerFailedException(e.getMessage(), e, 0);
                }
                log.warn(e, () -> "a batch of " + values.size() + " records failed, taking them one at a time: " + e.getMessage());
            }
        }
        EventSender.Batch published = sender.batch();
        for (int i = 0; i < records.size(); i++) {
            try {
                published.addAll(alone.apply(readable(records.get(i))));
                // awaited record by record on this path: a publish that fails is blamed on the record whose event
                // it was, and the events of the records before it are durable when the handler commits them
                published.await();
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
        }
    }

    /** The value, or the reason the ErrorHandlingDeserializer could not read it. */
    private static <V> V readable(ConsumerRecord<String, V> record) {
        if (record.value() == null) {
            var unreadable = SerializationUtils.getExceptionFromHeader(record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, log);
            throw unreadable != null ? unreadable : new RejectedRecordException("the record has no value");
        }
        return record.value();
    }
}
