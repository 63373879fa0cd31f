package io.tunemeld.platform.kafka;

import io.tunemeld.schemas.Topic;
import org.apache.avro.specific.SpecificRecord;

/**
 * An event a piece of work produced, to go out once that work is durable: domain services return their
 * events, and the listener (or scheduler) that called them sends them together and awaits the broker before
 * its offset is committed.
 */
public record OutgoingEvent<V extends SpecificRecord>(Topic<V> topic, String key, V event) {
}
