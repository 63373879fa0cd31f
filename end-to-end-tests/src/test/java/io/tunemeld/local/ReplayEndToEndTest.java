package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.tunemeld.aggregate.AggregateApplication;
import io.tunemeld.embedded.TopicRecords;
import io.tunemeld.local.cli.ReplayCommand;
import io.tunemeld.local.ops.PipelineProgress;
import io.tunemeld.normalizer.NormalizerApplication;
import io.tunemeld.platform.kafka.ConsumerLagReader;
import io.tunemeld.platform.kafka.ReplayableListener;
import io.tunemeld.schemas.Topics;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Replay is safe: reprocessing the normalizer's whole input while the stack runs republishes its events
 * through every downstream service, and with unchanged logic every table of every service is the same.
 */
class ReplayEndToEndTest {

    private static final List<String> SCHEMAS = List.of("ingest", "normalizer", "track", "aggregate", "cache");

    @Test
    void replayingTheNormalizerFromTheBeginningLeavesEveryTableAsItWas() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.samplesRun();
        awaitCaughtUp(stack);
        Map<String, List<String>> before = tables(stack);
        long republishedBefore = TopicRecords.endOffset(stack.kafkaBootstrapServers(), Topics.Names.SERVICE_TRACKS);

        ReplayCommand.request(stack.serviceUrl(NormalizerApplication.NAME), stack.adminToken(), null, List.of());

        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() ->
                TopicRecords.endOffset(stack.kafkaBootstrapServers(), Topics.Names.SERVICE_TRACKS) > republishedBefore);
        awaitCaughtUp(stack);
        Map<String, List<String>> after = tables(stack);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((table, rows) -> assertThat(rows).as(table).isEqualTo(before.get(table)));
        assertThat(before.get("track.tracks")).as("something to compare").isNotEmpty();
    }

    @Test
    void aReplayReachesEveryReplicaOfTheService() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.samplesRun();
        awaitCaughtUp(stack);
        // one consumer each, so the two replicas split the raw topic's three partitions (with three consumers
        // each, one replica's could take them all)
        Map<String, String> oneConsumer = Map.of("tunemeld.normalizer.concurrency", "1");
        stack.restartService(NormalizerApplication.NAME, oneConsumer);
        try (ConfigurableApplicationContext second = stack.startReplica(NormalizerApplication.NAME, oneConsumer)) {
            var replicas = List.of(stack.services().get(NormalizerApplication.NAME), second);
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> replicas.stream().allMatch(r ->
                    assigned(r) > 0) && replicas.stream().mapToInt(ReplayEndToEndTest::assigned).sum() == 3);
            try (var reader = new ConsumerLagReader(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()), Clock.systemUTC())) {
                var raw = reader.read(List.of(NormalizerApplication.NAME)).get(0).partitions().stream()
                        .filter(p -> p.topic().equals(Topics.Names.RAW_PLAYLISTS)).toList();
                assertThat(raw).hasSize(3).allSatisfy(p -> assertThat(p.owner()).as("every partition owned").isNotNull());
                assertThat(raw.stream().map(ConsumerLagReader.PartitionLag::owner).distinct()).as("lag shows the two owners").hasSize(2);
            }

            ReplayCommand.request(stack.serviceUrl(NormalizerApplication.NAME), stack.adminToken(), null, List.of());

            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() ->
                    replicas.stream().allMatch(r -> replayed(r) > 0) && replicas.stream().mapToInt(ReplayEndToEndTest::replayed).sum() == 3);
            awaitCaughtUp(stack);
        } finally {
            stack.restartService(NormalizerApplication.NAME, Map.of());
        }
    }

    private static int assigned(ConfigurableApplicationContext replica) {
        return replica.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers().stream()
                .mapToInt(c -> c.getAssignedPartitions() == null ? 0 : c.getAssignedPartitions().size()).sum();
    }

    private static int replayed(ConfigurableApplicationContext replica) {
        return replica.getBeansOfType(ReplayableListener.class).values().stream().mapToInt(ReplayableListener::lastReplayPartitions).sum();
    }

    @Test
    void republishingARunFromTheRawStoreChangesNothingDownstream() throws Exception {
        LocalStack stack = SharedStack.get();
        String samplesRun = SharedStack.samplesRun().path("id").asString();
        awaitCaughtUp(stack);
        Map<String, List<String>> before = tables(stack);
        long rawBefore = TopicRecords.endOffset(stack.kafkaBootstrapServers(), Topics.Names.RAW_PLAYLISTS);

        var republished = StackClient.of(stack).republish(Map.of("run", samplesRun));

        assertThat(republished.path("playlists").size()).isEqualTo(12);
        republished.path("playlists").forEach(p -> assertThat(p.path("status").asString()).isEqualTo("PUBLISHED"));
        assertThat(TopicRecords.endOffset(stack.kafkaBootstrapServers(), Topics.Names.RAW_PLAYLISTS)).isEqualTo(rawBefore + 12);
        awaitCaughtUp(stack);
        Map<String, List<String>> after = tables(stack);
        // ingest records the republish as a run of its own, the notifier posts it as one (one row more in
        // cache.notified_runs), and aggregate-service knows it finished (one row more in aggregate.finished_runs)
        // and ranked its editions, none left waiting; everything else is unchanged
        assertThat(after.get("cache.notified_runs")).hasSize(before.get("cache.notified_runs").size() + 1);
        assertThat(after.get("aggregate.finished_runs")).hasSize(before.get("aggregate.finished_runs").size() + 1);
        String republishRun = republished.path("id").asString();
        assertThat(republishRun).isNotBlank();
        assertThat(after.get("aggregate.edition_playlists")).as("the republish's editions waiting")
                .noneMatch(row -> row.startsWith("(" + republishRun + ","));
        // an earlier test's replay may leave older runs' editions waiting for their timeout
        List<String> counted = List.of("cache.notified_runs", "aggregate.finished_runs", "aggregate.edition_playlists");
        after.forEach((table, rows) -> {
            if (!table.startsWith("ingest.") && !counted.contains(table)) {
                assertThat(rows).as(table).isEqualTo(before.get(table));
            }
        });
        assertThat(after.get("ingest.ingest_runs")).hasSize(before.get("ingest.ingest_runs").size() + 1);
    }

    @Test
    void afterALogicChangeAReplayReplacesTheResultsAndTheReadSideAndRedisFollow() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.samplesRun();
        awaitCaughtUp(stack);
        try {
            switchStrategyAndReplay(stack, "consensus");

            var client = StackClient.of(stack);
            for (String genre : List.of("country", "dance", "pop", "rap")) {
                JsonNode aggregate = client.graphql("query($g: String!) { aggregatePlaylist(genre: $g) { strategy entries { serviceCount } } }",
                        Map.of("g", genre)).path("aggregatePlaylist");
                assertThat(aggregate.path("strategy").asString()).as(genre).isEqualTo("consensus");
                int previous = Integer.MAX_VALUE;
                for (JsonNode entry : aggregate.path("entries")) {
                    assertThat(entry.path("serviceCount").asInt()).as("agreement first in %s", genre).isLessThanOrEqualTo(previous);
                    previous = entry.path("serviceCount").asInt();
                }
            }
            RedisClient redis = RedisClient.create(stack.redisUri());
            try (var connection = redis.connect()) {
                assertThat(connection.sync().get("tunemeld:aggregate:country")).contains("\"strategy\":\"consensus\"");
            } finally {
                redis.shutdown();
            }
        } finally {
            switchStrategyAndReplay(stack, "seed");
        }
    }

    /** Redeploys aggregate-service with another strategy and replays its input, as an operator would. */
    private static void switchStrategyAndReplay(LocalStack stack, String strategy) throws Exception {
        stack.restartService(AggregateApplication.NAME, Map.of("tunemeld.aggregate.strategy", strategy));
        var listeners = stack.services().get(AggregateApplication.NAME).getBean(KafkaListenerEndpointRegistry.class);
        Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> listeners.getListenerContainers().stream()
                .allMatch(c -> c.getAssignedPartitions() != null && !c.getAssignedPartitions().isEmpty()));
        ReplayCommand.request(stack.serviceUrl(AggregateApplication.NAME), stack.adminToken(), null, List.of());
        var client = StackClient.of(stack);
        Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> List.of("country", "dance", "pop", "rap").stream()
                .allMatch(genre -> strategyOf(client, genre).equals(strategy)));
        awaitCaughtUp(stack);
    }

    private static String strategyOf(StackClient client, String genre) {
        try {
            return client.graphql("query($g: String!) { aggregatePlaylist(genre: $g) { strategy } }", Map.of("g", genre))
                    .path("aggregatePlaylist").path("strategy").asString();
        } catch (Exception e) {
            return "";
        }
    }

    private static void awaitCaughtUp(LocalStack stack) throws Exception {
        try (var progress = new PipelineProgress(stack.kafkaBootstrapServers())) {
            assertThat(progress.awaitCaughtUp(Duration.ofMinutes(3))).as("caught up: %s", progress.lag()).isTrue();
        }
    }

    /** Every row of every table of the services' schemas, as text, in a stable order. */
    private static Map<String, List<String>> tables(LocalStack stack) throws Exception {
        Map<String, List<String>> tables = new TreeMap<>();
        try (Connection db = SharedStack.superuser()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = db.createStatement().executeQuery("""
                    select table_schema || '.' || table_name from information_schema.tables
                    where table_schema = any(array['ingest', 'normalizer', 'track', 'aggregate', 'cache'])
                      and table_type = 'BASE TABLE' order by 1""")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            assertThat(names).extracting(n -> n.substring(0, n.indexOf('.'))).containsAll(SCHEMAS);
            for (String table : names) {
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = db.createStatement().executeQuery("select t::text from " + table + " t order by 1")) {
                    while (rs.next()) {
                        rows.add(rs.getString(1));
                    }
                }
                tables.put(table, rows);
            }
        }
        return tables;
    }
}
