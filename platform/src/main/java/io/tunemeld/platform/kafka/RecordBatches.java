package io.tunemeld.platform.kafka;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * The body of a batch listener: each record is processed in order, the events they publish go out
 * together and are awaited once, before the container commits the batch. A record that fails is
 * reported by its index, after the events of the records before it are durable: the error handler then
 * commits those, and retries or dead-letters that one record exactly as for a single-record listener.
 */
public final class RecordBatches {

    private static final LogAccessor log = new LogAccessor(RecordBatches.class);

    private RecordBatches() {
    }

    public static <V> void process(List<ConsumerRecord<String, V>> records, EventSender sender, BiConsumer<V, EventSender.Batch> work) {
        EventSender.Batch published = sender.batch();
        int failedIndex = -1;
        RuntimeException failure = null;
        for (int i = 0; i < records.size() && failure == null; i++) {
            try {
                work.accept(readable(records.get(i)), published);
            } catch (RuntimeException e) {
                failedIndex = i;
                failure = e;
            }
        }
        try {
            published.await();
        } catch (RuntimeException e) {
            // an event did not reach the broker, so no record of the batch counts as done: all again from the first
            throw new BatchListenerFailedException(e.getMessage(), e, 0);
        }
        if (failure != null) {
            throw new BatchListenerFailedException(failure.getMessage(), failure, failedIndex);
        }
    }

    /**
     * For a listener that publishes nothing and can take a whole batch in one go (one statement, one
     * pipeline): the batch at once, and only when that fails for something other than an outage, one
     * record at a time, to find the one to retry or dead-letter.
     *
     * @param together takes the records' values in order
     * @param alone takes one value; applying a value twice must do no harm
     */
    public static <V> void processTogether(List<ConsumerRecord<String, V>> records, Consumer<List<V>> together, Consumer<V> alone) {
        List<V> values = records.stream().map(ConsumerRecord::value).toList();
        if (!values.contains(null)) {
            try {
                together.accept(values);
                return;
            } catch (RuntimeException e) {
                if (Outages.isOutage(e)) {
                    throw new BatchListenerFailedException(e.getMessage(), e, 0);
                }
                log.warn(e, () -> "a batch of " + values.size() + " records failed, taking them one at a time: " + e.getMessage());
            }
        }
        for (int i = 0; i < records.size(); i++) {
            try {
                alone.accept(readable(records.get(i)));
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
