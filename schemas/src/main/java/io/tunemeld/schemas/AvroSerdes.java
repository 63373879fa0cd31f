package io.tunemeld.schemas;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.IdOption;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one serde configuration of every TuneMeld client: string keys, Avro values in the Confluent wire
 * format (magic byte 0, 4-byte content id, Avro binary; no Apicurio headers) so any
 * Confluent-compatible tool can decode them through the registry's {@code /apis/ccompat/v7} API.
 * Subjects follow TopicNameStrategy ({@code <topic>-value}).
 */
public final class AvroSerdes {

    /** The registry's native API path; the serdes talk to it, other tools use {@code /apis/ccompat/v7}. */
    public static final String REGISTRY_API_PATH = "/apis/registry/v3";
    public static final String CCOMPAT_API_PATH = "/apis/ccompat/v7";

    private AvroSerdes() {
    }

    /** Producer settings for a registry at {@code registryBaseUrl} (e.g. http://localhost:8081). */
    public static Map<String, Object> producerConfig(String registryBaseUrl) {
        Map<String, Object> config = common(registryBaseUrl);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroKafkaSerializer.class);
        // never register: the deploy step (SchemaRegistration) did, under the registry's compatibility rule;
        // the schema is found by its content, each event one self-contained schema (nested records inline,
        // no references) that every Confluent-compatible reader can use as it is
        config.put(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, false);
        config.put(SchemaResolverConfig.DEREFERENCE_SCHEMA, true);
        return config;
    }

    /** Consumer settings; values are read into the generated specific classes. */
    public static Map<String, Object> consumerConfig(String registryBaseUrl) {
        Map<String, Object> config = common(registryBaseUrl);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class);
        config.put(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
        return config;
    }

    private static Map<String, Object> common(String registryBaseUrl) {
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaResolverConfig.REGISTRY_URL, registryApiUrl(registryBaseUrl));
        config.put(KafkaSerdeConfig.ENABLE_HEADERS, false);
        config.put(SerdeConfig.ID_HANDLER, Default4ByteIdHandler.class.getName());
        config.put(SerdeConfig.USE_ID, IdOption.contentId.name());
        config.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, CachingAvroDatumProvider.class.getName());
        return config;
    }

    /** The native API's URL of a registry at {@code registryBaseUrl}. */
    static String registryApiUrl(String registryBaseUrl) {
        String base = registryBaseUrl.endsWith("/") ? registryBaseUrl.substring(0, registryBaseUrl.length() - 1) : registryBaseUrl;
        return base + REGISTRY_API_PATH;
    }
}
