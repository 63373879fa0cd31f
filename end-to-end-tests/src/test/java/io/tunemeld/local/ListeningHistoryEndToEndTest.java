package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A listener's Spotify plays read as a delta from a stand-in of the Web API: only plays after the stored
 * cursor are asked for, each stored once, and the playlist they were played from is fetched through the
 * playlist source, once a week at most, and goes through the pipeline.
 */
class ListeningHistoryEndToEndTest {

    private static final String PLAYLIST = "7DgPQwzEoUVfQYBiMLER9Z";
    private static final String PLAYLIST_GENRE = "discovered-7dgpqwzeouvfqybimler9z";
    private static final Instant T1 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-20T10:04:00Z");
    private static final Instant T3 = Instant.parse("2026-11-20T10:08:00Z");
    private static final Instant T4 = Instant.parse("2026-11-20T11:30:00Z");

    @Test
    void newPlaysAreStoredOnceAndThePlaylistsTheyCameFromAreFetchedOnceAWeek() throws Exception {
        LocalStack stack = SharedStack.get();
        var apis = SharedStack.musicApis();
        // from the start: three plays, two from a playlist; after T3: the play at T3 again (overlap) and a new one
        apis.stubFor(recentlyPlayed(0).willReturn(WireMock.okJson(page(T3,
                play("4uLU6hMCjMI75M1A2tKUQC", "NO CAP", "Disclosure", "USA2P2510203", T1, "playlist", "spotify:playlist:" + PLAYLIST),
                play("0VjIjW4GlUZAMYd2vXMi3b", "TESLA", "Mau P", "NL8RL2530184", T2, "playlist", "spotify:playlist:" + PLAYLIST),
                play("6habFhsOp2NvshLv26DqMb", "A Song Of Its Own", "Someone", null, T3, "album", "spotify:album:x")))));
        apis.stubFor(recentlyPlayed(T3.toEpochMilli()).willReturn(WireMock.okJson(page(T4,
                play("6habFhsOp2NvshLv26DqMb", "A Song Of Its Own", "Someone", null, T3, "album", "spotify:album:x"),
                play("4uLU6hMCjMI75M1A2tKUQC", "NO CAP", "Disclosure", "USA2P2510203", T4, null, null)))));
        apis.stubFor(WireMock.get(WireMock.urlPathEqualTo("/v1/playlists/" + PLAYLIST + "/items"))
                .withHeader("Authorization", WireMock.equalTo("Bearer test-token"))
                .willReturn(WireMock.okJson(playlistItems())));
        StackClient client = StackClient.of(stack);

        JsonNode dryRun = client.startRun(Map.of("source", "spotify-history", "dryRun", "true", "wait", "true"));
        assertThat(outcome(dryRun, "history-alice")).isEqualTo("FETCHED dry run: 3 plays after the start, from 1 playlist(s); nothing stored");
        assertThat(plays(stack)).as("a dry run stores nothing").isEmpty();

        JsonNode first = client.startRun(Map.of("source", "spotify-history", "wait", "true"));
        assertThat(outcome(first, "history-alice")).isEqualTo("RECORDED 3 new plays, 1 new playlist(s); next read after " + T3);
        assertThat(outcome(first, PLAYLIST_GENRE)).startsWith("PUBLISHED");
        assertThat(first.toString()).doesNotContain(SharedStack.LISTENER_REFRESH_TOKEN, SharedStack.LISTENER_ACCESS_TOKEN);

        JsonNode second = client.startRun(Map.of("source", "spotify-history", "user", "alice", "wait", "true"));
        assertThat(outcome(second, "history-alice")).as("the play at T3 came again: not stored twice")
                .isEqualTo("RECORDED 1 new plays, 0 new playlist(s); next read after " + T4);
        assertThat(outcome(second, PLAYLIST_GENRE)).as("fetched less than 7 days ago").startsWith("CACHED");

        assertThat(plays(stack)).containsExactly(
                "alice 4uLU6hMCjMI75M1A2tKUQC " + T1 + " USA2P2510203 playlist",
                "alice 0VjIjW4GlUZAMYd2vXMi3b " + T2 + " NL8RL2530184 playlist",
                "alice 6habFhsOp2NvshLv26DqMb " + T3 + " null album",
                "alice 4uLU6hMCjMI75M1A2tKUQC " + T4 + " USA2P2510203 null");
        try (var ingest = DriverManager.getConnection(stack.databaseUrl(), "ingest", "ingest")) {
            var cursor = ingest.createStatement().executeQuery("select played_after from ingest.listening_cursors where user_name = 'alice'");
            assertThat(cursor.next()).isTrue();
            assertThat(cursor.getTimestamp(1).toInstant()).isEqualTo(T4);
        }
        apis.verify(1, WireMock.getRequestedFor(WireMock.urlPathEqualTo("/v1/playlists/" + PLAYLIST + "/items")));
        apis.verify(2, WireMock.getRequestedFor(WireMock.urlPathEqualTo("/v1/me/player/recently-played"))
                .withQueryParam("after", WireMock.equalTo("0")));
        apis.verify(1, WireMock.getRequestedFor(WireMock.urlPathEqualTo("/v1/me/player/recently-played"))
                .withQueryParam("after", WireMock.equalTo(String.valueOf(T3.toEpochMilli()))));

        JsonNode unknown = client.startRun(Map.of("source", "spotify-history", "user", "bob", "wait", "true"));
        assertThat(outcome(unknown, "history-bob")).isEqualTo("FAILED not configured: no refresh token for bob in SPOTIFY_LISTENER_TOKENS");

        SharedStack.awaitCaughtUp();
        JsonNode playlist = client.graphql("query($genre: String!) { playlist(genre: $genre, service: SPOTIFY) { entries { position track { key } } } }",
                Map.of("genre", PLAYLIST_GENRE)).path("playlist");
        List<String> keys = new ArrayList<>();
        playlist.path("entries").forEach(e -> keys.add(e.path("position").asInt() + " " + e.path("track").path("key").asString()));
        assertThat(keys).as("the discovered playlist, through the pipeline").containsExactly("1 USA2P2510203", "2 NL8RL2530184");
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder recentlyPlayed(long after) {
        return WireMock.get(WireMock.urlPathEqualTo("/v1/me/player/recently-played"))
                .withHeader("Authorization", WireMock.equalTo("Bearer " + SharedStack.LISTENER_ACCESS_TOKEN))
                .withQueryParam("after", WireMock.equalTo(String.valueOf(after))).withQueryParam("limit", WireMock.equalTo("50"));
    }

    /** A page of recently played as Spotify answers it: newest first, no next page. */
    private static String page(Instant newest, String... plays) {
        List<String> newestFirst = new ArrayList<>(List.of(plays));
        Collections.reverse(newestFirst);
        return "{\"items\": [" + String.join(",", newestFirst) + "], \"next\": null, \"limit\": 50, \"cursors\": {\"after\": \""
                + newest.toEpochMilli() + "\", \"before\": \"0\"}}";
    }

    private static String play(String id, String name, String artist, String isrc, Instant playedAt, String contextType,
            String contextUri) {
        String context = contextType == null ? "null" : "{\"type\": \"%s\", \"uri\": \"%s\"}".formatted(contextType, contextUri);
        return """
                {"track": {"id": "%s", "name": "%s", "artists": [{"name": "%s"}], "external_ids": %s,
                  "album": {"name": "%s"}}, "played_at": "%s", "context": %s}"""
                .formatted(id, name, artist, isrc == null ? "{}" : "{\"isrc\": \"" + isrc + "\"}", name, playedAt, context);
    }

    /** The discovered playlist's items, in the Web API's playlist-items shape. */
    private static String playlistItems() {
        return """
                {"total": 2, "offset": 0, "next": null, "items": [
                  {"track": {"id": "4uLU6hMCjMI75M1A2tKUQC", "name": "NO CAP", "artists": [{"name": "Disclosure"}, {"name": "Anderson .Paak"}],
                   "external_ids": {"isrc": "USA2P2510203"}, "album": {"name": "NO CAP", "images": []},
                   "external_urls": {"spotify": "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC"}}},
                  {"track": {"id": "0VjIjW4GlUZAMYd2vXMi3b", "name": "TESLA", "artists": [{"name": "Mau P"}],
                   "external_ids": {"isrc": "NL8RL2530184"}, "album": {"name": "TESLA", "images": []},
                   "external_urls": {"spotify": "https://open.spotify.com/track/0VjIjW4GlUZAMYd2vXMi3b"}}}]}""";
    }

    private static String outcome(JsonNode run, String genre) {
        for (JsonNode outcome : run.path("playlists")) {
            if (genre.equals(outcome.path("genre").asString())) {
                return outcome.path("status").asString() + " " + outcome.path("detail").asString("");
            }
        }
        throw new AssertionError("no outcome for " + genre + " in " + run);
    }

    private static List<String> plays(LocalStack stack) throws Exception {
        List<String> plays = new ArrayList<>();
        try (var ingest = DriverManager.getConnection(stack.databaseUrl(), "ingest", "ingest")) {
            var rows = ingest.createStatement().executeQuery("""
                    select user_name, spotify_track_id, played_at, isrc, context_type from ingest.play_history order by played_at""");
            while (rows.next()) {
                plays.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getTimestamp(3).toInstant() + " " + rows.getString(4)
                        + " " + rows.getString(5));
            }
        }
        return plays;
    }
}
