package io.tunemeld.schemas;

import io.apicurio.registry.serde.avro.AvroDatumProvider;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;

/**
 * Apicurio's default provider, with its readers and writers kept per schema object. The default keys
 * its own cache by the schema's parsing fingerprint, which it computes again for every record (a tenth
 * of a listener's time in the pipeline benchmark); the schemas handed in are the same few objects each
 * time (a generated class's schema, the registry client's cached one), whose hash Avro keeps, so this
 * lookup costs next to nothing.
 */
public class CachingAvroDatumProvider<T> implements AvroDatumProvider<T> {

    private final DefaultAvroDatumProvider<T> delegate = new DefaultAvroDatumProvider<>();
    private final Map<Schema, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private final Map<WriterKey, DatumWriter<T>> writers = new ConcurrentHashMap<>();

    private record WriterKey(Schema schema, Class<?> type) { }

    @Override
    public void configure(AvroSerdeConfig config) {
        delegate.configure(config);
    }

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        return writers.computeIfAbsent(new WriterKey(schema, data.getClass()), key -> delegate.createDatumWriter(data, schema));
    }

    @Override
    public DatumReader<T> createDatumReader(Schema schema) {
        return readers.computeIfAbsent(schema, delegate::createDatumReader);
    }

    @Override
    public Schema toSchema(T data) {
        return delegate.toSchema(data);
    }
}
