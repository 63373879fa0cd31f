package io.tunemeld.local;

import io.tunemeld.aggregate.AggregateApplication;
import io.tunemeld.cache.CacheApplication;
import io.tunemeld.normalizer.NormalizerApplication;
import io.tunemeld.schemas.Topics;
import io.tunemeld.track.TrackApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells when the pipeline has processed everything published so far: every consumer group has
 * committed up to the end of its input topics. Groups are checked from upstream to downstream; since
 * each service publishes before it commits, an upstream group at the end means its output is already
 * in the downstream group's topics.
 */
public final class PipelineProgress implements AutoCloseable {

    /** Each service's consumer group and the topics it reads, upstream first. */
    static final Map<String, List<String>> INPUTS = new LinkedHashMap<>();

    static {
        INPUTS.put(NormalizerApplication.NAME, List.of(Topics.RAW_PLAYLISTS));
        INPUTS.put(TrackApplication.NAME, List.of(Topics.SERVICE_TRACKS));
        INPUTS.put(AggregateApplication.NAME, List.of(Topics.PLAYLIST_SNAPSHOTS));
        INPUTS.put(CacheApplication.NAME, List.of(Topics.PLAYLIST_SNAPSHOTS, Topics.TRACKS, Topics.AGGREGATES));
    }

    private final Admin admin;

    public PipelineProgress(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** Records not yet processed, per consumer group (0 everywhere means caught up). */
    public Map<String, Long> lag() throws InterruptedException, ExecutionException {
        Map<String, Long> lag = new LinkedHashMap<>();
        for (var group : INPUTS.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group.getKey()).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(group.getValue()).allTopicNames().get().forEach((topic, description) ->
                    description.partitions().forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
            long behind = 0;
            for (var end : admin.listOffsets(ends).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                behind += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            lag.put(group.getKey(), behind);
        }
        return lag;
    }

    /** Waits until every group is caught up twice in a row; returns false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException, ExecutionException {
        Instant deadline = Instant.now().plus(timeout);
        int quietChecks = 0;
        while (Instant.now().isBefore(deadline)) {
            boolean caughtUp = lag().values().stream().allMatch(records -> records == 0);
            quietChecks = caughtUp ? quietChecks + 1 : 0;
            if (quietChecks == 2) {
                return true;
            }
            Thread.sleep(300);
        }
        return false;
    }

    @Override
    public void close() {
        admin.close();
    }
}
