package io.tunemeld.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.tunemeld.ingest.IngestApplication;
import io.tunemeld.local.ops.PipelineProgress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Ingest from the APIs through the real stack: the Spotify client fetches a playlist page by page from a
 * local stub of the Web API, an editorial playlist's 404 is explained, services without credentials say
 * what is missing while the others run, the cache spares the API on the next run, and the client secret
 * shows nowhere (runs, logs).
 */
// the playlists ingest-service watches, on the Spotify stand-in
@StackSetup(properties = "tunemeld.ingest.playlists-file=classpath:api-playlists.yml")
class ApiIngestEndToEndTest {

    private static final String PLAYLIST = "/v1/playlists/0ApiDanceTestPlaylist1/items";

    @Test
    void fetchesThePlaylistsItCanExplainsTheOthersAndReusesWhatItFetched() throws Exception {
        LocalStack stack = SharedStack.get();
        WireMockServer apis = SharedStack.musicApis();
        stubTwoPages(apis);
        apis.stubFor(get(urlPathEqualTo("/v1/playlists/37i9dQZF1DX4dyzvuaRJ0n/items")).willReturn(aResponse().withStatus(404)));
        var client = StackClient.of(stack);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);

        JsonNode first = client.startRun(Map.of("trigger", "test", "wait", "true"));

        Map<String, String> outcomes = outcomes(first);
        assertThat(outcomes.get("api-dance/spotify")).isEqualTo("PUBLISHED");
        assertThat(outcomes.get("api-dance/apple_music")).isEqualTo("FAILED not configured: RAPIDAPI_KEY is not set");
        assertThat(outcomes.get("api-dance/soundcloud")).isEqualTo("FAILED not configured: RAPIDAPI_KEY is not set");
        assertThat(outcomes.get("api-editorial/spotify")).startsWith("FAILED").contains("HTTP 404").contains("editorial playlists");
        assertLastRunMetrics(stack, first);
        try (var progress = new PipelineProgress(stack.kafkaBootstrapServers())) {
            assertThat(progress.awaitCaughtUp(Duration.ofMinutes(2))).isTrue();
        }
        JsonNode playlist = client.graphql("{ playlist(genre: \"api-dance\", service: SPOTIFY) { length entries { position } } }",
                Map.of()).path("playlist");
        JsonNode entries = playlist.path("entries");
        assertThat(playlist.path("length").asInt()).as("both pages").isEqualTo(75);
        // the playlist lists 7 songs twice: each is kept once, at its best position
        assertThat(entries.size()).isEqualTo(68);
        assertThat(entries.get(entries.size() - 1).path("position").asInt()).as("from the second page").isEqualTo(75);

        JsonNode second = client.startRun(Map.of("trigger", "test", "wait", "true", "genre", "api-dance", "service", "spotify"));
        JsonNode forced = client.startRun(Map.of("trigger", "test", "wait", "true", "genre", "api-dance", "service", "spotify",
                "force", "true"));

        assertThat(outcomes(second)).containsOnlyKeys("api-dance/spotify");
        assertThat(outcomes(second).get("api-dance/spotify")).startsWith("CACHED");
        assertThat(outcomes(forced).get("api-dance/spotify")).startsWith("UNCHANGED");
        assertLastRunMetrics(stack, forced);
        apis.verify(4, getRequestedFor(urlPathEqualTo(PLAYLIST)));
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        String everything = client.runs(null).toString() + logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(everything).contains("api-dance").doesNotContain(SharedStack.SPOTIFY_SECRET);
    }

    private static void stubTwoPages(WireMockServer apis) throws Exception {
        var json = JsonMapper.shared();
        JsonNode all = json.readTree(Files.readString(Path.of("../normalizer-service/src/test/resources/payloads/spotify_web_api-dance.json")));
        ArrayNode items = (ArrayNode) all.path("items");
        ObjectNode first = json.createObjectNode().put("total", 75).put("offset", 0).put("next", "page-2");
        first.set("items", json.createArrayNode().addAll(java.util.stream.IntStream.range(0, 50).mapToObj(items::get).toList()));
        ObjectNode second = json.createObjectNode().put("total", 75).put("offset", 50).putNull("next");
        second.set("items", json.createArrayNode().addAll(java.util.stream.IntStream.range(50, 75).mapToObj(items::get).toList()));
        apis.stubFor(get(urlPathEqualTo(PLAYLIST)).withQueryParam("offset", equalTo("0")).withHeader("Authorization", equalTo("Bearer test-token"))
                .willReturn(okJson(json.writeValueAsString(first))));
        apis.stubFor(get(urlPathEqualTo(PLAYLIST)).withQueryParam("offset", equalTo("50")).willReturn(okJson(json.writeValueAsString(second))));
    }

    /** What the ingest alerts read: the run's end and its failed playlists, as the ingest-service exports them. */
    private static void assertLastRunMetrics(LocalStack stack, JsonNode run) throws Exception {
        long failed = outcomes(run).values().stream().filter(outcome -> outcome.startsWith("FAILED")).count();
        PrometheusScrape metrics = PrometheusScrape.of(stack, IngestApplication.NAME);
        assertThat(metrics.sum("tunemeld_ingest_last_run_failed_playlists ")).as("failed playlists of the last run").isEqualTo(failed);
        assertThat(metrics.sum("tunemeld_ingest_last_run_finished_seconds ")).as("the last run's end, Unix time")
                .isCloseTo(Instant.parse(run.path("finishedAt").asString()).toEpochMilli() / 1000.0, within(0.001));
    }

    private static Map<String, String> outcomes(JsonNode run) {
        Map<String, String> outcomes = new TreeMap<>();
        run.path("playlists").forEach(p -> outcomes.put(p.path("genre").asString() + "/" + p.path("service").asString(),
                p.path("status").asString() + (p.path("detail").isNull() ? "" : " " + p.path("detail").asString())));
        return outcomes;
    }
}
