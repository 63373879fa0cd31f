package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import io.tunemeld.local.TraceCollector.ReceivedSpan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One ingest of one playlist is one trace, as the collector the services export to receives it: from
 * the run through the normalizer, track-service, aggregate-service and cache-service, every hop a child
 * of the span that published what it consumed.
 */
class TracingEndToEndTest {

    private static final String GENRE = "traced";

    @Test
    void aPlaylistsTraceSpansAllFiveServices() throws Exception {
        LocalStack stack = SharedStack.get();
        TraceCollector collector = SharedStack.traces();
        Path payloads = PayloadDirectory.create("traced").with("spotify", GENRE, """
                [{"name": "Signal Lamp", "artists": ["Orla Quay"], "artist": "Orla Quay", "album_name": "Lamp",
                  "song_id": "9Ztraced00000000000001", "url": "https://open.spotify.com/track/9Ztraced00000000000001",
                  "isrc": "QZTRC2600001", "list_position": 1, "list_length": 2},
                 {"name": "Harbour Wire", "artists": ["Orla Quay"], "artist": "Orla Quay", "album_name": "Wire",
                  "song_id": "9Ztraced00000000000002", "url": "https://open.spotify.com/track/9Ztraced00000000000002",
                  "isrc": "QZTRC2600002", "list_position": 2, "list_length": 2}]""").path();

        StackClient.of(stack).ingest(payloads, "test");
        SharedStack.awaitCaughtUp();

        ReceivedSpan playlist = await().atMost(Duration.ofSeconds(30)).until(
                () -> collector.spans(span -> span.name().equals("ingest " + GENRE + "/spotify")), spans -> spans.size() == 1).get(0);
        Set<String> services = Set.of("ingest-service", "normalizer-service", "track-service", "aggregate-service", "cache-service");
        // what each service exported of it, with the external calls made on its behalf (track-service's
        // searches of the SoundCloud stand-in for the new tracks), arrives within the exporters' delay
        await().atMost(Duration.ofSeconds(30)).until(() -> collector.trace(playlist.traceId()).stream()
                .map(span -> span.service() + (span.name().equals("http get") ? " calls" : "")).collect(Collectors.toSet()),
                seen -> seen.containsAll(services) && seen.contains("track-service calls"));
        List<ReceivedSpan> trace = collector.trace(playlist.traceId());
        Map<String, ReceivedSpan> byId = trace.stream().collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity(), (a, b) -> a));

        ReceivedSpan run = byId.get(playlist.parentSpanId());
        assertThat(run).as("the playlist's span hangs in its run's").isNotNull();
        assertThat(run.name()).isEqualTo("ingest run");
        assertThat(playlist.attributes()).containsEntry("tunemeld.genre", GENRE).containsEntry("tunemeld.service", "spotify");
        // each service's first span in the trace consumed what another service published within it
        for (String service : services) {
            if (service.equals("ingest-service")) {
                continue;
            }
            assertThat(trace).as(service + " consumed, as a child of a publishing span of another service")
                    .anySatisfy(span -> {
                        assertThat(span.service()).isEqualTo(service);
                        ReceivedSpan parent = byId.get(span.parentSpanId());
                        assertThat(parent).isNotNull();
                        assertThat(parent.service()).isNotEqualTo(service);
                    });
        }
        assertThat(trace).as("a batch listener's span (track-service's sightings)")
                .anySatisfy(span -> {
                    assertThat(span.service()).isEqualTo("track-service");
                    assertThat(span.name()).endsWith(" process");
                    assertThat(span.attributes()).containsKey("messaging.batch.message_count");
                });
        assertThat(trace).as("an external call made on its behalf").anySatisfy(span -> {
            assertThat(span.service()).isEqualTo("track-service");
            assertThat(span.attributes().get("http.url")).isEqualTo(SharedStack.musicApis().baseUrl() + SharedStack.SOUNDCLOUD_SEARCH);
            assertThat(byId.get(span.parentSpanId()).name()).isEqualTo("normalizer.service-tracks process");
        });
    }

    @Test
    void noSpanTheServicesExportedCarriesASecret() throws Exception {
        SharedStack.samplesRun();
        List<String> secrets = List.of(SharedStack.SPOTIFY_SECRET, SharedStack.LISTENER_REFRESH_TOKEN, SharedStack.LISTENER_ACCESS_TOKEN,
                SharedStack.LASTFM_KEY, SharedStack.YOUTUBE_KEY, SharedStack.RAPIDAPI_KEY, SharedStack.get().adminToken(),
                "webhook-secret-never-shown");
        // YouTube's key and Last.fm's travel in the query, the others in headers; a call that fails on its way
        // (the connection reset) is recorded with the client's error, which names the URL
        String user = "tracing-reset";
        SharedStack.musicApis().stubFor(WireMock.get(WireMock.urlPathEqualTo("/2.0/")).withQueryParam("user", WireMock.equalTo(user))
                .willReturn(WireMock.aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        JsonNode run = StackClient.of(SharedStack.get()).startRun(Map.of("source", "lastfm", "user", user, "wait", "true"));
        assertThat(run.path("playlists").path(0).path("status").asString()).isEqualTo("FAILED");
        await().atMost(Duration.ofSeconds(30)).until(() -> SharedStack.traces().spans(span -> span.name().equals("http get")
                && span.attributes().getOrDefault("http.url", "").endsWith("/2.0/")
                && span.texts().stream().anyMatch(text -> text.contains("I/O error on GET request for"))), found -> !found.isEmpty());

        List<ReceivedSpan> all = SharedStack.traces().spans(span -> true);
        assertThat(all).isNotEmpty().allSatisfy(span -> assertThat(Stream.concat(span.attributes().values().stream(), span.texts().stream()))
                .noneMatch(value -> secrets.stream().anyMatch(value::contains)));
    }
}
