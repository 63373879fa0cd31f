package io.tunemeld.schemas;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * A topic and the event its values are: a publisher can send it only that event, and its subject in the
 * registry and its dead-letter topic follow from it.
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueType) {

    /** The schema its values are written with. */
    public Schema schema() {
        return SpecificData.get().getSchema(valueType);
    }

    /** Its dead-letter topic: a record that failed processing goes there as the value it was read as. */
    public Topic<V> deadLetter() {
        return new Topic<>(Topics.deadLetter(name), valueType);
    }

    @Override
    public String toString() {
        return name;
    }
}
