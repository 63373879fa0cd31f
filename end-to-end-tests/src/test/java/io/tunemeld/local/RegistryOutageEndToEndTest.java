package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.tunemeld.cache.CacheApplication;
import io.tunemeld.events.ViewsCounted;
import io.tunemeld.schemas.AvroSerdes;
import io.tunemeld.schemas.SchemaRegistration;
import io.tunemeld.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record whose schema its consumer has not read yet, arriving while the schema registry is away, is no
 * fault of the record: it waits for the registry (the partition's lag shows it) instead of going to the
 * dead-letter topic, and is processed once the registry is back.
 */
class RegistryOutageEndToEndTest {

    private static final String ISRC = "QZREGOUTAGE1";

    @Test
    void aRecordArrivingWhileTheRegistryIsAwayWaitsForItAndIsProcessedAfter() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.awaitCaughtUp();
        // a later version of ViewsCounted (one optional field more) that no consumer has read yet
        Schema current = ViewsCounted.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field("countedBy", Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                "who counted", JsonProperties.NULL_VALUE));
        Schema later = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        String subject = SchemaRegistration.subject(Topics.Names.VIEW_COUNTS);
        String version = SchemaRegistration.register(stack.registryUrl(), Map.of(subject, later)).get(subject);
        long contentId = JsonMapper.shared().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                stack.registryUrl() + AvroSerdes.REGISTRY_API_PATH + "/groups/default/artifacts/" + subject + "/versions/" + version)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("contentId").asLong();
        GenericRecord record = new GenericData.Record(later);
        record.put("eventId", "registry-outage-" + Instant.now().toEpochMilli());
        record.put("occurredAt", Instant.now().toEpochMilli());
        record.put("isrc", ISRC);
        record.put("service", "youtube");
        record.put("date", (int) LocalDate.now().toEpochDay());
        record.put("count", 1234L);
        record.put("countedBy", "test");

        stack.stopRegistry();
        try {
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.Names.VIEW_COUNTS, ISRC, confluentWireFormat(contentId, record))).get();
            }
            SharedStack.assertOneRecordWaits(CacheApplication.NAME);
        } finally {
            stack.startRegistry();
        }
        SharedStack.assertNoDeadLetter(Topics.Names.VIEW_COUNTS, ISRC::equals);
        RedisClient redis = RedisClient.create(stack.redisUri());
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            assertThat(connection.sync().get("tunemeld:views:" + ISRC)).as("processed once the registry answered").contains("1234");
        } finally {
            redis.shutdown();
        }
    }

    /** Magic byte 0, the schema's 4-byte content id, the Avro binary: what the serdes write. */
    private static byte[] confluentWireFormat(long contentId, GenericRecord record) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(ByteBuffer.allocate(4).putInt((int) contentId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
