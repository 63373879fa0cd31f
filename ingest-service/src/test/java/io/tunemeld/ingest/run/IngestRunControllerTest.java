package io.tunemeld.ingest.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunemeld.embedded.ServiceInfrastructure;
import io.tunemeld.embedded.TopicRecords;
import io.tunemeld.events.RawPlaylistFetched;
import io.tunemeld.events.RunFinished;
import io.tunemeld.ingest.IngestApplication;
import io.tunemeld.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ingest-service alone on a real broker, registry and database: a run over a directory of payloads stores and
 * publishes each new playlist and the run's result, and a second run of the same content publishes no playlist
 * again.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + IngestApplication.NAME, "tunemeld.ingest.schedule=-",
                "tunemeld.spotify-history.schedule=-", "tunemeld.spotify-history.profile-schedule=-"})
class IngestRunControllerTest {

    private static final ServiceInfrastructure INFRASTRUCTURE = ServiceInfrastructure.get();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The one directory the service may read payloads under. */
    @TempDir
    static Path root;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRASTRUCTURE.register(registry, "ingest");
        registry.add("tunemeld.ingest.payload-roots", () -> root.toString());
    }

    @Test
    void aRunPublishesEachNewPlaylistAndItsResultAndNothingAgainForTheSameContent() throws Exception {
        String genre = "genre-" + UUID.randomUUID().toString().substring(0, 8);
        Path dir = Files.createDirectories(root.resolve(genre).resolve("spotify"));
        Files.copy(Path.of("..", "samples", "spotify", "dance.json"), dir.resolve(genre + ".json"));

        HttpResponse<String> first = run(dir.getParent());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"genre\":\"" + genre + "\"", "\"status\":\"PUBLISHED\"");
        String runId = first.body().replaceFirst("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
        try (var consumer = INFRASTRUCTURE.consumer(Topics.RAW_PLAYLISTS)) {
            RawPlaylistFetched fetched = TopicRecords.first(consumer, Topics.RAW_PLAYLISTS.name(),
                    record -> record.value().getGenre().equals(genre)).value();
            assertThat(fetched.getRunId()).isEqualTo(runId);
            assertThat(fetched.getPayload()).isEqualTo(Files.readString(dir.resolve(genre + ".json")));
        }
        try (var consumer = INFRASTRUCTURE.consumer(Topics.INGEST_RUNS)) {
            RunFinished finished = TopicRecords.first(consumer, Topics.INGEST_RUNS.name(),
                    record -> record.value().getRunId().equals(runId)).value();
            assertThat(finished.getFailures()).isEmpty();
            assertThat(finished.getPublished()).as("what the genre's edition waits for").containsExactly(genre + "/spotify");
        }
        long published = TopicRecords.endOffset(INFRASTRUCTURE.bootstrapServers(), Topics.RAW_PLAYLISTS.name());

        HttpResponse<String> again = run(dir.getParent());
        assertThat(again.body()).contains("\"status\":\"UNCHANGED\"");
        assertThat(TopicRecords.endOffset(INFRASTRUCTURE.bootstrapServers(), Topics.RAW_PLAYLISTS.name())).isEqualTo(published);
        String againId = again.body().replaceFirst("(?s).*?\"id\":\"([^\"]+)\".*", "$1");
        try (var consumer = INFRASTRUCTURE.consumer(Topics.INGEST_RUNS)) {
            assertThat(TopicRecords.first(consumer, Topics.INGEST_RUNS.name(), record -> record.value().getRunId().equals(againId))
                    .value().getPublished()).as("an edition of nothing").isEmpty();
        }
    }

    @Test
    void aDirectoryOutsideThePayloadRootsIsRefused() throws Exception {
        HttpResponse<String> response = run(Path.of("/etc"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("not a directory inside the payload roots");
    }

    private HttpResponse<String> run(Path dir) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs?dir=" + dir))
                .header("Authorization", "Bearer " + INFRASTRUCTURE.adminToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
