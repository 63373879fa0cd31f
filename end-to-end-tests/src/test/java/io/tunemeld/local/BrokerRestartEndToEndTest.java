package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.embedded.TopicRecords;
import io.tunemeld.local.bench.SyntheticCharts;
import io.tunemeld.local.ops.PipelineProgress;
import io.tunemeld.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Kafka broker goes away while the pipeline is busy with 30 synthetic playlists (3,000 entries) and
 * comes back 5 seconds later: every service recovers by itself, and nothing is lost or dead-lettered.
 */
class BrokerRestartEndToEndTest {

    private static final int GENRES = 10;
    private static final int TRACKS = 100;

    @Test
    void theServicesRecoverFromABrokerRestartUnderLoadAndLoseNothing() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.awaitCaughtUp();
        Path payloads = new SyntheticCharts("restart", GENRES, 1, TRACKS, 0.6, 7).write(Files.createTempDirectory("tunemeld-restart-")).get(0);
        long deadLettersBefore = deadLetters(stack);
        long rawBefore = TopicRecords.endOffset(stack.kafkaBootstrapServers(), Topics.Names.RAW_PLAYLISTS);
        StackClient client = StackClient.of(stack);

        JsonNode run = client.startRun(Map.of("dir", payloads.toAbsolutePath().toString(), "trigger", "test", "wait", "false"));
        // under load: the first playlists are in, the rest still coming
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> TopicRecords.endOffset(stack.kafkaBootstrapServers(), Topics.Names.RAW_PLAYLISTS) > rawBefore);
        try (var progress = new PipelineProgress(stack.kafkaBootstrapServers())) {
            assertThat(progress.lag().values().stream().mapToLong(Long::longValue).sum()).as("records waiting when the broker goes")
                    .isPositive();
        }
        SharedStack.stop(SharedStack.Server.KAFKA);
        Thread.sleep(5_000);
        SharedStack.start(SharedStack.Server.KAFKA);

        String runId = run.path("id").asString();
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !client.runs(runId).path("finishedAt").isNull());
        JsonNode outcomes = client.runs(runId).path("playlists");
        assertThat(outcomes.size()).isEqualTo(GENRES * 3);
        outcomes.forEach(outcome -> assertThat(outcome.path("status").asString()).as(outcome.toString()).isEqualTo("PUBLISHED"));
        PipelineProgress.requireCaughtUp(stack.kafkaBootstrapServers(), Duration.ofMinutes(5));

        try (var cache = DriverManager.getConnection(stack.databaseUrl(), "cache", "cache")) {
            var playlists = cache.createStatement().executeQuery("""
                    select count(*), sum(json_array_length(body->'entries')) from cache.playlists
                    where genre like 'restart%'""");
            playlists.next();
            assertThat(playlists.getInt(1)).as("playlists in the read model").isEqualTo(GENRES * 3);
            assertThat(playlists.getInt(2)).as("their entries").isEqualTo(GENRES * 3 * TRACKS);
            var aggregates = cache.createStatement().executeQuery(
                    "select count(*) from cache.aggregates where genre like 'restart%'");
            aggregates.next();
            assertThat(aggregates.getInt(1)).as("aggregates in the read model").isEqualTo(GENRES);
        }
        assertThat(deadLetters(stack)).as("records dead-lettered").isEqualTo(deadLettersBefore);
    }

    private static long deadLetters(LocalStack stack) throws Exception {
        long records = 0;
        for (String topic : List.of(Topics.Names.RAW_PLAYLISTS, Topics.Names.SERVICE_TRACKS, Topics.Names.PLAYLIST_SNAPSHOTS, Topics.Names.TRACKS,
                Topics.Names.AGGREGATES)) {
            records += TopicRecords.endOffset(stack.kafkaBootstrapServers(), Topics.deadLetter(topic));
        }
        return records;
    }
}
