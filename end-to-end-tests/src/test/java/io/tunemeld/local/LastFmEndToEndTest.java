package io.tunemeld.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.tunemeld.local.ops.DeadLetters;
import io.tunemeld.schemas.Topics;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A listener's top tracks from Last.fm (a local stand-in) through the whole stack: paged, the rate limit
 * (error 29) waited out, recordings of one song made one, each song on the canonical key the editorial
 * playlists gave it (the ISRC) or on a key of its own, with the listener's plays.
 */
// two pages for six songs
@StackSetup(properties = "tunemeld.lastfm.page-size=3")
class LastFmEndToEndTest {

    private static final String USER = "RJ";
    private static final String CHART = "lastfm-rj";
    /** "No Broke Boys", Disco Lines and Tinashe; "A New Day (feat. Celine Dion)"; "TESLA", Mau P: from the samples. */
    private static final String NO_BROKE_BOYS = "USAT22504362";
    private static final String A_NEW_DAY = "US38Y2560326";
    private static final String TESLA = "NL8RL2530184";

    @Test
    void aListenersTopTracksBecomeAChartOfCanonicalTracksWithTheirPlays() throws Exception {
        LocalStack stack = SharedStack.get();
        SharedStack.samplesRun();
        var apis = SharedStack.musicApis();
        // page 1 of 2 (3 a page): the rate limit first, answered as Last.fm does, with its code in the body
        apis.stubFor(topTracks(1).inScenario("rate limit").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("waited")
                .willReturn(WireMock.aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": 29, \"message\": \"Rate Limit Exceeded\"}")));
        apis.stubFor(topTracks(1).inScenario("rate limit").whenScenarioStateIs("waited").willReturn(WireMock.okJson(page(1,
                track(1, "No Broke Boys (feat. Tinashe)", "Disco Lines", 120, ""),
                track(2, "A New Day (feat. Celine Dion)", "Sebastian Ingrosso", 80, ""),
                // another recording's entry of the first song, with a MusicBrainz id: the better-described version
                track(3, "No Broke Boys", "Disco Lines", 40, "5b3e2c1a-0000-4000-8000-000000000001")))));
        apis.stubFor(topTracks(2).willReturn(WireMock.okJson(page(2,
                track(4, "Tesla", "MAU P", 30, ""),
                track(5, "Songs Nobody Charts", "Someone Unknown", 10, ""),
                track(6, "Past The Limit", "Someone Unknown", 5, "")))));
        StackClient client = StackClient.of(stack);

        JsonNode dryRun = client.startRun(Map.of("source", "lastfm", "user", USER, "maxSongs", "5", "dryRun", "true", "wait", "true"));
        JsonNode fetched = dryRun.path("playlists").get(0);
        assertThat(fetched.path("status").asString()).isEqualTo("FETCHED");
        assertThat(fetched.path("detail").asString()).contains("5 songs", "No Broke Boys (feat. Tinashe)", "120 plays", "nothing stored");
        try (var ingest = DriverManager.getConnection(stack.databaseUrl(), "ingest", "ingest")) {
            var rows = ingest.createStatement().executeQuery("select count(*) from ingest.raw_payloads where genre = '" + CHART + "'");
            rows.next();
            assertThat(rows.getInt(1)).as("a dry run stores nothing").isZero();
        }

        JsonNode run = client.startRun(Map.of("source", "lastfm", "user", USER, "maxSongs", "5", "wait", "true"));
        assertThat(run.path("playlists").get(0).path("status").asString()).isEqualTo("PUBLISHED");
        apis.verify(0, WireMock.getRequestedFor(WireMock.urlPathEqualTo("/2.0/")).withQueryParam("page", WireMock.equalTo("3")));
        SharedStack.awaitCaughtUp();

