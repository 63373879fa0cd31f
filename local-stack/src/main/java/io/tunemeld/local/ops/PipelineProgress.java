package io.tunemeld.local.ops;

import io.tunemeld.aggregate.AggregateApplication;
import io.tunemeld.cache.CacheApplication;
import io.tunemeld.local.Durations;
import io.tunemeld.normalizer.NormalizerApplication;
import io.tunemeld.platform.kafka.ConsumerLagReader;
import io.tunemeld.schemas.Topic;
import io.tunemeld.schemas.Topics;
import io.tunemeld.track.TrackApplication;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Tells when the pipeline has processed everything published so far: every consumer group has
 * committed up to the end of its input topics. Groups are checked from upstream to downstream; since
 * each service publishes before it commits, an upstream group at the end means its output is already
 * in the downstream group's topics.
 */
public final class PipelineProgress implements AutoCloseable {

    /** Each service's consumer group and the topics it reads, upstream first. */
    public static final Map<String, List<String>> INPUTS;

    static {
        Map<String, List<String>> inputs = new LinkedHashMap<>();
        inputs.put(NormalizerApplication.NAME, names(Topics.RAW_PLAYLISTS));
        inputs.put(TrackApplication.NAME, names(Topics.SERVICE_TRACKS, Topics.ENRICHMENT_REQUESTS));
        inputs.put(AggregateApplication.NAME, names(Topics.PLAYLIST_SNAPSHOTS, Topics.INGEST_RUNS));
        inputs.put(CacheApplication.NAME, names(Topics.PLAYLIST_SNAPSHOTS, Topics.TRACKS, Topics.AGGREGATES, Topics.VIEW_COUNTS,
                Topics.ENRICHMENTS, Topics.INGEST_RUNS, Topics.TRACK_RUNS, Topics.SPOTIFY_USERS));
        INPUTS = Collections.unmodifiableMap(inputs);
    }

    private static List<String> names(Topic<?>... topics) {
        return Stream.of(topics).map(Topic::name).toList();
    }

    private final ConsumerLagReader reader;

    public PipelineProgress(String bootstrapServers) {
        this.reader = new ConsumerLagReader(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), Clock.systemUTC());
    }

    /** Records not yet processed, per consumer group (0 everywhere means caught up). */
    public Map<String, Long> lag() throws InterruptedException, ExecutionException {
        Map<String, Long> lag = new LinkedHashMap<>();
        for (var group : INPUTS.entrySet()) {
            lag.put(group.getKey(), reader.read(group.getKey(), group.getValue()).records());
        }
        return lag;
    }

    /** Waits until every group has caught up; fails, saying the lag, when they have not within the timeout. */
    public static void requireCaughtUp(String bootstrapServers, Duration timeout) throws InterruptedException, ExecutionException {
        requireCaughtUp(bootstrapServers, timeout, new LinkedHashMap<>());
    }

    /** As {@link #requireCaughtUp(String, Duration)}, noting when each group was last seen behind. */
    public static void requireCaughtUp(String bootstrapServers, Duration timeout, Map<String, Instant> lastBehind)
            throws InterruptedException, ExecutionException {
        try (var progress = new PipelineProgress(bootstrapServers)) {
            if (!progress.awaitCaughtUp(timeout, lastBehind)) {
                throw new IllegalStateException("the pipeline did not catch up within " + Durations.format(timeout) + ": " + progress.lag());
            }
        }
    }

    /** Waits until every group is caught up twice in a row; returns false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException, ExecutionException {
        return awaitCaughtUp(timeout, lag -> { });
    }

    /**
     * As {@link #awaitCaughtUp(Duration)}; {@code lastBehind} gets, per group, the last time it had records
     * to process: when each stage finished its share, which shows the one that holds the pipeline back.
     */
    public boolean awaitCaughtUp(Duration timeout, Map<String, Instant> lastBehind) throws InterruptedException, ExecutionException {
        return awaitCaughtUp(timeout, lag -> {
            Instant now = Instant.now();
            lag.forEach((group, records) -> {
                if (records > 0) {
                    lastBehind.put(group, now);
                }
            });
        });
    }

    /** As {@link #awaitCaughtUp(Duration)}, handing each check's records to process per group to {@code eachCheck}. */
    public boolean awaitCaughtUp(Duration timeout, Consumer<Map<String, Long>> eachCheck) throws InterruptedException, ExecutionException {
        Instant deadline = Instant.now().plus(timeout);
        int quietChecks = 0;
        while (Instant.now().isBefore(deadline)) {
            Map<String, Long> lag = lag();
            eachCheck.accept(lag);
            boolean caughtUp = lag.values().stream().allMatch(records -> records == 0);
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
        reader.close();
    }
}
