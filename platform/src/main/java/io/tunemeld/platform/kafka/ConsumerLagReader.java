package io.tunemeld.platform.kafka;

import io.tunemeld.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumer lag as operators need it: per group, topic and partition the committed offset, the end
 * offset, the records not yet consumed, and their age (how old the oldest unconsumed record is). Lag
 * comes from committed offsets, so a stopped group shows lag that grows instead of 0. End offsets are
 * read committed, and a partition whose remaining offsets hold no record (only transaction markers or
 * aborted records) has no lag: no phantom lag of 1 after a transaction.
 */
public class ConsumerLagReader implements AutoCloseable {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /**
     * One partition of one group. {@code committed} is null when the group never committed there; {@code owner}
     * (the consumer's client id {@code @} its host) is null while no member of the group is assigned it.
     */
    public record PartitionLag(String topic, int partition, Long committed, long end, long records, Duration age, String owner) {
    }

    public record GroupLag(String group, String state, List<PartitionLag> partitions) {

        public long records() {
            return partitions.stream().mapToLong(PartitionLag::records).sum();
        }

        public Duration age() {
            return partitions.stream().map(PartitionLag::age).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        }
    }

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> probe;
    private final Clock clock;

    public ConsumerLagReader(Map<String, Object> kafkaConfig, Clock clock) {
        this.admin = Admin.create(kafkaConfig);
        Map<String, Object> probeConfig = new HashMap<>(kafkaConfig);
        probeConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        probeConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        probeConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        probeConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        probeConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        probeConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.probe = new KafkaConsumer<>(probeConfig);
        this.clock = clock;
    }

    /** Every consumer group's lag, or only the given groups'. */
    public List<GroupLag> read(Collection<String> groups) throws InterruptedException, ExecutionException {
        Collection<String> wanted = groups.isEmpty()
                ? admin.listConsumerGroups().all().get().stream().map(g -> g.groupId()).sorted().toList() : groups;
        Map<String, ConsumerGroupDescription> descriptions = admin.describeConsumerGroups(wanted).all().get();
        List<GroupLag> lags = new ArrayList<>();
        for (String group : wanted) {
            lags.add(read(group, descriptions.get(group), List.of()));
        }
        return lags;
    }

    /**
     * One group's lag on its known input topics as well: a partition it has neither committed on nor
     * been assigned yet (a group still starting) counts from the earliest record, not as no lag.
     */
    public GroupLag read(String group, Collection<String> inputs) throws InterruptedException, ExecutionException {
        return read(group, admin.describeConsumerGroups(List.of(group)).all().get().get(group), inputs);
    }

    private GroupLag read(String group, ConsumerGroupDescription description, Collection<String> inputs)
            throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Set<TopicPartition> partitions = new HashSet<>(committed.keySet());
        Map<TopicPartition, String> owners = new HashMap<>();
        description.members().forEach(member -> member.assignment().topicPartitions().forEach(partition ->
                owners.put(partition, member.clientId() + "@" + member.host().replaceFirst("^/", ""))));
        partitions.addAll(owners.keySet());
        if (!inputs.isEmpty()) {
            admin.describeTopics(inputs).allTopicNames().get().forEach((topic, topicDescription) ->
                    topicDescription.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        partitions.forEach(p -> {
            latest.put(p, OffsetSpec.latest());
            earliest.put(p, OffsetSpec.earliest());
        });
        var options = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        var ends = admin.listOffsets(latest, options).all().get();
        var starts = admin.listOffsets(earliest, options).all().get();
        List<PartitionLag> lags = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata done = committed.get(partition);
            long from = done != null ? done.offset() : starts.get(partition).offset();
            long end = ends.get(partition).offset();
            long records = Math.max(0, end - from);
            Duration age = Duration.ZERO;
            if (records > 0) {
                Long timestamp = firstRecordTimestamp(partition, from, end);
                if (timestamp == null) {
                    records = 0;
                } else {
                    age = Duration.ofMillis(Math.max(0, clock.millis() - timestamp));
                }
            }
            lags.add(new PartitionLag(partition.topic(), partition.partition(), done == null ? null : done.offset(), end,
                    records, age, owners.get(partition)));
        }
        lags.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
        return new GroupLag(group, description.groupState().toString(), lags);
    }

    /**
     * Records ever written to each topic's dead-letter topic ({@code <topic>-dlt}): the sum of its end
     * offsets, which re-driving or retention never lowers; 0 where none was created yet.
     */
    public Map<String, Long> deadLetters(Collection<String> topics) throws InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics().names().get();
        Map<String, String> sources = new HashMap<>();
        for (String topic : topics) {
            if (existing.contains(Topics.deadLetter(topic))) {
                sources.put(Topics.deadLetter(topic), topic);
            }
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(sources.keySet()).allTopicNames().get().forEach((dlt, description) ->
                description.partitions().forEach(p -> latest.put(new TopicPartition(dlt, p.partition()), OffsetSpec.latest())));
        Map<String, Long> counts = new TreeMap<>();
        topics.forEach(topic -> counts.put(topic, 0L));
        admin.listOffsets(latest).all().get().forEach((partition, offset) ->
                counts.merge(sources.get(partition.topic()), offset.offset(), Long::sum));
        return counts;
    }

    /**
     * The timestamp of the first record at or after {@code from}; null when only transaction markers or
     * aborted records remain; now (age unknown, records kept) when the broker did not answer in time.
     */
    private Long firstRecordTimestamp(TopicPartition partition, long from, long end) {
        probe.assign(List.of(partition));
        probe.seek(partition, from);
        long deadline = System.nanoTime() + PROBE_TIMEOUT.toNanos();
        while (probe.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                return clock.millis();
            }
            for (var record : probe.poll(Duration.ofMillis(200))) {
                return record.timestamp();
            }
        }
        return null;
    }

    @Override
    public void close() {
        probe.close();
        admin.close();
    }
}
