package io.tunemeld.local.ops;

import io.tunemeld.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The dead-letter topics: what is in them and why, and re-driving their records to the topics they
 * came from (unchanged bytes and key) once the cause is fixed. Re-driven records are remembered by the
 * offsets of a consumer group of its own, so a record is re-driven once.
 */
public final class DeadLetters implements AutoCloseable {

    static final String REDRIVE_GROUP = "tunemeld-dlt-redrive";
    private static final String DLT_SUFFIX = Topics.deadLetter("");

    /** One dead letter; {@code redriven} once it has been sent back. */
    public record DeadLetter(String topic, int partition, long offset, String key, Instant at, String originalTopic,
            String reason, boolean redriven, byte[] keyBytes, byte[] value) {
    }

    private final Map<String, Object> config;
    private final Admin admin;

    public DeadLetters(String bootstrapServers) {
        this.config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(config);
    }

    public List<String> topics(String only) throws InterruptedException, ExecutionException {
        if (only != null) {
            return List.of(only.endsWith(DLT_SUFFIX) ? only : Topics.deadLetter(only));
        }
        return admin.listTopics().names().get().stream().filter(t -> t.endsWith(DLT_SUFFIX)).sorted().toList();
    }

    public List<DeadLetter> list(String topic) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> redriven = admin.listConsumerGroupOffsets(REDRIVE_GROUP).partitionsToOffsetAndMetadata().get();
        List<DeadLetter> letters = new ArrayList<>();
        try (var consumer = new KafkaConsumer<byte[], byte[]>(consumerConfig())) {
            var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    var tp = new TopicPartition(record.topic(), record.partition());
                    boolean done = redriven.containsKey(tp) && redriven.get(tp).offset() > record.offset();
                    letters.add(new DeadLetter(record.topic(), record.partition(), record.offset(),
                            record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                            Instant.ofEpochMilli(record.timestamp()), header(record.headers().lastHeader("kafka_dlt-original-topic")),
                            header(record.headers().lastHeader("kafka_dlt-exception-message")), done, record.key(), record.value()));
                }
            }
        }
        return letters;
    }

    /** Sends every dead letter not yet re-driven back to its original topic; returns how many. */
    public int redrive(String topic) throws InterruptedException, ExecutionException {
        List<DeadLetter> pending = list(topic).stream().filter(letter -> !letter.redriven()).toList();
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        Map<String, Object> producerConfig = new HashMap<>(config);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<byte[], byte[]>(producerConfig)) {
            for (DeadLetter letter : pending) {
                String target = letter.originalTopic() != null ? letter.originalTopic()
                        : letter.topic().substring(0, letter.topic().length() - DLT_SUFFIX.length());
                producer.send(new ProducerRecord<>(target, letter.keyBytes(), letter.value())).get();
                done.put(new TopicPartition(letter.topic(), letter.partition()), new OffsetAndMetadata(letter.offset() + 1));
            }
        }
        if (!done.isEmpty()) {
            admin.alterConsumerGroupOffsets(REDRIVE_GROUP, done).all().get();
        }
        return pending.size();
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> consumer = new HashMap<>(config);
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return consumer;
    }

    private static String header(Header header) {
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        admin.close();
    }
}
