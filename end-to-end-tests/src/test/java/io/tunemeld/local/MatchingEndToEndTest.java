package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.tunemeld.local.cli.MatchReportCommand;
import io.tunemeld.local.ops.PipelineProgress;
import io.tunemeld.normalizer.NormalizerApplication;
import io.tunemeld.normalizer.identity.MatchMethod;
import io.tunemeld.normalizer.identity.MatchReport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Hand-made payloads (src/test/resources/handmade) whose overlaps can only be found by matching: Apple
 * Music entries carry no ISRC, SoundCloud uploads lack a publisher, names differ in accents, case,
 * "The", featured credits and separators. Apple Music's arrive first, before the catalog knows any ISRC, so
 * they are resolved again as the others teach it. Both genres' full aggregates are checked: ranks, keys, scores, positions.
 */
class MatchingEndToEndTest {

    private static final String AGGREGATE_QUERY = """
            query($genre: String!) { aggregatePlaylist(genre: $genre) { entries {
              rank score serviceCount previousRank peakRank daysOnList movement isNew
              track { key title } positions { service position matchMethod matchConfidence } } } }""";
    private static final String PLAYLIST_QUERY = """
            query($genre: String!, $service: Service!) { playlist(genre: $genre, service: $service) {
              length entries { position matchMethod track { key } } } }""";

    private static StackClient client;

    @BeforeAll
    static void ingestTheHandMadePayloads() throws Exception {
        LocalStack stack = SharedStack.get();
        client = StackClient.of(stack);
        Path handmade = Path.of(MatchingEndToEndTest.class.getResource("/handmade").toURI());
        // a run publishes the services with ISRCs first: Apple Music's playlists go in a run of their own before
        client.startRun(Map.of("dir", handmade.toString(), "service", "apple_music", "trigger", "test", "wait", "true"));
        client.ingest(handmade, "test");
        try (var progress = new PipelineProgress(stack.kafkaBootstrapServers())) {
            assertThat(progress.awaitCaughtUp(Duration.ofMinutes(2))).as("caught up: %s", progress.lag()).isTrue();
        }
    }

    @Test
    void synthpopJoinsTheServicesByCatalogAndBreaksTheTieByKey() throws Exception {
        JsonNode entries = aggregate("synthpop");

        // Midnight Drive: Spotify 1/6, Apple Music 3/5 (no ISRC; "Elodie" = "Élodie"), SoundCloud 1/4 (no
        // publisher: "Artist - Title") = 5 + 2 + 3 + 30 = 40. Glass Hearts: Spotify 2/6 ("The Velvet Echo"),
        // Apple 1/5 ("Velvet Echo"), SoundCloud 2/4 (its repost at 3 is the same song) = 4 + 4 + 2 + 30 = 40:
        // same score, services and best position, so the key decides. Afterglow: 6/6, 5/5 ("Kite, Compass"),
        // 4/4 = 30. "Stay" by other artists and "Paper Moon" without "Remastered 2011" stay apart.
        assertThat(rows(entries)).containsExactly(
                tuple(1, "USAAA2600001", 40.0, Map.of("SPOTIFY", 1, "APPLE_MUSIC", 3, "SOUNDCLOUD", 1)),
                tuple(2, "USAAA2600002", 40.0, Map.of("SPOTIFY", 2, "APPLE_MUSIC", 1, "SOUNDCLOUD", 2)),
                tuple(3, "USAAA2600005", 30.0, Map.of("SPOTIFY", 6, "APPLE_MUSIC", 5, "SOUNDCLOUD", 4)));

        Map<String, String> methods = new java.util.HashMap<>();
        entries.get(0).path("positions").forEach(p -> methods.put(p.path("service").asString(),
                p.path("matchMethod").asString() + " " + p.path("matchConfidence").asDouble()));
        assertThat(methods).isEqualTo(Map.of("SPOTIFY", "PAYLOAD 1.0", "APPLE_MUSIC", "CATALOG 1.0", "SOUNDCLOUD", "CATALOG 0.9"));
        for (JsonNode entry : entries) {
            assertThat(entry.path("peakRank").asInt()).isLessThanOrEqualTo(entry.path("rank").asInt());
            assertThat(entry.path("daysOnList").asInt()).isPositive();
            assertThat(entry.path("isNew").asBoolean()).isEqualTo("NEW".equals(entry.path("movement").asString()));
        }
    }

    @Test
    void lofiMatchesAcrossAccentsCaseAndAReversedSoundCloudTitle() throws Exception {
        // Rainy Café: Spotify 1/3, Apple Music 2/2 ("Rainy Cafe", "Chloe Sun"), SoundCloud 1/1 ("Title -
        // Artist") = 2 + 0 + 0 + 30 = 32. Slow Tide: Spotify 3/3 (position 2 was a removed track), Apple 1/2
        // ("MOSS") = 0 + 1 + 20 = 21.
        assertThat(rows(aggregate("lofi"))).containsExactly(
                tuple(1, "GBBBB2600010", 32.0, Map.of("SPOTIFY", 1, "APPLE_MUSIC", 2, "SOUNDCLOUD", 1)),
                tuple(2, "GBBBB2600011", 21.0, Map.of("SPOTIFY", 3, "APPLE_MUSIC", 1)));
    }

