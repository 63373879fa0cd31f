package io.tunemeld.local;

import static io.tunemeld.local.TrackSchema.query;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.tunemeld.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The enrichment cascade through the whole stack, against the Spotify and YouTube stand-ins: tracks seen
 * for the first time in a genre whose settings switch enrichment on get their Spotify metadata, each new
 * artist its own, then the audience on YouTube; each step is an event; GraphQL serves the result. A
 * track Spotify does not know is recorded as not found, a genre with enrichment off gets nothing,
 * {@code --force-refresh} fetches again, and so does a result that has grown old; the web page shows it.
 */
// enrichment on for its genre only, every step of it
@StackSetup(properties = {
        "tunemeld.enrichment.genres." + EnrichmentEndToEndTest.GENRE + ".track-metadata=true",
        "tunemeld.enrichment.genres." + EnrichmentEndToEndTest.GENRE + ".artist-metadata=true",
        "tunemeld.enrichment.genres." + EnrichmentEndToEndTest.GENRE + ".audience=true"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnrichmentEndToEndTest {

    /** The one genre the shared stack enriches. */
    static final String GENRE = "enrichment-check";
    private static final String OFF_GENRE = "enrichment-off";
    /** Linked on Spotify: its page gives the id. */
    private static final String LINKED = "QZES82600002";
    /** No Spotify page: found by searching its ISRC. */
    private static final String SEARCHED = "QZES82600004";
    /** Spotify answers 404 for its page. */
    private static final String UNKNOWN = "QZES82600003";
    /** Seen only in a genre with enrichment off. */
    private static final String NOT_ENRICHED = "QZES82600005";
    private static final String DETAILS = """
            query($isrc: String!) { track(isrc: $isrc) { details { spotifyId album releaseDate durationMs popularity explicit genres
              artists { id name genres popularity followers } } viewCounts { service current } } }""";

    @TempDir
    static Path dir;
    private static LocalStack stack;
    private static StackClient client;
    /** A sample track YouTube has a video of (found by the samples' look-ups), seen on Spotify here: its audience can be read. */
    private static String watched;
    private static final String WATCHED_SPOTIFY_ID = "enrWatched1";

    @BeforeAll
    static void ingestedInAnEnrichedGenre() throws Exception {
        stack = SharedStack.get();
        client = StackClient.of(stack);
        SharedStack.samplesRun();
        String title;
        String artist;
        try (Connection track = TrackSchema.connect(); var rows = track.createStatement().executeQuery("""
                select isrc, title, artist from track.tracks where youtube_url is not null and track_key = isrc order by isrc limit 1""")) {
            assertThat(rows.next()).as("a sample track with a YouTube video").isTrue();
            watched = rows.getString(1);
            title = rows.getString(2);
            artist = rows.getString(3);
        }
        var spotify = SharedStack.musicApis();
        spotify.stubFor(WireMock.get("/v1/tracks/" + WATCHED_SPOTIFY_ID).willReturn(WireMock.okJson(track(WATCHED_SPOTIFY_ID, watched,
                "Watched Album", "2025-08-01", 71, "[{\"id\": \"artNova\", \"name\": \"Nova Lane\"}]"))));
        spotify.stubFor(WireMock.get("/v1/tracks/enrLinked2").willReturn(WireMock.okJson(track("enrLinked2", LINKED,
                "Harbour Lights", "2026-03", null,
                "[{\"id\": \"artNova\", \"name\": \"Nova Lane\"}, {\"id\": \"artKite\", \"name\": \"Kite Harbor\"}]"))));
        spotify.stubFor(WireMock.get("/v1/tracks/enrUnknown3").willReturn(WireMock.aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": {\"status\": 404, \"message\": \"Resource not found\"}}")));
        spotify.stubFor(WireMock.get(WireMock.urlPathEqualTo("/v1/search")).atPriority(1)
                .withQueryParam("q", WireMock.equalTo("isrc:" + SEARCHED))
                .willReturn(WireMock.okJson("{\"tracks\": {\"items\": [{\"id\": \"enrSearched4\", \"name\": \"Found By Code\","
                        + " \"artists\": [{\"name\": \"Kite Harbor\"}], \"external_ids\": {\"isrc\": \"" + SEARCHED + "\"}}]}}")));
        spotify.stubFor(WireMock.get("/v1/tracks/enrSearched4").willReturn(WireMock.okJson(track("enrSearched4", SEARCHED,
                "Found By Code", "2024", 12, "[{\"id\": \"artKite\", \"name\": \"Kite Harbor\"}]"))));
        // one artist as Spotify describes it to an app in extended mode, one as to a development-mode app (no popularity, no followers)
        spotify.stubFor(WireMock.get("/v1/artists/artNova").willReturn(WireMock.okJson("""
                {"id": "artNova", "name": "Nova Lane", "genres": ["synthpop", "indietronica"], "popularity": 55,
                 "followers": {"href": null, "total": 12345}}""")));
        spotify.stubFor(WireMock.get("/v1/artists/artKite").willReturn(WireMock.okJson("""
                {"id": "artKite", "name": "Kite Harbor", "genres": ["dream pop"]}""")));

        Files.createDirectories(dir.resolve("spotify"));
        Files.writeString(dir.resolve("spotify/" + GENRE + ".json"), "[" + String.join(",",
                entry(1, title, artist, watched, "https://open.spotify.com/track/" + WATCHED_SPOTIFY_ID),
                entry(2, "Harbour Lights", "Nova Lane", LINKED, "https://open.spotify.com/track/enrLinked2"),
                entry(3, "Nobody Knows This", "Ghost Act", UNKNOWN, "https://open.spotify.com/track/enrUnknown3"),
                entry(4, "Found By Code", "Kite Harbor", SEARCHED, null)) + "]");
        // Apple Music lists one of them too (no ISRC: matched by the catalog), so the genre has an aggregate
        Files.createDirectories(dir.resolve("apple_music"));
        Files.writeString(dir.resolve("apple_music/" + GENRE + ".json"), """
                {"album_details": {"0": {"name": "Harbour Lights", "artist": "Nova Lane", "album": "Harbour Lights",
                  "link": "https://music.apple.com/us/album/harbour-lights/1?i=2"}}}""");
        Files.writeString(dir.resolve("spotify/" + OFF_GENRE + ".json"), "["
                + entry(1, "Left Alone", "Quiet Genre", NOT_ENRICHED, "https://open.spotify.com/track/enrOff5") + "]");
        client.ingest(dir, "test");
        SharedStack.awaitCaughtUp();
    }

    @Test
    @Order(1)
    void newTracksGetTheirMetadataTheirArtistsTheirsAndGraphqlServesIt() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode details = details(LINKED);
            assertThat(details.path("spotifyId").asString()).isEqualTo("enrLinked2");
            assertThat(details.path("album").asString()).isEqualTo("Harbour Lights");
            assertThat(details.path("releaseDate").asString()).isEqualTo("2026-03");
            assertThat(details.path("durationMs").asInt()).isEqualTo(201_000);
            assertThat(details.path("popularity").isNull()).as("left out by Spotify: unknown, not 0").isTrue();
            assertThat(details.path("explicit").asBoolean()).isFalse();
            assertThat(texts(details.path("genres"))).as("the artists' genres, once the artists are enriched")
                    .containsExactly("synthpop", "indietronica", "dream pop");
            JsonNode nova = details.path("artists").get(0);
            assertThat(nova.path("name").asString()).isEqualTo("Nova Lane");
            assertThat(nova.path("popularity").asInt()).isEqualTo(55);
            assertThat(nova.path("followers").asLong()).isEqualTo(12345);
            JsonNode kite = details.path("artists").get(1);
            assertThat(kite.path("followers").isNull()).isTrue();
            assertThat(texts(kite.path("genres"))).containsExactly("dream pop");
        });
        assertThat(details(SEARCHED).path("spotifyId").asString()).as("found by its ISRC").isEqualTo("enrSearched4");
        assertThat(details(SEARCHED).path("releaseDate").asString()).isEqualTo("2024");
        assertThat(details(watched).path("popularity").asInt()).isEqualTo(71);
        // each artist is fetched once, however many of the tracks name it
        SharedStack.musicApis().verify(1, WireMock.getRequestedFor(WireMock.urlEqualTo("/v1/artists/artNova")));
        SharedStack.musicApis().verify(1, WireMock.getRequestedFor(WireMock.urlEqualTo("/v1/artists/artKite")));
        assertThat(query("select outcome || ' ' || detail from track.enrichment_steps where subject = ? and step = 'TRACK_METADATA'", LINKED))
                .isEqualTo("ENRICHED enrLinked2");
        assertThat(query("select due_at - done_at from track.enrichment_steps where subject = ? and step = 'TRACK_METADATA'", LINKED))
                .as("fetched again once 30 days old").isEqualTo("30 days");
        assertThat(query("select genres::text from track.enrichment_steps where subject = 'artNova' and step = 'ARTIST_METADATA'", null))
                .isEqualTo("{" + GENRE + "}");
    }

    @Test
    @Order(2)
    void theAudienceFollowsOnThePlatformsOfTheGenreWhereTheTrackHasAPage() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(query("select outcome || ' ' || detail from track.enrichment_steps where subject = ? and step = 'AUDIENCE'", watched))
                    .isEqualTo("ENRICHED youtube counted");
            assertThat(query("select outcome || ' ' || detail from track.enrichment_steps where subject = ? and step = 'AUDIENCE'", LINKED))
                    .isEqualTo("NOT_FOUND no page on [youtube]");
        });
        assertThat(query("select due_at - done_at from track.enrichment_steps where subject = ? and step = 'AUDIENCE'", watched))
                .as("read again once 7 days old").isEqualTo("7 days");
        assertThat(query("select count(*) from track.view_counts where isrc = ? and service = 'youtube'", watched)).isEqualTo("1");
        JsonNode views = client.graphql(DETAILS, Map.of("isrc", watched)).path("track").path("viewCounts");
        assertThat(views.get(0).path("service").asString()).isEqualTo("YOUTUBE");
    }

    @Test
    @Order(3)
    void whatSpotifyDoesNotKnowIsNotFoundAndAGenreWithEnrichmentOffGetsNothing() throws Exception {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(query("select outcome from track.enrichment_steps where subject = ? and step = 'TRACK_METADATA'", UNKNOWN))
                        .isEqualTo("NOT_FOUND"));
        assertThat(query("select detail from track.enrichment_steps where subject = ? and step = 'TRACK_METADATA'", UNKNOWN))
                .contains("404");
        assertThat(client.graphql(DETAILS, Map.of("isrc", UNKNOWN)).path("track").path("details").isNull()).isTrue();
        assertThat(query("select count(*) from track.enrichment_steps where subject = ?", NOT_ENRICHED))
                .as("no step for a track only seen in a genre with enrichment off").isEqualTo("0");
        SharedStack.musicApis().verify(0, WireMock.getRequestedFor(WireMock.urlEqualTo("/v1/tracks/enrOff5")));
        assertThat(client.graphql(DETAILS, Map.of("isrc", NOT_ENRICHED)).path("track").path("details").isNull()).isTrue();
    }

    @Test
    @Order(4)
    void aFreshResultIsNotFetchedAgainButAForcedRefreshFetchesTheTrackAndItsArtistsAgain() throws Exception {
        var spotify = SharedStack.musicApis();
        JsonNode unforced = client.enrich(stack.serviceUrl("track-service"), Map.of("track", LINKED, "force", "false"));
        assertThat(unforced.path("forced").asInt()).isZero();
        spotify.verify(1, WireMock.getRequestedFor(WireMock.urlEqualTo("/v1/tracks/enrLinked2")));
        spotify.stubFor(WireMock.get("/v1/tracks/enrLinked2").willReturn(WireMock.okJson(track("enrLinked2", LINKED,
                "Harbour Lights (Deluxe)", "2026-03-13", 64, "[{\"id\": \"artNova\", \"name\": \"Nova Lane\"}]"))));

        JsonNode forced = client.enrich(stack.serviceUrl("track-service"), Map.of("track", LINKED, "force", "true"));

        assertThat(forced.path("forced").asInt()).isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode details = details(LINKED);
            assertThat(details.path("album").asString()).isEqualTo("Harbour Lights (Deluxe)");
            assertThat(details.path("popularity").asInt()).isEqualTo(64);
            assertThat(details.path("artists").size()).isEqualTo(1);
            spotify.verify(2, WireMock.getRequestedFor(WireMock.urlEqualTo("/v1/artists/artNova")));
        });
        spotify.verify(2, WireMock.getRequestedFor(WireMock.urlEqualTo("/v1/tracks/enrLinked2")));
    }

    @Test
    @Order(5)
    void aResultThatHasGrownOldIsFetchedAgainWithoutAnyoneAsking() throws Exception {
        int before = SharedStack.musicApis().findAll(WireMock.getRequestedFor(WireMock.urlEqualTo("/v1/tracks/enrSearched4"))).size();
        try (Connection track = TrackSchema.connect(); var statement = track.prepareStatement("""
                update track.enrichment_steps set due_at = now() - interval '1 second'
                where subject = ? and step = 'TRACK_METADATA'""")) {
            // as if its 30 days had passed
            statement.setString(1, SEARCHED);
            assertThat(statement.executeUpdate()).isEqualTo(1);
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(SharedStack.musicApis().findAll(WireMock.getRequestedFor(WireMock.urlEqualTo("/v1/tracks/enrSearched4"))))
                        .hasSize(before + 1));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(query("select due_at > now() + interval '29 days' from track.enrichment_steps where subject = ?"
                        + " and step = 'TRACK_METADATA'", SEARCHED)).isEqualTo("t"));
    }

    @Test
    @Order(6)
    void theWebPageShowsTheReleaseYearDurationAndGenresOfAnEnrichedTrack() {
        WebDriver browser = Browser.open(stack.serviceUrl("cache-service") + "/");
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#genres button[data-genre='" + GENRE + "']"))).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("aggregate"), "data-genre", GENRE));
            // as the forced refresh left it: released 2026-03-13, 201 s, its one artist's two genres
            assertThat(browser.findElement(By.cssSelector("#aggregate tr[data-track-key='" + LINKED + "'] .details")).getText())
                    .isEqualTo("2026 · 3:21 · synthpop · indietronica");
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(7)
    void theEnrichmentTopicsUseTheConfluentWireFormat() throws Exception {
        for (String topic : List.of(Topics.Names.ENRICHMENT_REQUESTS, Topics.Names.ENRICHMENTS)) {
            PipelineEndToEndTest.assertConfluentWireFormat(stack, topic);
        }
    }

    private static String track(String id, String isrc, String album, String released, Integer popularity, String artists) {
        return """
                {"id": "%s", "name": "Song %s", "duration_ms": 201000, "explicit": false, %s
                 "external_ids": {"isrc": "%s"}, "album": {"name": "%s", "release_date": "%s"}, "artists": %s}"""
                .formatted(id, id, popularity == null ? "" : "\"popularity\": " + popularity + ",", isrc, album, released, artists);
    }

    private static String entry(int position, String title, String artist, String isrc, String url) {
        return """
                {"name": "%s", "artists": ["%s"], "isrc": "%s", "list_position": %d, "url": %s}"""
                .formatted(title.replace("\"", "\\\""), artist.replace("\"", "\\\""), isrc, position, url == null ? "null" : "\"" + url + "\"");
    }

    private static JsonNode details(String isrc) throws Exception {
        return client.graphql(DETAILS, Map.of("isrc", isrc)).path("track").path("details");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }
}