        // once for the dry run, once for the run; a page of 3 (maxSongs 5 needs two), never a third page
        apis.verify(2, WireMock.getRequestedFor(WireMock.urlPathEqualTo("/2.0/")).withQueryParam("page", WireMock.equalTo("2"))
                .withQueryParam("method", WireMock.equalTo("user.gettoptracks")).withQueryParam("limit", WireMock.equalTo("3")));
        JsonNode chart = client.graphql("""
                query($genre: String!) { playlist(genre: $genre, service: LASTFM) {
                    name length entries { position playCount matchMethod track { key title artist } } }
                  aggregatePlaylist(genre: $genre) { length } }""", Map.of("genre", CHART));
        JsonNode playlist = chart.path("playlist");
        assertThat(playlist.path("name").asString()).isEqualTo("RJ's top tracks on Last.fm");
        assertThat(playlist.path("length").asInt()).as("songs as fetched: maxSongs, not the 6 Last.fm has").isEqualTo(5);
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : playlist.path("entries")) {
            entries.add(entry.path("position").asInt() + " " + entry.path("track").path("key").asString() + " "
                    + entry.path("playCount").asLong() + " " + entry.path("matchMethod").asString());
        }
        String unknown = playlist.path("entries").get(3).path("track").path("key").asString();
        assertThat(entries).as("position, canonical key, plays, how it was identified").containsExactly(
                // both recordings of the song, as one: its best position, the plays of both
                "1 " + NO_BROKE_BOYS + " 160 CATALOG",
                "2 " + A_NEW_DAY + " 80 CATALOG",
                "4 " + TESLA + " 30 CATALOG",
                "5 " + unknown + " 10 FALLBACK");
        assertThat(unknown).startsWith("hash:");
        assertThat(chart.path("aggregatePlaylist").isNull()).as("a listener's chart is no genre's aggregate").isTrue();

        try (var track = DriverManager.getConnection(stack.databaseUrl(), "track", "track")) {
            var row = track.prepareStatement("select title, artist, services from track.tracks where track_key = ?");
            row.setString(1, unknown);
            var found = row.executeQuery();
            assertThat(found.next()).as("the song no playlist has is a canonical track of its own").isTrue();
            assertThat(found.getString("title") + " / " + found.getString("artist")).isEqualTo("Songs Nobody Charts / Someone Unknown");
            assertThat(found.getString("services")).contains("lastfm");
        }
        try (var deadLetters = new DeadLetters(stack.kafkaBootstrapServers())) {
            // the playlist key of the chart: neither the normalizer nor the aggregate (which has no use for it) failed on it
            for (String topic : List.of(Topics.Names.RAW_PLAYLISTS, Topics.Names.PLAYLIST_SNAPSHOTS)) {
                assertThat(deadLetters.list(Topics.deadLetter(topic))).as(topic).noneMatch(l -> String.valueOf(l.key()).contains(CHART));
            }
        }
    }

    private static com.github.tomakehurst.wiremock.client.MappingBuilder topTracks(int page) {
        return WireMock.get(WireMock.urlPathEqualTo("/2.0/")).withQueryParam("method", WireMock.equalTo("user.gettoptracks"))
                .withQueryParam("user", WireMock.equalTo(USER)).withQueryParam("api_key", WireMock.equalTo(SharedStack.LASTFM_KEY))
                .withQueryParam("page", WireMock.equalTo(String.valueOf(page)));
    }

    /** A page of {@code user.gettoptracks} as Last.fm answers it: numbers as strings, 2 pages of 3. */
    private static String page(int page, String... tracks) {
        return """
                {"toptracks": {"track": [%s],
                  "@attr": {"user": "RJ", "totalPages": "2", "page": "%d", "perPage": "3", "total": "6"}}}"""
                .formatted(String.join(",", tracks), page);
    }

    private static String track(int rank, String name, String artist, int plays, String mbid) {
        return """
                {"name": "%s", "playcount": "%d", "mbid": "%s", "duration": "0",
                 "url": "https://www.last.fm/music/%s/_/%s", "streamable": {"fulltrack": "0", "#text": "0"},
                 "artist": {"name": "%s", "mbid": "", "url": "https://www.last.fm/music/%s"},
                 "image": [{"size": "small", "#text": ""}, {"size": "large", "#text": ""}],
                 "@attr": {"rank": "%d"}}""".formatted(name, plays, mbid, artist.replace(' ', '+'), name.replace(' ', '+'), artist,
                artist.replace(' ', '+'), rank);
    }
}