    @Test
    void theServicesOwnPlaylistsKeepTheirPositionsAndLengths() throws Exception {
        JsonNode spotify = playlist("synthpop", "SPOTIFY");
        assertThat(spotify.path("length").asInt()).as("the malformed entry still counts").isEqualTo(6);
        assertThat(positionsToKeys(spotify)).containsExactly(tuple(1, "USAAA2600001"), tuple(2, "USAAA2600002"),
                tuple(3, "USAAA2600003"), tuple(4, "USAAA2600004"), tuple(6, "USAAA2600005"));

        JsonNode soundcloud = playlist("synthpop", "SOUNDCLOUD");
        assertThat(soundcloud.path("length").asInt()).isEqualTo(4);
        assertThat(positionsToKeys(soundcloud)).as("the repost at 3 is kept once, at its best position")
                .containsExactly(tuple(1, "USAAA2600001"), tuple(2, "USAAA2600002"), tuple(4, "USAAA2600005"));

        JsonNode apple = playlist("synthpop", "APPLE_MUSIC");
        List<String> fallbacks = new ArrayList<>();
        apple.path("entries").forEach(e -> {
            if ("FALLBACK".equals(e.path("matchMethod").asString())) {
                fallbacks.add(e.path("position").asInt() + ":" + e.path("track").path("key").asString().substring(0, 5));
            }
        });
        assertThat(fallbacks).as("the decoy Stay and the un-remastered Paper Moon").containsExactly("2:hash:", "4:hash:");
    }

    @Test
    void aTrackWithoutAnIsrcIsReachedByItsKeyAndOnlyAWellFormedKeyIsTaken() throws Exception {
        JsonNode decoy = playlist("synthpop", "APPLE_MUSIC").path("entries").get(1);
        assertThat(decoy.path("matchMethod").asString()).isEqualTo("FALLBACK");
        String key = decoy.path("track").path("key").asString();
        String byKey = "query($key: String!) { track(key: $key) { key isrc title } }";

        JsonNode track = client.graphql(byKey, Map.of("key", key)).path("track");
        assertThat(track.path("key").asString()).isEqualTo(key);
        assertThat(track.path("isrc").isNull()).isTrue();
        assertThat(track.path("title").asString()).isEqualTo("Stay");
        assertThat(client.graphql(byKey, Map.of("key", "USAAA2600001")).path("track"))
                .isEqualTo(client.graphql("{ track(isrc: \"USAAA2600001\") { key isrc title } }", Map.of()).path("track"));
        assertThat(client.graphql(byKey, Map.of("key", "hash:0000000000000000")).path("track").isNull()).as("no such track").isTrue();

        assertThatThrownBy(() -> client.graphql("{ track(isrc: \"USAAA2600001\", key: \"USAAA2600001\") { title } }", Map.of()))
                .hasMessageContaining("one of them");
        assertThatThrownBy(() -> client.graphql("{ track { title } }", Map.of())).hasMessageContaining("one of them");
        for (String malformed : List.of("hash:*", "tunemeld:track:" + key, "hash:" + "a".repeat(65), "", "usaaa2600001")) {
            assertThatThrownBy(() -> client.graphql(byKey, Map.of("key", malformed))).as(malformed).hasMessageContaining("key must be");
        }
    }

    @Test
    void theRunningStacksMatchReportSaysWhyEachFallbackWasRefusedAndTakesTheAdminToken() throws Exception {
        LocalStack stack = SharedStack.get();
        String normalizer = stack.serviceUrl(NormalizerApplication.NAME);
        Map<Integer, MatchReport.Row> apple = new java.util.HashMap<>();
        MatchReportCommand.rows(client.matchReport(normalizer)).stream()
                .filter(row -> row.genre().equals("synthpop") && row.service().equals("apple_music"))
                .forEach(row -> apple.put(row.position(), row));

        assertThat(apple).containsOnlyKeys(1, 2, 3, 4, 5);
        assertThat(apple.get(3)).extracting(MatchReport.Row::trackKey, MatchReport.Row::method, MatchReport.Row::confidence, MatchReport.Row::closest)
                .containsExactly("USAAA2600001", MatchMethod.CATALOG, 1.0, null);
        assertThat(apple.get(2).method()).isEqualTo(MatchMethod.FALLBACK);
        assertThat(apple.get(2).closest()).extracting(MatchReport.Closest::isrc, MatchReport.Closest::reason)
                .containsExactly("USAAA2600003", "artists: [justin bieber, kid laroi] and [rihanna] share none");
        assertThat(apple.get(4).closest()).extracting(MatchReport.Closest::isrc, MatchReport.Closest::reason)
                .containsExactly("USAAA2600004", "version marker: 'remastered 2011' on one title only");

        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(normalizer + "/api/match-reports"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("without the admin token").isEqualTo(401);
    }

    private static JsonNode aggregate(String genre) throws Exception {
        return client.graphql(AGGREGATE_QUERY, Map.of("genre", genre)).path("aggregatePlaylist").path("entries");
    }

    private static JsonNode playlist(String genre, String service) throws Exception {
        return client.graphql(PLAYLIST_QUERY, Map.of("genre", genre, "service", service)).path("playlist");
    }

    private static List<Tuple> rows(JsonNode entries) {
        List<Tuple> rows = new ArrayList<>();
        entries.forEach(e -> {
            Map<String, Integer> positions = new java.util.HashMap<>();
            e.path("positions").forEach(p -> positions.put(p.path("service").asString(), p.path("position").asInt()));
            rows.add(tuple(e.path("rank").asInt(), e.path("track").path("key").asString(), e.path("score").asDouble(), positions));
        });
        return rows;
    }

    private static List<Tuple> positionsToKeys(JsonNode playlist) {
        List<Tuple> rows = new ArrayList<>();
        playlist.path("entries").forEach(e -> rows.add(tuple(e.path("position").asInt(), e.path("track").path("key").asString())));
        return rows;
    }
}
