package io.tunemeld.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What a topic holds, for tests that inspect what was published: its end offsets, its records, the first that matches. */
public final class TopicRecords {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private TopicRecords() {
    }

    /** The sum of the topic's end offsets. */
    public static long endOffset(String bootstrapServers, String topic) throws Exception {
        try (var admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            var request = new HashMap<TopicPartition, OffsetSpec>();
            partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(request).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    /** Every record on the topic now, from its beginning to its end offsets, its value as bytes. */
    public static List<ConsumerRecord<String, byte[]>> all(String bootstrapServers, String topic) {
        try (var consumer = new KafkaConsumer<String, byte[]>(Map.of("bootstrap.servers", bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            return all(consumer, topic);
        }
    }

    /** Every record on the topic now, read with this consumer from its beginning to its end offsets. */
    public static <K, V> List<ConsumerRecord<K, V>> all(KafkaConsumer<K, V> consumer, String topic) {
        var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        var end = consumer.endOffsets(partitions);
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("could not read " + topic + " to its end within " + TIMEOUT);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    public static <K, V> ConsumerRecord<K, V> first(KafkaConsumer<K, V> consumer, String topic, Predicate<ConsumerRecord<K, V>> wanted) {
        var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        long deadline = System.currentTimeMillis() + TIMEOUT.toMillis();
        while (System.currentTimeMillis() < deadline) {
            for (var record : consumer.poll(Duration.ofMillis(500))) {
                if (wanted.test(record)) {
                    return record;
                }
            }
        }
        throw new AssertionError("no such record on " + topic + " within " + TIMEOUT);
    }
}
